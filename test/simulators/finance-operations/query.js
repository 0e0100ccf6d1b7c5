'use strict';
/**
 * F&O query semantics (fact sheet A2/A3): `$filter` with qualified enum literals
 * (`Microsoft.Dynamics.DataEntities.NoYes'Yes'`, `eq`/`ne` only), `*` wildcards inside an `eq`
 * string literal, case-insensitive strings; `$select`, `$orderby`, `$top`, `$skip`, `$count`;
 * body values converted to stored form.
 */
const { parseFilter } = require('../shared/odata-filter.js');
const { parseDec, decToString, compareDec: cmpDec } = require('../shared/decimal.js');
const { badQuery, badRequest } = require('./errors.js');
const { ENUMS } = require('./entities.js');

const NS = 'Microsoft.Dynamics.DataEntities';
const ENUM_LITERAL = /^Microsoft\.Dynamics\.DataEntities\.([A-Za-z0-9_]+)'((?:[^']|'')*)'/;

const DIALECT = {
	error: (/** @type {string} */ m) => badQuery(m),
	functions: new Set(),
	literals: /** @type {Array<[string, RegExp, (text: string) => any]>} */ ([
		[
			'enum',
			ENUM_LITERAL,
			(text) => {
				const m = /** @type {RegExpExecArray} */ (ENUM_LITERAL.exec(text));
				return { k: 'lit', t: 'enum', v: { type: m[1], member: m[2] } };
			},
		],
	]),
};

const EDM = /** @type {Record<string,string>} */ ({ s: 'Edm.String', d: 'Edm.Decimal', i: 'Edm.Int64', int: 'Edm.Int32', dt: 'Edm.DateTimeOffset' });
/** @param {string} t */
const edmName = (t) => (t.startsWith('e:') ? `${NS}.${t.slice(2)}` : EDM[t] || t);
/** literal token type → field type family */
const LIT_FAMILY = /** @type {Record<string,string>} */ ({ string: 's', number: 'n', datetime: 'dt', date: 'dt', bool: 'b', guid: 'g', enum: 'e', null: 'null' });
/** @param {string} t field type */
const family = (t) => (t === 'd' || t === 'i' || t === 'int' ? 'n' : t.startsWith('e:') ? 'e' : t);

/**
 * @param {string} text @param {any} def
 * @returns {any} the checked AST
 */
function compileFilter(text, def) {
	const ast = parseFilter(text, DIALECT);
	const prop = (/** @type {string} */ name) => {
		const t = def.fields[name];
		if (!t) throw badQuery(`Could not find a property named '${name}' on type '${NS}.${def.type}'.`);
		return t;
	};
	/** @param {any} n */
	const check = (n) => {
		if (n.k === 'and' || n.k === 'or') return check(n.l), check(n.r);
		if (n.k === 'not') return check(n.e);
		if (n.k !== 'cmp') throw badQuery('The $filter expression must evaluate to a boolean value.');
		const field = n.l.k === 'field' ? n.l : n.r.k === 'field' ? n.r : null;
		const lit = n.l.k === 'lit' ? n.l : n.r.k === 'lit' ? n.r : null;
		if (!field || !lit) throw badQuery('A comparison needs one property and one literal.');
		const t = prop(field.name);
		if (lit.t === 'null') return;
		if (family(t) !== LIT_FAMILY[lit.t]) {
			const litType = lit.t === 'enum' ? `${NS}.${lit.v.type}` : lit.t === 'string' ? 'Edm.String' : lit.t === 'number' ? 'Edm.Decimal' : `Edm.${lit.t}`;
			throw badQuery(`A binary operator with incompatible types was detected. Found operand types '${edmName(t)}' and '${litType}' for operator kind '${n.op}'.`);
		}
		if (lit.t === 'enum') {
			if (lit.v.type !== t.slice(2) || !ENUMS[lit.v.type].includes(lit.v.member)) throw badQuery(`The enum literal ${NS}.${lit.v.type}'${lit.v.member}' is not valid for property '${field.name}' of type '${edmName(t)}'.`);
			if (n.op !== 'eq' && n.op !== 'ne') throw badQuery(`The operator '${n.op}' is not supported on enum properties; only eq and ne are.`);
		}
	};
	check(ast);
	return ast;
}


