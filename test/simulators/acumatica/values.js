'use strict';
/**
 * Value objects both ways (fact sheet §2): `{"Field":{"value":…}}` in and out, `{}` for an empty
 * field, linked entities as nested objects, detail entities as arrays, the bare system fields `id`,
 * `rowNumber`, and `note` / `custom` wrapped. Internally a record is
 * `{ id, f: {field: value}, linked: {name: part}, details: {name: [line]}, note, custom }`;
 * decimals are canonical strings (never floats), date-times ISO 8601 strings with an offset.
 */
const { parseDec, decToString } = require('../shared/decimal.js');
const { invalidModel } = require('./errors.js');
const { fieldIn } = require('./entities.js');

const CUSTOM_TYPES = new Set(['CustomStringField', 'CustomDecimalField', 'CustomBooleanField', 'CustomDateTimeField', 'CustomIntField', 'CustomGuidField', 'CustomShortField', 'CustomLongField', 'CustomByteField', 'CustomDoubleField']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @param {string} offset e.g. '+00:00' @param {string|number|Date} t */
function isoWithOffset(t, offset = '+00:00') {
	const d = new Date(t);
	const sign = offset.startsWith('-') ? -1 : 1;
	const [h, m] = offset.slice(1).split(':').map(Number);
	const local = new Date(d.getTime() + sign * (h * 60 + m) * 60000);
	return `${local.toISOString().replace(/Z$/, '')}${offset}`;
}

/** A date-time as a client may send it: ISO date, ISO date-time (with or without offset), or MM/DD/YYYY. @param {unknown} v */
function parseDateTime(v) {
	if (typeof v !== 'string') return null;
	let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
	if (m) return `${v}T00:00:00+00:00`;
	m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
	if (m) return `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}T00:00:00+00:00`;
	m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?)(Z|[+-]\d{2}:\d{2})?$/.exec(v);
	if (m && !Number.isNaN(Date.parse(m[2] ? v : `${v}Z`))) return m[2] && m[2] !== 'Z' ? v : `${m[1]}+00:00`;
	return null;
}

/**
 * One value as the server's model binder converts it; null → unset. Throws a 400 with `modelState`.
 * @param {'S'|'D'|'DT'|'B'|'I'|'G'} type @param {unknown} v @param {string} path
 */
function convert(type, v, path) {
	if (v === null || v === undefined) return null;
	const bad = (/** @type {string} */ t) => invalidModel(path, `Error converting value ${JSON.stringify(v)} to type '${t}'.`);
	switch (type) {
		case 'S':
			if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
			throw bad('System.String');
		case 'D': {
			const d = typeof v === 'number' || typeof v === 'string' ? parseDec(v) : null;
			if (!d) throw bad('System.Decimal');
			return decToString(d);
		}
		case 'I':
			if (Number.isInteger(Number(v)) && v !== '' && typeof v !== 'boolean') return Number(v);
			throw bad('System.Int32');
		case 'B':
			if (typeof v === 'boolean') return v;
			if (v === 'true' || v === 'false') return v === 'true';
			throw bad('System.Boolean');
		case 'DT': {
			const d = parseDateTime(v);
			if (!d) throw bad('System.DateTime');
			return d;
		}
		case 'G':
			if (typeof v === 'string' && GUID.test(v)) return v.toLowerCase();
			throw bad('System.Guid');
		default:
			return v;
	}
}

/**
 * Parse a request body part into `{ id?, delete?, f, linked, details, note?, custom? }`. Unknown
 * field names are ignored (see README Choices); a value not wrapped in `{ "value": … }` is a 400.
 * @param {import('./entities.js').EntityPart & { details?: Record<string, any> }} def @param {any} body @param {string} ver @param {string} path
 */
function parsePart(def, body, ver, path) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidModel(path, 'An object is expected.');
	/** @type {any} */
	const out = { f: {}, linked: {}, details: {}, sent: new Set() };
	for (const [k, v] of Object.entries(body)) {
		const p = `${path}.${k}`;
		if (k === 'id') {
			if (v !== null && v !== undefined) out.id = convert('G', v, p);
		} else if (k === 'delete') out.delete = v === true;
		else if (k === 'note') {
			if (v && typeof v === 'object') out.note = v.value == null ? '' : String(v.value);
			else if (typeof v === 'string') out.note = v;
		} else if (k === 'custom') out.custom = parseCustom(v, p);
		else if (def.fields[k] && fieldIn(def.fields[k], ver)) {
			if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalidModel(p, `Error converting value ${JSON.stringify(v)} to type '${typeName(def.fields[k].type)}Value'. Path '${k}'.`);
			if ('value' in v) {
				out.f[k] = convert(def.fields[k].type, v.value, `${p}.value`);
				out.sent.add(k);
			}
		} else if (def.linked && def.linked[k]) out.linked[k] = parsePart(def.linked[k], v, ver, p);
		else if (def.details && def.details[k]) {
			if (!Array.isArray(v)) throw invalidModel(p, `Cannot deserialize the current JSON object into type 'List<${k}>'.`);
			out.details[k] = v.map((line, i) => parsePart(def.details[k], line, ver, `${p}[${i}]`));
		}
	}
	return out;
}

