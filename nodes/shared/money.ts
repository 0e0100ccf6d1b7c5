/**
 * Exact decimal arithmetic for money, quantities and prices.
 *
 * A Decimal is `units / 10^scale` with `units` a bigint, so adding, subtracting and multiplying
 * never lose a cent. Values are always normalised (no trailing zeros in `units`), which makes
 * `toString()` canonical: equal values print equally ("1.50" and "1.5" both print "1.5").
 * Rounding only happens when asked for, via `round` / `toFixed`.
 */

export type RoundingMode = 'halfUp' | 'halfEven';

export type DecimalInput = Decimal | string | number | bigint;

export type MoneyErrorReason = 'invalid-decimal' | 'too-many-decimals' | 'invalid-scale' | 'not-exact-as-number';

export class MoneyError extends Error {
	readonly field: string | undefined;
	/** The offending value as shown in the message (strings quoted). */
	readonly value: string;
	readonly reason: MoneyErrorReason;

	constructor(message: string, details: { field?: string; value: string; reason: MoneyErrorReason }) {
		super(message);
		this.name = 'MoneyError';
		this.field = details.field;
		this.value = details.value;
		this.reason = details.reason;
	}
}

const DECIMAL_TEXT = /^([+-]?)(?:(\d+)(?:\.(\d+))?|\.(\d+))$/;
const MAX_SCALE = 100;

function describeValue(value: unknown): string {
	let shown: string;
	if (typeof value === 'string') shown = JSON.stringify(value);
	else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') shown = String(value);
	else if (value === null) shown = 'null';
	else if (value === undefined) shown = 'undefined';
	else shown = `(${typeof value})`;
	return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}

function invalidDecimal(value: unknown, field: string | undefined): MoneyError {
	const shown = describeValue(value);
	const subject = field ? `Field "${field}" has value ${shown}, which` : `Value ${shown}`;
	return new MoneyError(
		`${subject} is not a valid decimal number. Use digits with an optional "." and decimals ` +
			`(e.g. "1234.56" or "-12.5"); thousands separators, currency symbols and exponents are not accepted.`,
		{ field, value: shown, reason: 'invalid-decimal' },
	);
}

function tooManyDecimals(value: unknown, field: string | undefined, decimals: number): MoneyError {
	const shown = describeValue(value);
	const subject = field ? `Field "${field}" has value ${shown}, which` : `Value ${shown}`;
	return new MoneyError(`${subject} has ${decimals} decimals; at most ${MAX_SCALE} are accepted. Round it before passing it on.`, {
		field,
		value: shown,
		reason: 'too-many-decimals',
	});
}

function checkScale(scale: number): void {
	if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
		throw new MoneyError(`Scale must be an integer from 0 to ${MAX_SCALE}, got ${String(scale)}.`, {
			value: String(scale),
			reason: 'invalid-scale',
		});
	}
}

function pow10(exponent: number): bigint {
	return 10n ** BigInt(exponent);
}

/** `units / 10^scale` printed with exactly `scale` decimals. */
function formatUnits(units: bigint, scale: number): string {
	const negative = units < 0n;
	const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
	const integerDigits = digits.slice(0, digits.length - scale);
	const fractionDigits = digits.slice(digits.length - scale);
	return `${negative ? '-' : ''}${integerDigits}${scale > 0 ? `.${fractionDigits}` : ''}`;
}

export class Decimal {
	static readonly ZERO = new Decimal(0n, 0);

	/** Normalised: `scale` is the number of decimals actually needed (trailing zeros removed). */
	readonly units: bigint;
	readonly scale: number;

	private constructor(units: bigint, scale: number) {
		let normalisedUnits = units;
		let normalisedScale = scale;
		while (normalisedScale > 0 && normalisedUnits % 10n === 0n) {
			normalisedUnits /= 10n;
			normalisedScale -= 1;
		}
		this.units = normalisedUnits;
		this.scale = normalisedScale;
	}

	/** `units / 10^scale`, e.g. `Decimal.fromUnits(12345n, 2)` is 123.45. */
	static fromUnits(units: bigint, scale: number): Decimal {
		checkScale(scale);
		return new Decimal(units, scale);
	}

	/**
	 * Parses "12", "-0.5", "+3.25", ".5" (surrounding whitespace ignored). Rejects "", "abc",
	 * "1,234.56" (thousands separators are ambiguous between locales), "1e3" and "$5".
	 * JSON numbers (as sent by ERPs and ServiceTitan's CRM/inventory APIs) are accepted when finite
	 * and their `String()` form has no exponent; they are converted through that string, so 0.1
	 * becomes exactly 0.1. Numbers such as 1e21 or 1e-7 are rejected; send them as strings.
	 * At most 100 decimals (trailing zeros aside) are accepted.
	 */
	static parse(value: DecimalInput, field?: string): Decimal {
		if (value instanceof Decimal) return value;
		if (typeof value === 'bigint') return new Decimal(value, 0);
		let text: string;
		if (typeof value === 'string') text = value.trim();
		else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
		else throw invalidDecimal(value, field);

		const match = DECIMAL_TEXT.exec(text);
		if (!match) throw invalidDecimal(value, field);
		const [, sign, integerPart, fractionPart, fractionOnly] = match;
		const integerDigits = integerPart ?? '0';
		const fractionDigits = fractionPart ?? fractionOnly ?? '';
		const decimals = fractionDigits.replace(/0+$/, '').length;
		if (decimals > MAX_SCALE) throw tooManyDecimals(value, field, decimals);
		const magnitude = BigInt(integerDigits + fractionDigits);
		return new Decimal(sign === '-' ? -magnitude : magnitude, fractionDigits.length);
	}