/** @param {string} pattern */
const wildcard = (pattern) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');

/**
 * @param {any} n @param {any} rec @param {any} def @returns {boolean}
 */
function evalFilter(n, rec, def) {
	if (n.k === 'and') return evalFilter(n.l, rec, def) && evalFilter(n.r, rec, def);
	if (n.k === 'or') return evalFilter(n.l, rec, def) || evalFilter(n.r, rec, def);
	if (n.k === 'not') return !evalFilter(n.e, rec, def);
	const fieldLeft = n.l.k === 'field';
	const field = fieldLeft ? n.l : n.r;
	const lit = fieldLeft ? n.r : n.l;
	// a literal on the left flips the comparison
	const op = fieldLeft ? n.op : /** @type {Record<string,string>} */ ({ gt: 'lt', ge: 'le', lt: 'gt', le: 'ge', eq: 'eq', ne: 'ne' })[n.op];
	const t = def.fields[field.name];
	const v = rec[field.name];
	if (lit.t === 'null') return op === 'eq' ? v === null || v === undefined || v === '' : op === 'ne' ? !(v === null || v === undefined || v === '') : false;
	let c;
	if (lit.t === 'enum') c = v === lit.v.member ? 0 : 1;
	else if (family(t) === 'n') c = cmpDec(v, lit.v);
	else if (t === 'dt') c = Math.sign(Date.parse(v) - Date.parse(lit.t === 'date' ? `${lit.v}T00:00:00Z` : lit.v));
	else {
		const a = String(v ?? '').toLowerCase();
		const b = String(lit.v).toLowerCase();
		if ((op === 'eq' || op === 'ne') && b.includes('*')) return wildcard(b).test(a) === (op === 'eq');
		c = a < b ? -1 : a > b ? 1 : 0;
	}
	switch (op) {
		case 'eq':
			return c === 0;
		case 'ne':
			return c !== 0;
		case 'gt':
			return c > 0;
		case 'ge':
			return c >= 0;
		case 'lt':
			return c < 0;
		case 'le':
			return c <= 0;
	}
	return false;
}

const OPTIONS = new Set(['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$format', '$expand']);

/**
 * @param {Array<[string,string]>} entries @param {any} def
 * @returns {{ filter: any, select: string[] | null, orderby: Array<{ field: string, desc: boolean }>, top: number | null, skip: number, count: boolean }}
 */
function parseQuery(entries, def) {
	const q = { filter: /** @type {any} */ (null), select: /** @type {string[]|null} */ (null), orderby: /** @type {Array<{field: string, desc: boolean}>} */ ([]), top: /** @type {number|null} */ (null), skip: 0, count: false };
	const prop = (/** @type {string} */ name) => {
		if (!def.fields[name]) throw badQuery(`Could not find a property named '${name}' on type '${NS}.${def.type}'.`);
		return name;
	};
	for (const [k, v] of entries) {
		if (!k.startsWith('$')) continue; // cross-company and other custom parameters
		const key = k.toLowerCase();
		if (!OPTIONS.has(key)) throw badQuery(`The query parameter '${k}' is not supported.`);
		if (key === '$filter') q.filter = compileFilter(v, def);
		else if (key === '$select') q.select = v.split(',').map((s) => s.trim()).filter(Boolean).map(prop);
		else if (key === '$orderby') {
			q.orderby = v.split(',').map((s) => {
				const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$/i.exec(s);
				if (!m) throw badQuery(`The $orderby expression '${s}' is not supported.`);
				return { field: prop(m[1]), desc: (m[2] || '').toLowerCase() === 'desc' };
			});
		} else if (key === '$top' || key === '$skip') {
			if (!/^\d+$/.test(v.trim())) throw badQuery(`Invalid value '${v}' for ${k}: a non-negative integer is required.`);
			if (key === '$top') q.top = parseInt(v, 10);
			else q.skip = parseInt(v, 10);
		} else if (key === '$count') q.count = /^true$/i.test(v);
		else if (key === '$expand') throw badQuery('$expand is not supported by this simulator (F&O expands the first level only).');
	}
	return q;
}