/** @param {string} t */
const typeName = (t) => ({ S: 'String', D: 'Decimal', DT: 'DateTime', B: 'Boolean', I: 'Int', G: 'Guid' })[t] || 'String';

/** @param {any} v @param {string} path */
function parseCustom(v, path) {
	if (!v || typeof v !== 'object') throw invalidModel(path, 'An object is expected.');
	/** @type {Record<string, Record<string, { type: string, value: any }>>} */
	const out = {};
	for (const [view, flds] of Object.entries(v)) {
		if (!flds || typeof flds !== 'object') continue;
		for (const [name, cf] of Object.entries(/** @type {any} */ (flds))) {
			if (!cf || typeof cf !== 'object' || !CUSTOM_TYPES.has(cf.type)) throw invalidModel(`${path}.${view}.${name}.type`, `Unknown custom field type ${JSON.stringify(cf && cf.type)}.`);
			(out[view] = out[view] || {})[name] = { type: cf.type, value: cf.value === undefined ? null : cf.value };
		}
	}
	return out;
}

/** @param {'S'|'D'|'DT'|'B'|'I'|'G'} type @param {any} v */
const outValue = (type, v) => (v === null || v === undefined ? {} : { value: type === 'D' ? Number(v) : v });

/**
 * Render a record (or a part of it) as the API returns it.
 * @param {any} def @param {any} rec @param {string} ver
 * @param {{ select: string[]|null, expand: string[], custom: string[] }} q paths relative to this part
 * @param {{ self?: string, rowNumber: number, top?: boolean }} o
 */
function render(def, rec, ver, q, o) {
	/** @type {Record<string, any>} */
	const out = { id: rec.id, rowNumber: o.rowNumber, note: { value: rec.note || '' } };
	const own = q.select ? q.select.filter((s) => !s.includes('/')) : null;
	for (const [name, f] of Object.entries(/** @type {Record<string, any>} */ (def.fields))) {
		if (!fieldIn(f, ver)) continue;
		if (own && own.length && !own.includes(name)) continue;
		out[name] = outValue(f.type, rec.f[name]);
	}
	const sub = (/** @type {string} */ name) => ({
		select: q.select ? q.select.filter((s) => s.startsWith(`${name}/`)).map((s) => s.slice(name.length + 1)) : null,
		expand: q.expand.filter((s) => s.startsWith(`${name}/`)).map((s) => s.slice(name.length + 1)),
		custom: q.custom.filter((s) => s.startsWith(`${name}/`)).map((s) => s.slice(name.length + 1)),
	});
	for (const [name, part] of Object.entries(/** @type {Record<string, any>} */ (def.linked || {}))) {
		if (!q.expand.includes(name)) continue;
		const s = sub(name);
		out[name] = render(part, rec.linked[name] || { id: rec.id, f: {}, linked: {} }, ver, { ...s, select: s.select && s.select.length ? s.select : null }, { rowNumber: 1 });
	}
	for (const [name, part] of Object.entries(/** @type {Record<string, any>} */ (def.details || {}))) {
		if (!q.expand.includes(name)) continue;
		const s = sub(name);
		out[name] = (rec.details[name] || []).map((line, i) => render(part, line, ver, { ...s, select: s.select && s.select.length ? s.select : null }, { rowNumber: i + 1 }));
	}
	out.custom = renderCustom(rec.custom || {}, q.custom.filter((c) => !c.includes('/')));
	if (o.self) out._links = { self: o.self, 'files:put': `${o.self}/files/{filename}` };
	return out;
}

/** Only the custom fields asked for with `$custom=View.Field`. @param {Record<string, Record<string, any>>} custom @param {string[]} wanted */
function renderCustom(custom, wanted) {
	/** @type {Record<string, Record<string, any>>} */
	const out = {};
	for (const w of wanted) {
		const [view, name] = w.split('.');
		const cf = custom[view] && custom[view][name];
		if (cf) (out[view] = out[view] || {})[name] = { type: cf.type, value: cf.value };
	}
	return out;
}

module.exports = { parsePart, render, convert, parseDateTime, isoWithOffset };