	add(other: DecimalInput): Decimal {
		const right = Decimal.parse(other);
		const scale = Math.max(this.scale, right.scale);
		return new Decimal(this.unitsAt(scale) + right.unitsAt(scale), scale);
	}

	sub(other: DecimalInput): Decimal {
		return this.add(Decimal.parse(other).neg());
	}

	mul(other: DecimalInput): Decimal {
		const right = Decimal.parse(other);
		return new Decimal(this.units * right.units, this.scale + right.scale);
	}

	neg(): Decimal {
		return new Decimal(-this.units, this.scale);
	}

	abs(): Decimal {
		return this.units < 0n ? this.neg() : this;
	}

	cmp(other: DecimalInput): -1 | 0 | 1 {
		const right = Decimal.parse(other);
		const scale = Math.max(this.scale, right.scale);
		const left = this.unitsAt(scale);
		const rightUnits = right.unitsAt(scale);
		return left < rightUnits ? -1 : left > rightUnits ? 1 : 0;
	}

	eq(other: DecimalInput): boolean {
		return this.cmp(other) === 0;
	}

	isZero(): boolean {
		return this.units === 0n;
	}

	sign(): -1 | 0 | 1 {
		return this.units < 0n ? -1 : this.units > 0n ? 1 : 0;
	}

	/** halfUp rounds ties away from zero (1.005 → 1.01, -1.005 → -1.01), the accounting default. */
	round(scale: number, mode: RoundingMode = 'halfUp'): Decimal {
		checkScale(scale);
		if (this.scale <= scale) return this;
		const divisor = pow10(this.scale - scale);
		const quotient = this.units / divisor; // truncates toward zero
		const remainder = this.units % divisor;
		const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
		const awayFromZero = this.units < 0n ? -1n : 1n;
		let roundUp: boolean;
		if (twiceRemainder !== divisor) roundUp = twiceRemainder > divisor;
		else roundUp = mode === 'halfUp' || quotient % 2n !== 0n;
		return new Decimal(roundUp ? quotient + awayFromZero : quotient, scale);
	}

	/** Rounds (halfUp unless told otherwise) and prints exactly `scale` decimals: "270.63", "-0.50". */
	toFixed(scale: number, mode: RoundingMode = 'halfUp'): string {
		return formatUnits(this.round(scale, mode).unitsAt(scale), scale);
	}

	/** Canonical form: no exponent, no trailing zeros, no "+", never "-0" ("1.5", "-12", "0"). */
	toString(): string {
		return formatUnits(this.units, this.scale);
	}

	toJSON(): string {
		return this.toString();
	}

	/**
	 * For JSON APIs that insist on numbers, at the boundary only. Refuses a value the number would
	 * change: a double holds about 15 significant digits, so 12345678901234567.89 would arrive as
	 * 12345678901234568. `field` names the value (and its record) in the error.
	 */
	toNumber(field?: string): number {
		const text = this.toString();
		const number = Number(text);
		const arrives = String(number);
		if (!/e/i.test(arrives) && Decimal.parse(arrives).eq(this)) return number;
		const subject = field ? `${field} is ${text}, which` : `${text}`;
		throw new MoneyError(
			`${subject} cannot be sent as a JSON number without changing it: it would arrive as ${arrives}. ` +
				'Numbers keep about 15 significant digits; check the value at its source (it is far larger or more precise than any real amount).',
			{ field, value: describeValue(text), reason: 'not-exact-as-number' },
		);
	}

	private unitsAt(scale: number): bigint {
		return this.units * pow10(scale - this.scale);
	}
}

/** Parses a money amount: at most 2 decimals once trailing zeros are removed ("1.500" is fine, "1.505" is not). */
export function money(value: DecimalInput, field?: string): Decimal {
	const amount = Decimal.parse(value, field);
	if (amount.scale > 2) {
		const shown = describeValue(value instanceof Decimal ? amount.toString() : value);
		const subject = field ? `Field "${field}" has amount ${shown}, which` : `Amount ${shown}`;
		throw new MoneyError(`${subject} has more than 2 decimals. Round it to cents before passing it on.`, {
			field,
			value: shown,
			reason: 'too-many-decimals',
		});
	}
	return amount;
}

/** Exact sum of money amounts; each is checked with `money()` and named `field[index]` in errors. */
export function sumMoney(values: Iterable<DecimalInput>, field = 'amount'): Decimal {
	let total = Decimal.ZERO;
	let index = 0;
	for (const value of values) {
		total = total.add(money(value, `${field}[${index}]`));
		index += 1;
	}
	return total;
}

/** Two-decimal string ("270.63", "-12.50", "0.00"). Refuses values with more decimals: round explicitly first. */
export function formatMoney(value: DecimalInput, field?: string): string {
	return money(value, field).toFixed(2);
}