/**
 * Sort (keys by default), filter, count and page a list of stored records.
 * @param {any[]} records @param {ReturnType<typeof parseQuery>} q @param {any} def @param {number} pageSize
 */
function runQuery(records, q, def, pageSize) {
	const order = q.orderby.length ? q.orderby : def.keys.map((/** @type {string} */ field) => ({ field, desc: false }));
	const compare = (/** @type {any} */ a, /** @type {any} */ b) => {
		for (const { field, desc } of order) {
			const t = def.fields[field];
			const c = family(t) === 'n' ? cmpDec(a[field], b[field]) : String(a[field]).toLowerCase() < String(b[field]).toLowerCase() ? -1 : String(a[field]).toLowerCase() > String(b[field]).toLowerCase() ? 1 : 0;
			if (c) return desc ? -c : c;
		}
		return 0;
	};
	const matched = (q.filter ? records.filter((r) => evalFilter(q.filter, r, def)) : records.slice()).sort(compare);
	const take = q.top === null ? pageSize : Math.min(q.top, pageSize);
	const page = matched.slice(q.skip, q.skip + take);
	const more = q.top === null && q.skip + take < matched.length;
	return { page, total: matched.length, nextSkip: more ? q.skip + take : null };
}

/**
 * Body values → stored form (decimals as canonical strings). Annotations are ignored.
 * @param {any} body @param {any} def @returns {Record<string, any>}
 */
function toStored(body, def) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
	/** @type {Record<string, any>} */
	const out = {};
	for (const [name, value] of Object.entries(body)) {
		if (name.includes('@')) continue;
		const t = def.fields[name];
		if (!t) throw badRequest(`The property '${name}' does not exist on type '${NS}.${def.type}'. Make sure to only use property names that are defined by the type.`);
		const fail = () => badRequest(`Cannot convert the literal '${JSON.stringify(value)}' to the expected type '${edmName(t)}' (property '${name}').`);
		if (value === null) {
			out[name] = t === 's' ? '' : null;
			continue;
		}
		if (t === 's') {
			if (typeof value !== 'string') throw fail();
			out[name] = value;
		} else if (t === 'd') {
			const d = typeof value === 'number' || typeof value === 'string' ? parseDec(value) : null;
			if (!d) throw fail();
			out[name] = decToString(d);
		} else if (t === 'i' || t === 'int') {
			if (typeof value !== 'number' || !Number.isInteger(value)) throw fail();
			out[name] = value;
		} else if (t === 'dt') {
			if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) throw fail();
			out[name] = value;
		} else {
			if (typeof value !== 'string' || !ENUMS[t.slice(2)].includes(value)) throw fail();
			out[name] = value;
		}
	}
	return out;
}

/**
 * A record as the API returns it: fields in entity order (decimals as JSON numbers), selected ones only.
 * @param {any} rec @param {any} def @param {string[] | null} [select]
 */
function render(rec, def, select) {
	/** @type {Record<string, any>} */
	const out = { '@odata.etag': `W/"${Buffer.from(`'1,${rec._v || 0}'`).toString('base64')}"` };
	for (const [name, t] of Object.entries(def.fields)) {
		if (select && !select.includes(name)) continue;
		const v = rec[name];
		out[name] = t === 'd' && v !== null && v !== undefined ? Number(v) : v ?? (t === 's' ? '' : null);
	}
	return out;
}

module.exports = { compileFilter, evalFilter, parseQuery, runQuery, toStored, render, cmpDec, NS };
