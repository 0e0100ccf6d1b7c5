'use strict';
/**
 * Generic record helpers: ids, etags, field specs, body parsing and rendering.
 * Nothing here holds state; the state object lives on the simulator instance.
 */
const crypto = require('node:crypto');
const { BcError, badRequest } = require('./errors.js');
const { encodeEnum, decodeEnum, GUID_RE } = require('./odata.js');
const { parseDec, roundDec, decToString, centsToNumber, toCents } = require('../shared/decimal.js');

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
const EMPTY_DATE = '0001-01-01';
const EMPTY_DATETIME = '0001-01-01T00:00:00Z';

/**
 * Deterministic GUID generator (sha256 of seed and a counter, shaped as a v4 UUID).
 * @param {string|number} seed
 * @returns {() => string}
 */
function createIdGenerator(seed) {
	let n = 0;
	return () => {
		const h = crypto.createHash('sha256').update(`bc-sim:${seed}:${n++}`).digest();
		h[6] = (h[6] & 0x0f) | 0x40;
		h[8] = (h[8] & 0x3f) | 0x80;
		const x = h.subarray(0, 16).toString('hex');
		return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
	};
}

/**
 * Weak ETag derived from the record's row version, shaped like BC's (base64 of `'len;digits;00;'`).
 * @param {{ id: string, _ts: number }} rec
 */
function etagOf(rec) {
	const digits = `${rec._ts}${parseInt(rec.id.slice(0, 6), 16)}`;
	return `W/"${Buffer.from(`'${digits.length};${digits};00;'`).toString('base64')}"`;
}

/** @param {string} v */
const stripWeak = (v) => v.trim().replace(/^W\//, '');

/**
 * @param {string|undefined} ifMatch
 * @param {{ id: string, _ts: number }} rec
 * @returns {'missing'|'ok'|'stale'}
 */
function checkIfMatch(ifMatch, rec) {
	if (ifMatch === undefined || ifMatch === null || String(ifMatch).trim() === '') return 'missing';
	const parts = String(ifMatch).split(',').map((s) => s.trim());
	if (parts.includes('*')) return 'ok';
	const cur = stripWeak(etagOf(rec));
	return parts.some((p) => stripWeak(p) === cur) ? 'ok' : 'stale';
}

/**
 * @typedef {{ t: 'string'|'code'|'guid'|'date'|'datetime'|'bool'|'int'|'decimal'|'money'|'enum', max?: number, values?: string[], ro?: boolean, scale?: number }} FieldSpec
 */

/** @param {FieldSpec} spec */
function defaultOut(spec) {
	switch (spec.t) {
		case 'string':
		case 'code':
			return '';
		case 'guid':
			return EMPTY_GUID;
		case 'date':
			return EMPTY_DATE;
		case 'datetime':
			return EMPTY_DATETIME;
		case 'bool':
			return false;
		case 'int':
		case 'decimal':
		case 'money':
			return 0;
		case 'enum':
			return encodeEnum((spec.values && spec.values[0]) || '');
	}
	return null;
}

/**
 * Stored value → wire value.
 * @param {FieldSpec} spec @param {any} v
 */
function outValue(spec, v) {
	if (v === undefined || v === null) return defaultOut(spec);
	switch (spec.t) {
		case 'money':
			return centsToNumber(v);
		case 'decimal':
			return typeof v === 'string' ? Number(v) : v;
		case 'enum':
			return encodeEnum(String(v));
		default:
			return v;
	}
}

/** @param {FieldSpec} spec */
function filterType(spec) {
	switch (spec.t) {
		case 'code':
			return 'string';
		case 'money':
		case 'decimal':
			return 'number';
		default:
			return spec.t;
	}
}

/** @param {string} s */
function isValidDate(s) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Wire value → stored value (throws BcError on type errors).
 * @param {FieldSpec} spec @param {string} name @param {unknown} raw
 */
function parseValue(spec, name, raw) {
	const conv = (/** @type {string} */ edm) =>
		new BcError(400, 'BadRequest', `Cannot convert the literal '${typeof raw === 'string' ? raw : JSON.stringify(raw)}' to the expected type '${edm}'. Property '${name}'.`);
	switch (spec.t) {
		case 'string':
		case 'code': {
			if (raw === null) return '';
			if (typeof raw !== 'string') throw conv('Edm.String');
			const v = spec.t === 'code' ? raw.toUpperCase() : raw;
			if (spec.max && v.length > spec.max) {
				throw new BcError(
					400,
					'Application_StringExceededLength',
					`The length of the string is ${v.length}, but it must be less than or equal to ${spec.max} characters. Value: ${v}`,
				);
			}
			return v;
		}
		case 'guid': {
			if (raw === null) return EMPTY_GUID;
			if (typeof raw !== 'string' || !GUID_RE.test(raw)) throw conv('Edm.Guid');
			return raw.toLowerCase();
		}
		case 'date': {
			if (raw === null) return EMPTY_DATE;
			if (typeof raw !== 'string' || !isValidDate(raw)) throw conv('Edm.Date');
			return raw;
		}
		case 'datetime': {
			if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw))) throw conv('Edm.DateTimeOffset');
			return new Date(raw).toISOString();
		}
		case 'bool':
			if (typeof raw !== 'boolean') throw conv('Edm.Boolean');
			return raw;
		case 'int':
			if (typeof raw !== 'number' || !Number.isInteger(raw)) throw conv('Edm.Int32');
			return raw;
		case 'decimal': {
			const d = parseDec(raw);
			if (!d) throw conv('Edm.Decimal');
			return decToString(roundDec(d, spec.scale ?? 5));
		}
		case 'money': {
			const d = parseDec(raw);
			if (!d) throw conv('Edm.Decimal');
			return toCents(d);
		}
		case 'enum': {
			if (typeof raw !== 'string') throw conv('Edm.Enum');
			const plain = decodeEnum(raw);
			const values = spec.values || [];
			const hit = values.find((x) => x.toLowerCase() === plain.toLowerCase()) ?? (plain.trim() === '' && values.includes('') ? '' : undefined);
			if (hit === undefined) {
				throw new BcError(400, 'Unknown', `'${plain}' is not an option. The existing options are: ${values.map((x) => (x === '' ? ' ' : x)).join(',')}`);
			}
			return hit;
		}
	}
	return raw;
}

