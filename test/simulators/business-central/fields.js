'use strict';
/** Field-spec shorthands shared by the entity definitions. */

/** @param {number} [max] */
const S = (max) => ({ t: /** @type {'string'} */ ('string'), max });
/** @param {number} [max] */
const C = (max) => ({ t: /** @type {'code'} */ ('code'), max });
const G = { t: /** @type {'guid'} */ ('guid') };
const D = { t: /** @type {'date'} */ ('date') };
const DT = { t: /** @type {'datetime'} */ ('datetime') };
const B = { t: /** @type {'bool'} */ ('bool') };
const I = { t: /** @type {'int'} */ ('int') };
/** @param {number} [scale] */
const DEC = (scale = 5) => ({ t: /** @type {'decimal'} */ ('decimal'), scale });
const M = { t: /** @type {'money'} */ ('money') };
/** @param {...string} values */
const E = (...values) => ({ t: /** @type {'enum'} */ ('enum'), values });
/** @template T @param {T} spec @returns {T & {ro: true}} */
const RO = (spec) => ({ ...spec, ro: true });

const ID = RO(G);
const LMDT = RO(DT);

module.exports = { S, C, G, D, DT, B, I, DEC, M, E, RO, ID, LMDT };
