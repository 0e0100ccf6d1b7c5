import { Decimal, formatMoney, money, MoneyError, sumMoney } from '../../nodes/shared/money';

function catchError(action: () => unknown): unknown {
	try {
		action();
	} catch (error) {
		return error;
	}
	throw new Error('expected an error');
}

/** Deterministic pseudo-random integers (LCG) so failures reproduce. */
function* randomIntegers(count: number, seed: number, max: number): Generator<number> {
	let state = seed;
	for (let index = 0; index < count; index += 1) {
		state = (state * 1103515245 + 12345) % 2147483648;
		yield (state % (2 * max + 1)) - max;
	}
}

function centsToString(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const magnitude = Math.abs(cents);
	return `${sign}${Math.floor(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`;
}

describe('Decimal.parse', () => {
	it.each([
		['12', '12'],
		['-0.5', '-0.5'],
		['+3.25', '3.25'],
		['.5', '0.5'],
		['1.50', '1.5'],
		['-0.00', '0'],
		['007.10', '7.1'],
		['  270.63 ', '270.63'],
		['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
	])('parses %j canonically as %s', (input, canonical) => {
		expect(Decimal.parse(input).toString()).toBe(canonical);
	});

	it('accepts finite numbers without exponent through their string form', () => {
		expect(Decimal.parse(0.1).toString()).toBe('0.1');
		expect(Decimal.parse(-0).toString()).toBe('0');
		expect(Decimal.parse(0.0825).toString()).toBe('0.0825');
		expect(Decimal.parse(270.63).toString()).toBe('270.63');
	});

	it('accepts bigint and Decimal', () => {
		expect(Decimal.parse(12345n).toString()).toBe('12345');
		const value = Decimal.parse('1.5');
		expect(Decimal.parse(value)).toBe(value);
	});

	it.each([
		[''],
		['   '],
		['abc'],
		['1e3'],
		['1,234.56'],
		['$5'],
		['12.'],
		['1.2.3'],
		['- 5'],
		['0x10'],
		[Number.NaN],
		[Number.POSITIVE_INFINITY],
		[1e21],
		[1e-7],
	])('rejects %j with a MoneyError naming the field and the value', (input) => {
		const error = catchError(() => Decimal.parse(input as string, 'items[0].total'));
		expect(error).toBeInstanceOf(MoneyError);
		const moneyError = error as MoneyError;
		expect(moneyError.field).toBe('items[0].total');
		expect(moneyError.reason).toBe('invalid-decimal');
		expect(moneyError.message).toContain('"items[0].total"');
		expect(moneyError.message).toContain(moneyError.value);
	});

	it('rejects values of other types at run time', () => {
		expect(() => Decimal.parse(null as unknown as string, 'total')).toThrow(MoneyError);
		expect(() => Decimal.parse(undefined as unknown as string)).toThrow(/Value undefined is not a valid decimal/);
		expect(() => Decimal.parse(true as unknown as string)).toThrow(MoneyError);
	});

	it('quotes string values in the message so stray spaces and commas are visible', () => {
		expect(() => Decimal.parse('1,234.56', 'subTotal')).toThrow('Field "subTotal" has value "1,234.56"');
	});
});

describe('Decimal arithmetic', () => {
	it('adds 0.1 and 0.2 to exactly 0.3', () => {
		expect(Decimal.parse('0.1').add('0.2').eq('0.3')).toBe(true);
		expect(Decimal.parse(0.1).add(0.2).toString()).toBe('0.3');
	});

	it('subtracts, multiplies exactly and negates', () => {
		expect(Decimal.parse('270.63').sub('250.00').toString()).toBe('20.63');
		expect(Decimal.parse('1.5').mul('110.0000').toString()).toBe('165');
		expect(Decimal.parse('0.0825').mul('250').toString()).toBe('20.625');
		expect(Decimal.parse('-3.333').mul('3').toString()).toBe('-9.999');
		expect(Decimal.parse('12.5').neg().toString()).toBe('-12.5');
		expect(Decimal.parse('-12.5').abs().toString()).toBe('12.5');
		expect(Decimal.parse('12.5').abs().toString()).toBe('12.5');
	});

	it('compares by value regardless of trailing zeros', () => {
		expect(Decimal.parse('1.50').cmp('1.5')).toBe(0);
		expect(Decimal.parse('1.5').cmp('1.49')).toBe(1);
		expect(Decimal.parse('-1.5').cmp('1')).toBe(-1);
		expect(Decimal.parse('2').eq('2.000')).toBe(true);
		expect(Decimal.parse('0.00').isZero()).toBe(true);
		expect(Decimal.parse('-0.01').sign()).toBe(-1);
		expect(Decimal.parse('0').sign()).toBe(0);
		expect(Decimal.parse('0.01').sign()).toBe(1);
	});

	it('is immutable', () => {
		const value = Decimal.parse('1.25');
		value.add('1');
		value.mul('3');
		value.round(1);
		expect(value.toString()).toBe('1.25');
	});

	it('sums thousands of random cent amounts exactly like integer cents', () => {
		const cents = [...randomIntegers(5000, 42, 10_000_000)];
		const expected = cents.reduce((total, value) => total + value, 0);
		const total = sumMoney(cents.map(centsToString));
		expect(total.toFixed(2)).toBe(centsToString(expected));
		expect(total.units * 10n ** BigInt(2 - total.scale)).toBe(BigInt(expected));
	});

	it('exposes normalised units and scale', () => {
		const value = Decimal.fromUnits(12500n, 3);
		expect(value.units).toBe(125n);
		expect(value.scale).toBe(1);
		expect(value.toString()).toBe('12.5');
	});
});

describe('rounding', () => {
	it.each([
		['1.005', '1.01'],
		['-1.005', '-1.01'],
		['1.004', '1.00'],
		['-1.004', '-1.00'],
		['2.675', '2.68'],
		['0.125', '0.13'],
		['20.625', '20.63'],
		['-20.625', '-20.63'],
		['0.995', '1.00'],
	])('rounds %s half-up (away from zero) to %s', (input, expected) => {
		expect(Decimal.parse(input).toFixed(2)).toBe(expected);
		expect(Decimal.parse(input).round(2).eq(expected)).toBe(true);
	});

	it.each([
		['1.005', '1.00'],
		['1.015', '1.02'],
		['-1.025', '-1.02'],
		['-1.035', '-1.04'],
		['1.0051', '1.01'],
	])('rounds %s half-even to %s', (input, expected) => {
		expect(Decimal.parse(input).toFixed(2, 'halfEven')).toBe(expected);
	});

	it('never prints negative zero', () => {
		expect(Decimal.parse('-0.004').toFixed(2)).toBe('0.00');
		expect(Decimal.parse('-0.5').toFixed(2)).toBe('-0.50');
		expect(Decimal.parse('-7').toFixed(0)).toBe('-7');
	});

	it('leaves values that already fit unchanged', () => {
		expect(Decimal.parse('3.1').round(2).toString()).toBe('3.1');
		expect(Decimal.parse('3').toFixed(3)).toBe('3.000');
	});

	it('rejects invalid scales', () => {
		expect(() => Decimal.parse('1').round(-1)).toThrow(MoneyError);
		expect(() => Decimal.parse('1').toFixed(1.5)).toThrow(MoneyError);
	});
});

describe('boundary conversions', () => {
	it('converts to number only at the boundary and serialises as a string', () => {
		expect(Decimal.parse('270.63').toNumber()).toBe(270.63);
		expect(Decimal.parse('-0.5').toNumber()).toBe(-0.5);
		expect(Decimal.parse('999999999999.99').toNumber()).toBe(999999999999.99);
		expect(Decimal.parse('0.0825').toNumber()).toBe(0.0825);
		expect(JSON.stringify({ amount: Decimal.parse('1.50') })).toBe('{"amount":"1.5"}');
	});

	it('refuses a value that would arrive as another number, naming it', () => {
		const error = catchError(() => Decimal.parse('12345678901234567.89').toNumber('Payment 880011 amount')) as MoneyError;
		expect(error).toBeInstanceOf(MoneyError);
		expect(error.reason).toBe('not-exact-as-number');
		expect(error.field).toBe('Payment 880011 amount');
		expect(error.message).toContain('Payment 880011 amount is 12345678901234567.89');
		expect(error.message).toContain('would arrive as 12345678901234568');
		expect(() => Decimal.parse('-12345678901234567.89').toNumber()).toThrow(MoneyError);
		expect(() => Decimal.parse('0.12345678901234567891').toNumber()).toThrow(MoneyError);
		expect(() => Decimal.parse('1000000000000000000000').toNumber()).toThrow(/would arrive as 1e\+21/);
	});
});

describe('scale bound', () => {
	it('refuses more than 100 decimals when parsing, naming the field', () => {
		const error = catchError(() => Decimal.parse(`0.${'1'.repeat(150)}`, 'unitPrice')) as MoneyError;
		expect(error).toBeInstanceOf(MoneyError);
		expect(error.reason).toBe('too-many-decimals');
		expect(error.field).toBe('unitPrice');
		expect(error.message).toContain('has 150 decimals; at most 100 are accepted');
	});

	it('accepts 100 decimals, and trailing zeros beyond them', () => {
		const hundred = `0.${'3'.repeat(100)}`;
		expect(Decimal.parse(hundred).toString()).toBe(hundred);
		expect(Decimal.parse(`1.${'0'.repeat(150)}`).toString()).toBe('1');
	});

	it('prints a product with more decimals than any parsed value', () => {
		const third = Decimal.parse(`0.${'3'.repeat(100)}`);
		expect(third.mul(third).toString()).toBe(`0.${'1'.repeat(99)}0${'8'.repeat(99)}9`);
		expect(third.mul(third).scale).toBe(200);
	});
});

describe('money helpers', () => {
	it('accepts at most 2 decimals after trailing zeros are removed', () => {
		expect(money('12.500').toString()).toBe('12.5');
		expect(money(' -12.50 ').toFixed(2)).toBe('-12.50');
		expect(money(12).toFixed(2)).toBe('12.00');
	});

	it('rejects more than 2 significant decimals, naming the field', () => {
		const error = catchError(() => money('12.505', 'salesTax')) as MoneyError;
		expect(error).toBeInstanceOf(MoneyError);
		expect(error.reason).toBe('too-many-decimals');
		expect(error.field).toBe('salesTax');
		expect(error.message).toContain('has more than 2 decimals');
		expect(error.message).toContain('"salesTax"');
	});

	it('sums money and names the offending element', () => {
		expect(sumMoney(['270.63', '-12.50', '0.00', 5]).toFixed(2)).toBe('263.13');
		expect(sumMoney([]).toFixed(2)).toBe('0.00');
		expect(() => sumMoney(['1.00', 'oops'], 'lines')).toThrow('Field "lines[1]"');
	});

	it('formats with exactly 2 decimals and refuses to round silently', () => {
		expect(formatMoney(Decimal.parse('5'))).toBe('5.00');
		expect(formatMoney('-0.1')).toBe('-0.10');
		expect(() => formatMoney(Decimal.parse('1.005'))).toThrow(/more than 2 decimals/);
		expect(formatMoney(Decimal.parse('1.005').round(2))).toBe('1.01');
	});
});
