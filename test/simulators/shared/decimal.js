'use strict';
/**
 * Exact decimal helpers. Money is kept as integer cents; prices and quantities as canonical decimal
 * strings. JSON numbers are converted through their shortest string form (String(n)), never through
 * float arithmetic.
 */

/**
 * @typedef {{ n: bigint, s: number }} Dec value = n / 10^s
 */

/**
 * Parse a JSON number or numeric string into an exact decimal.
 * @param {unknown} v
 * @returns {Dec | null} null when not a decimal
 */
function parseDec(v) {
	let str;
	if (typeof v === 'number') {
		if (!Number.isFinite(v)) return null;
		str = String(v);
	} else if (typeof v === 'string') {
		str = v.trim();
	} else return null;
	const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(str);
	if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
	const sign = m[1] === '-' ? -1n : 1n;
	const intPart = m[2] || '0';
	const frac = m[3] || '';
	const exp = m[4] ? parseInt(m[4], 10) : 0;
	let n = BigInt(intPart + frac) * sign;
	let s = frac.length - exp;
	if (s < 0) {
		n *= 10n ** BigInt(-s);
		s = 0;
	}
	return normalize({ n, s });
}

/** @param {Dec} d @returns {Dec} */
function normalize(d) {
	let { n, s } = d;
	while (s > 0 && n % 10n === 0n) {
		n /= 10n;
		s -= 1;
	}
	return { n, s };
}

/**
 * Round half away from zero (BC's "=" rounding) to `places` decimals.
 * @param {Dec} d @param {number} places @returns {Dec}
 */
function roundDec(d, places) {
	if (d.s <= places) return d;
	const div = 10n ** BigInt(d.s - places);
	const neg = d.n < 0n;
	const abs = neg ? -d.n : d.n;
	let q = abs / div;
	const r = abs % div;
	if (r * 2n >= div) q += 1n;
	return normalize({ n: neg ? -q : q, s: places });
}

/** @param {Dec} a @param {Dec} b @returns {Dec} */
const mulDec = (a, b) => ({ n: a.n * b.n, s: a.s + b.s });

/** Decimal → integer cents (rounded half away from zero). @param {Dec} d @returns {number} */
function toCents(d) {
	const r = roundDec(d, 2);
	return Number(r.n * 10n ** BigInt(2 - r.s));
}

/** @param {Dec} d @returns {string} canonical string, e.g. "129.5" */
function decToString(d) {
	const neg = d.n < 0n;
	let digits = (neg ? -d.n : d.n).toString();
	if (d.s === 0) return (neg ? '-' : '') + digits;
	while (digits.length <= d.s) digits = '0' + digits;
	const i = digits.length - d.s;
	return (neg ? '-' : '') + digits.slice(0, i) + '.' + digits.slice(i);
}

/** Canonical decimal string → JSON number. @param {string} s */
const decStringToNumber = (s) => Number(s);

/** Integer cents → JSON number (exact shortest form, e.g. 12345 → 123.45). @param {number} c */
const centsToNumber = (c) => Number(decToString({ n: BigInt(c), s: 2 }));

/**
 * line amount in cents = round(quantity × unitPrice) (half away from zero).
 * @param {string} qty canonical decimal string @param {string} price canonical decimal string
 */
function lineAmountCents(qty, price) {
	const a = parseDec(qty);
	const b = parseDec(price);
	if (!a || !b) return 0;
	return toCents(mulDec(a, b));
}

/**
 * cents × percent / 100, rounded to cents.
 * @param {number} cents @param {string} percent canonical decimal string
 */
function percentOfCents(cents, percent) {
	const p = parseDec(percent);
	if (!p) return 0;
	// cents * p / 100 → as a Dec in cents: n = cents * p.n, s = p.s + 2 ; round to 0 places
	const d = { n: BigInt(cents) * p.n, s: p.s + 2 };
	const r = roundDec(d, 0);
	return Number(r.n * 10n ** BigInt(-r.s));
}

/**
 * Compare two decimals (JSON numbers or numeric strings) exactly: -1, 0, 1, or NaN when either is not a decimal.
 * @param {unknown} a @param {unknown} b
 */
function compareDec(a, b) {
	const x = parseDec(a);
	const y = parseDec(b);
	if (!x || !y) return NaN;
	const s = Math.max(x.s, y.s);
	const xn = x.n * 10n ** BigInt(s - x.s);
	const yn = y.n * 10n ** BigInt(s - y.s);
	return xn < yn ? -1 : xn > yn ? 1 : 0;
}

module.exports = {
	parseDec,
	compareDec,
	roundDec,
	mulDec,
	toCents,
	decToString,
	decStringToNumber,
	centsToNumber,
	lineAmountCents,
	percentOfCents,
};