/**
 * @typedef {Object} EntityDef
 * @property {string} name entity set name
 * @property {string} type EDM type name (customer, salesInvoice, …)
 * @property {string} caption table caption for messages
 * @property {Record<string, FieldSpec>} fields output fields in wire order (id first)
 * @property {string[]} [deep] navigation properties accepted in a deep insert
 * @property {Record<string, any>} [nav]
 */

/**
 * Parse a request body against an entity's fields.
 * Unknown properties → 400. Read-only properties are ignored when they equal the current value
 * (so a GET body can be echoed back) and rejected otherwise (BadRequest_InvalidOperation).
 * @param {EntityDef} def
 * @param {unknown} body
 * @param {{ create: boolean, current?: Record<string, any> | null }} mode
 * @returns {{ values: Record<string, any>, deep: Record<string, any> }}
 */
function parseBody(def, body, mode) {
	if (body === null || body === undefined || typeof body !== 'object' || Array.isArray(body)) {
		throw badRequest('Invalid Request Body');
	}
	/** @type {Record<string, any>} */
	const values = {};
	/** @type {Record<string, any>} */
	const deep = {};
	for (const [k, raw] of Object.entries(/** @type {Record<string, unknown>} */ (body))) {
		if (k.startsWith('@odata.') || k.startsWith('@')) continue;
		if (k.includes('@odata.')) {
			throw badRequest(`The annotation '${k}' is not supported. Use the id/number properties to link records.`);
		}
		const spec = def.fields[k];
		if (!spec) {
			if (def.deep && def.deep.includes(k)) {
				if (!mode.create) throw badRequest(`Deep update of '${k}' is not supported. Update the lines with their own requests.`);
				if (!Array.isArray(raw)) throw badRequest(`The navigation property '${k}' must be an array in a deep insert.`);
				deep[k] = raw;
				continue;
			}
			if (def.nav && def.nav[k]) throw badRequest(`Deep insert of the navigation property '${k}' is not supported.`);
			throw badRequest(
				`The property '${k}' does not exist on type 'Microsoft.NAV.${def.type}'. Make sure to only use property names that are defined by the type.`,
			);
		}
		if (spec.ro) {
			if (k === 'id' && mode.create) {
				values.id = parseValue({ t: 'guid' }, k, raw);
				continue;
			}
			const cur = mode.current ? mode.current[k] : undefined;
			if (cur !== undefined && JSON.stringify(cur) === JSON.stringify(raw)) continue;
			if (cur !== undefined && spec.t === 'enum' && typeof raw === 'string' && decodeEnum(String(cur)) === decodeEnum(raw)) continue;
			throw new BcError(400, 'BadRequest_InvalidOperation', `Control '${k}' is read-only.`);
		}
		values[k] = parseValue(spec, k, raw);
	}
	return { values, deep };
}

/**
 * Render a stored record as the API shape.
 * @param {EntityDef} def
 * @param {Record<string, any>} rec stored record
 * @param {Record<string, any>} [computed] values that override stored ones (already in stored form)
 */
function render(def, rec, computed = {}) {
	/** @type {Record<string, any>} */
	const out = { '@odata.etag': etagOf(/** @type {any} */ (rec)) };
	for (const [k, spec] of Object.entries(def.fields)) {
		out[k] = outValue(spec, k in computed ? computed[k] : rec[k]);
	}
	return out;
}

/** @param {EntityDef} def @returns {Record<string,string>} */
function filterTypes(def) {
	/** @type {Record<string,string>} */
	const t = {};
	for (const [k, spec] of Object.entries(def.fields)) t[k] = filterType(spec);
	return t;
}

module.exports = {
	EMPTY_GUID,
	EMPTY_DATE,
	EMPTY_DATETIME,
	createIdGenerator,
	etagOf,
	checkIfMatch,
	parseValue,
	parseBody,
	render,
	filterTypes,
	isValidDate,
	outValue,
};
