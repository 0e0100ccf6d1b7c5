'use strict';
/**
 * Integer-cent money helpers for the ServiceTitan simulator.
 *
 * Every amount is handled as an integer number of cents (or hundredths of a unit for quantities, or
 * parts-per-million for tax rates). Floats are only ever produced for *display* of values that the
 * real API sends as JSON numbers (CRM / inventory / pricebook / JPM modules).
 *
 * Rounding rule used everywhere: half away from zero ("round half up" on the absolute value), so a
 * credit (negative amount) rounds to exactly the negation of the matching debit.
 */

/**
 * Integer division of a non-negative-or-negative integer numerator by a positive integer divisor,
 * rounding half away from zero. Exact for |numerator| < 2^53.
 * @param {number} numerator integer
 * @param {number} divisor positive integer
 * @returns {number}
 */
function divRound(numerator, divisor) {
	const sign = numerator < 0 ? -1 : 1;
	const abs = Math.abs(numerator);
	const q = Math.floor(abs / divisor);
	const r = abs - q * divisor;
	const rounded = r * 2 >= divisor ? q + 1 : q;
	return rounded === 0 ? 0 : sign * rounded;
}

/**
 * Parse a decimal string (or number) into an integer count of 1/10^scale units, rounding half away
 * from zero beyond `scale` decimals. Returns NaN when the input is not a plain decimal.
 * @param {string|number} value
 * @param {number} scale number of decimals (2 for cents)
 * @returns {number}
 */
function parseScaled(value, scale) {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return NaN;
		// Number → shortest round-trip string, then exact decimal parsing (avoids 1.005*100 = 100.4999).
		value = String(value);
		if (/e/i.test(value)) value = Number(value).toFixed(12);
	}
	if (typeof value !== 'string') return NaN;
	const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(value);
	if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return NaN;
	const sign = m[1] === '-' ? -1 : 1;
	const intPart = m[2] === '' ? '0' : m[2];
	const frac = m[3] || '';
	const kept = (frac + '0'.repeat(scale)).slice(0, scale);
	let units = Number(intPart) * 10 ** scale + Number(kept || '0');
	const next = frac.length > scale ? Number(frac[scale]) : 0;
	if (next >= 5) units += 1;
	return units === 0 ? 0 : sign * units;
}

/**
 * "270.63" | 270.63 → 27063. NaN when not parseable.
 * @param {string|number} value
 * @returns {number}
 */
function toCents(value) {
	return parseScaled(value, 2);
}

/**
 * 27063 → "270.63"; -5 → "-0.05".
 * @param {number} cents integer
 * @returns {string}
 */
function fmtCents(cents) {
	if (!Number.isInteger(cents)) throw new Error(`fmtCents: not an integer: ${cents}`);
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	const whole = Math.floor(abs / 100);
	const frac = abs - whole * 100;
	return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * Cents → JSON number with 2 decimals (for modules where money is a number).
 * @param {number} cents
 * @returns {number}
 */
function centsToNumber(cents) {
	return Number(fmtCents(cents));
}

/**
 * Quantity as integer hundredths: "1.5" → 150, 2 → 200.
 * @param {string|number} value
 * @returns {number}
 */
function toQtyHundredths(value) {
	return parseScaled(value, 2);
}

/**
 * Hundredths → minimal decimal string: 150 → "1.5", 200 → "2", 225 → "2.25", -100 → "-1".
 * @param {number} q
 * @returns {string}
 */
function fmtQty(q) {
	const s = fmtCents(q);
	return s.replace(/\.?0+$/, '');
}

/**
 * Line total in cents = quantity × unit price, rounded half away from zero.
 * @param {number} qtyHundredths
 * @param {number} priceCents
 * @returns {number}
 */
function lineTotalCents(qtyHundredths, priceCents) {
	return divRound(qtyHundredths * priceCents, 100);
}

/**
 * Tax rate fraction (0.0825) → parts per million (82500), exact for up to 6 decimals.
 * @param {number|string} rate
 * @returns {number}
 */
function rateToPpm(rate) {
	return parseScaled(rate, 6);
}

/**
 * Sales tax in cents = taxable cents × rate, rounded half away from zero.
 * @param {number} taxableCents
 * @param {number} ppm rate in parts per million
 * @returns {number}
 */
function taxCents(taxableCents, ppm) {
	return divRound(taxableCents * ppm, 1000000);
}

/**
 * Split `totalCents` across `weights` (integers) so that the parts sum exactly to the total
 * (largest-remainder method). Used to allocate bill tax/shipping over lines.
 * @param {number} totalCents
 * @param {number[]} weights
 * @returns {number[]}
 */
function allocate(totalCents, weights) {
	const sumW = weights.reduce((a, b) => a + Math.abs(b), 0);
	if (sumW === 0) return weights.map((_, i) => (i === 0 ? totalCents : 0));
	const sign = totalCents < 0 ? -1 : 1;
	const abs = Math.abs(totalCents);
	const raw = weights.map((w) => (abs * Math.abs(w)) / sumW);
	const base = raw.map((x) => Math.floor(x));
	let rest = abs - base.reduce((a, b) => a + b, 0);
	const order = raw.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (let k = 0; k < order.length && rest > 0; k++, rest--) base[order[k][1]] += 1;
	return base.map((x) => (x === 0 ? 0 : sign * x));
}

module.exports = {
	divRound,
	parseScaled,
	toCents,
	fmtCents,
	centsToNumber,
	toQtyHundredths,
	fmtQty,
	lineTotalCents,
	rateToPpm,
	taxCents,
	allocate,
};
