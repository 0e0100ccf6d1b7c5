'use strict';
/**
 * OData query support: $filter parser/evaluator, $select, $expand, $orderby, and XML-name enum
 * encoding. Pure functions; errors are thrown as BcError 400.
 */
const { BcError } = require('./errors.js');
const { parseFilter: parseSharedFilter } = require('../shared/odata-filter.js');

const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** @param {string} m */
const qErr = (m) => new BcError(400, 'BadRequest', m);

/* ------------------------------------------------------------------ enum encoding */

/**
 * XML-name encoding as BC emits enum values: every character that is not a letter, digit,
 * underscore, hyphen or period becomes `_xHHHH_` (a blank becomes `_x0020_`).
 * @param {string} s
 */
function encodeEnum(s) {
	if (s === '') return '_x0020_';
	let out = '';
	for (const ch of s) {
		if (/[A-Za-z0-9_.\-]/.test(ch)) out += ch;
		else out += `_x${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
	}
	return out;
}

/** @param {string} s */
function decodeEnum(s) {
	return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

/* ------------------------------------------------------------------ $filter */

const BC_FILTER = { error: qErr, functions: new Set(['contains', 'startswith', 'endswith', 'tolower', 'toupper', 'trim']) };

/** @typedef {import('../shared/odata-filter.js').Node} Node */

/** @param {string} src @returns {Node} */
const parseFilter = (src) => parseSharedFilter(src, BC_FILTER);

/**
 * Field types: 'string' | 'guid' | 'date' | 'datetime' | 'number' | 'bool' | 'enum' | 'int'
 * @typedef {Record<string,string>} FieldTypes
 */

const EDM = { string: 'Edm.String', guid: 'Edm.Guid', date: 'Edm.Date', datetime: 'Edm.DateTimeOffset', number: 'Edm.Decimal', int: 'Edm.Int32', bool: 'Edm.Boolean', enum: 'Edm.Enum', null: 'null' };

/**
 * Validate the field references and literal types of a parsed filter.
 * @param {Node} ast @param {FieldTypes} types @param {string} typeName
 */
function checkFilter(ast, types, typeName) {
	/** @param {Node} n @returns {string} the static type */
	function typeOf(n) {
		switch (n.k) {
			case 'lit':
				return n.t;
			case 'field':
				if (!types[n.name]) throw qErr(`Could not find a property named '${n.name}' on type 'Microsoft.NAV.${typeName}'.`);
				return types[n.name];
			case 'fn': {
				if (['tolower', 'toupper', 'trim'].includes(n.name)) {
					if (n.args.length !== 1) throw qErr(`The function '${n.name}' takes one argument.`);
					const t = typeOf(n.args[0]);
					if (t !== 'string') throw qErr(`The function '${n.name}' needs a string argument.`);
					return 'string';
				}
				if (n.args.length !== 2) throw qErr(`The function '${n.name}' takes two arguments.`);
				const a = typeOf(n.args[0]);
				const b = typeOf(n.args[1]);
				if (!['string', 'enum'].includes(a) || b !== 'string') throw qErr(`The function '${n.name}' needs string arguments.`);
				return 'bool';
			}
			case 'cmp': {
				const a = typeOf(n.l);
				const b = typeOf(n.r);
				if (n.l.k === 'lit' && n.r.k === 'lit') throw qErr('A comparison between two literals is not supported.');
				if (n.l.k !== 'lit' && n.r.k !== 'lit' && !(n.l.k === 'fn' || n.r.k === 'fn')) throw qErr('Comparing two properties is not supported in $filter.');
				if (!compatible(a, b)) {
					throw qErr(
						`A binary operator with incompatible types was detected. Found operand types '${EDM[/** @type {keyof EDM} */ (a)] || a}' and '${EDM[/** @type {keyof EDM} */ (b)] || b}' for operator kind '${n.op}'.`,
					);
				}
				return 'bool';
			}
			case 'and':
			case 'or':
				if (typeOf(n.l) !== 'bool' || typeOf(n.r) !== 'bool') throw qErr(`The operands of '${n.k}' must be boolean expressions.`);
				return 'bool';
			case 'not':
				if (typeOf(n.e) !== 'bool') throw qErr("The operand of 'not' must be a boolean expression.");
				return 'bool';
		}
		return 'bool';
	}
	const t = typeOf(ast);
	if (t !== 'bool') throw qErr('The $filter expression must evaluate to a boolean value.');
}

/** @param {string} a @param {string} b */
function compatible(a, b) {
	if (a === 'null' || b === 'null') return true;
	const norm = (/** @type {string} */ t) => (t === 'int' ? 'number' : t);
	a = norm(a);
	b = norm(b);
	if (a === b) return true;
	const pair = (/** @type {string} */ x, /** @type {string} */ y) => (a === x && b === y) || (a === y && b === x);
	return pair('enum', 'string') || pair('date', 'datetime');
}

/**
 * Comparable value of a node for one record.
 * @param {Node} n @param {Record<string,any>} rec @param {FieldTypes} types
 * @returns {{t:string, v:any}}
 */
function valueOf(n, rec, types) {
	if (n.k === 'lit') return { t: n.t, v: n.v };
	if (n.k === 'field') return { t: types[n.name], v: rec[n.name] };
	if (n.k === 'fn') {
		const a = valueOf(n.args[0], rec, types);
		let s = a.v == null ? '' : String(a.t === 'enum' ? decodeEnum(a.v) : a.v);
		if (n.name === 'tolower') return { t: 'string', v: s.toLowerCase() };
		if (n.name === 'toupper') return { t: 'string', v: s.toUpperCase() };
		if (n.name === 'trim') return { t: 'string', v: s.trim() };
		const b = String(valueOf(n.args[1], rec, types).v).toLowerCase();
		s = s.toLowerCase();
		if (n.name === 'contains') return { t: 'bool', v: s.includes(b) };
		if (n.name === 'startswith') return { t: 'bool', v: s.startsWith(b) };
		if (n.name === 'endswith') return { t: 'bool', v: s.endsWith(b) };
	}
	return { t: 'bool', v: evalFilter(n, rec, types) };
}

/**
 * Normalize both sides to comparable primitives.
 * @param {{t:string,v:any}} a @param {{t:string,v:any}} b
 * @returns {[any, any]}
 */
function normalizePair(a, b) {
	const types = [a.t, b.t];
	/** @param {{t:string,v:any}} x */
	const norm = (x) => {
		if (x.v === null || x.v === undefined) return null;
		if (types.includes('datetime')) {
			if (x.t === 'date') return Date.parse(`${x.v}T00:00:00Z`);
			return Date.parse(x.v);
		}
		switch (x.t) {
			case 'enum':
				return decodeEnum(String(x.v)).toLowerCase();
			case 'string':
				return types.includes('enum') ? decodeEnum(String(x.v)).toLowerCase() : String(x.v).toLowerCase();
			case 'guid':
				return String(x.v).toLowerCase();
			default:
				return x.v;
		}
	};
	return [norm(a), norm(b)];
}

/**
 * @param {Node} n @param {Record<string,any>} rec @param {FieldTypes} types
 * @returns {boolean}
 */
function evalFilter(n, rec, types) {
	switch (n.k) {
		case 'and':
			return evalFilter(n.l, rec, types) && evalFilter(n.r, rec, types);
		case 'or':
			return evalFilter(n.l, rec, types) || evalFilter(n.r, rec, types);
		case 'not':
			return !evalFilter(n.e, rec, types);
		case 'fn':
			return Boolean(valueOf(n, rec, types).v);
		case 'cmp': {
			let [x, y] = normalizePair(valueOf(n.l, rec, types), valueOf(n.r, rec, types));
			// BC stores "empty" as '' / empty GUID / 0001-01-01; `eq null` matches those.
			const isEmpty = (/** @type {any} */ v) => v === null || v === '' || v === '00000000-0000-0000-0000-000000000000' || v === '0001-01-01';
			if (x === null || y === null) {
				const bothEmpty = isEmpty(x) && isEmpty(y);
				if (n.op === 'eq') return bothEmpty;
				if (n.op === 'ne') return !bothEmpty;
				return false;
			}
			switch (n.op) {
				case 'eq':
					return x === y;
				case 'ne':
					return x !== y;
				case 'gt':
					return x > y;
				case 'ge':
					return x >= y;
				case 'lt':
					return x < y;
				case 'le':
					return x <= y;
			}
			return false;
		}
		default:
			return Boolean(valueOf(n, rec, types).v);
	}
}

/**
 * Values that a filter pins with `field eq <literal>` on the top-level AND chain (used for
 * "you must specify a journal / document id" checks).
 * @param {Node | null} ast @param {string} field
 * @returns {any[]}
 */
function pinnedValues(ast, field) {
	if (!ast) return [];
	if (ast.k === 'and') return [...pinnedValues(ast.l, field), ...pinnedValues(ast.r, field)];
	if (ast.k === 'cmp' && ast.op === 'eq') {
		if (ast.l.k === 'field' && ast.l.name === field && ast.r.k === 'lit') return [ast.r.v];
		if (ast.r.k === 'field' && ast.r.name === field && ast.l.k === 'lit') return [ast.l.v];
	}
	return [];
}

/** @param {Node | null} ast @param {string} field @returns {boolean} */
function mentions(ast, field) {
	if (!ast) return false;
	switch (ast.k) {
		case 'field':
			return ast.name === field;
		case 'lit':
			return false;
		case 'cmp':
		case 'and':
		case 'or':
			return mentions(ast.l, field) || mentions(ast.r, field);
		case 'not':
			return mentions(ast.e, field);
		case 'fn':
			return ast.args.some((a) => mentions(a, field));
	}
	return false;
}

/* ------------------------------------------------------------------ $select / $expand / $orderby */

/**
 * Split on `sep` at parenthesis depth 0.
 * @param {string} s @param {string} sep
 */
function splitTop(s, sep) {
	const out = [];
	let depth = 0;
	let cur = '';
	let inStr = false;
	for (const ch of s) {
		if (ch === "'") inStr = !inStr;
		if (!inStr) {
			if (ch === '(') depth++;
			if (ch === ')') depth--;
			if (depth < 0) throw qErr(`Unbalanced parentheses in '${s}'.`);
			if (ch === sep && depth === 0) {
				out.push(cur);
				cur = '';
				continue;
			}
		}
		cur += ch;
	}
	if (depth !== 0) throw qErr(`Unbalanced parentheses in '${s}'.`);
	out.push(cur);
	return out.map((x) => x.trim()).filter((x) => x.length);
}

/**
 * @typedef {{ filter: Node|null, filterText: string|null, select: string[]|null, expand: ExpandItem[], orderby: {field:string, desc:boolean}[], top: number|null, skip: number, count: boolean, skiptoken: string|null }} Query
 * @typedef {{ name: string, query: Query }} ExpandItem
 */

const QUERY_OPTIONS = new Set(['$filter', '$select', '$expand', '$orderby', '$top', '$skip', '$count', '$skiptoken', '$schemaversion', '$format']);

/**
 * Parse query options (top-level from URLSearchParams entries, or nested `a=b;c=d` from $expand).
 * @param {Array<[string,string]>} entries
 * @param {boolean} nested
 * @returns {Query}
 */
function parseQuery(entries, nested = false) {
	/** @type {Query} */
	const q = { filter: null, filterText: null, select: null, expand: [], orderby: [], top: null, skip: 0, count: false, skiptoken: null };
	for (const [rawK, v] of entries) {
		const k = rawK.trim();
		if (!k.startsWith('$')) continue; // company=…, other custom parameters
		const key = k.toLowerCase();
		if (!QUERY_OPTIONS.has(key)) throw qErr(`The query parameter '${k}' is not supported.`);
		switch (key) {
			case '$filter':
				q.filterText = v;
				q.filter = parseFilter(v);
				break;
			case '$select':
				q.select = v.split(',').map((s) => s.trim()).filter(Boolean);
				if (q.select.some((s) => s.includes('/'))) throw qErr('Navigation paths in $select are not supported.');
				break;
			case '$expand':
				q.expand = splitTop(v, ',').map(parseExpandItem);
				break;
			case '$orderby':
				q.orderby = v
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean)
					.map((s) => {
						const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/i.exec(s);
						if (!m) throw qErr(`The $orderby expression '${s}' is not supported.`);
						return { field: m[1], desc: (m[2] || '').toLowerCase() === 'desc' };
					});
				break;
			case '$top':
			case '$skip': {
				if (!/^\d+$/.test(v.trim())) throw qErr(`Invalid value '${v}' for ${k}: a non-negative integer is required.`);
				const n = parseInt(v, 10);
				if (key === '$top') q.top = n;
				else q.skip = n;
				break;
			}
			case '$count':
				if (!/^(true|false)$/i.test(v)) throw qErr(`Invalid value '${v}' for $count.`);
				q.count = v.toLowerCase() === 'true';
				break;
			case '$skiptoken':
				if (nested) throw qErr('$skiptoken is not allowed inside $expand.');
				q.skiptoken = v;
				break;
			case '$format':
				if (!/^json$/i.test(v) && !/^application\/json/i.test(v)) throw qErr(`The $format '${v}' is not supported.`);
				break;
			default:
				break;
		}
	}
	return q;
}

/** @param {string} s @returns {ExpandItem} */
function parseExpandItem(s) {
	const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?$/s.exec(s.trim());
	if (!m) throw qErr(`The $expand expression '${s}' is not supported.`);
	/** @type {Array<[string,string]>} */
	const entries = [];
	if (m[2] !== undefined) {
		for (const part of splitTop(m[2], ';')) {
			const eq = part.indexOf('=');
			if (eq < 0) throw qErr(`Invalid $expand option '${part}'.`);
			entries.push([part.slice(0, eq), part.slice(eq + 1)]);
		}
	}
	return { name: m[1], query: parseQuery(entries, true) };
}

module.exports = {
	GUID_RE,
	encodeEnum,
	decodeEnum,
	parseFilter,
	checkFilter,
	evalFilter,
	pinnedValues,
	mentions,
	parseQuery,
	splitTop,
};
