'use strict';
/** Money as integer cents over the shared exact decimals; stored values are canonical decimal strings. */
const { parseDec, roundDec, toCents, decToString, mulDec } = require('../shared/decimal.js');

/** @param {string|null|undefined} s @returns {number} cents (0 when unset) */
const cents = (s) => (s == null ? 0 : toCents(/** @type {any} */ (parseDec(s))));
/** @param {number} c @returns {string} */
const centsStr = (c) => decToString({ n: BigInt(c), s: 2 });
/** round(a × b) to cents. @param {string} a @param {string} b */
const productCents = (a, b) => toCents(roundDec(mulDec(/** @type {any} */ (parseDec(a)), /** @type {any} */ (parseDec(b))), 2));
/** more than two decimals? @param {string} s */
const subCent = (s) => {
	const d = parseDec(s);
	return !!d && d.s > 2;
};

module.exports = { cents, centsStr, productCents, subCent };
