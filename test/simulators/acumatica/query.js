'use strict';
/**
 * Query parameters of the contract API (fact sheet §2.2): `$filter` (OData v3: eq ne gt ge lt le,
 * and/or/not, substringof/startswith/endswith, `datetimeoffset'…'` and `date'…'` literals, linked
 * paths such as `MainContact/Email`), `$select`, `$expand`, `$custom`, `$top`, `$skip`.
 */
const { parseFilter } = require('../shared/odata-filter.js');
const { compareDec } = require('../shared/decimal.js');
const { badRequest } = require('./errors.js');
const { fieldIn } = require('./entities.js');

const DTO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** @type {import('../shared/odata-filter.js').FilterDialect} */
const DIALECT = {
	error: (m) => badRequest(m),
	functions: new Set(['substringof', 'startswith', 'endswith']),
	literals: [
		[
			'datetimeoffset',
			/^datetimeoffset'[^']*'/,
			(text) => {
				const v = text.slice(15, -1);
				// an unencoded '+' arrives as a blank: Acumatica cannot read the value then
				if (!DTO.test(v)) throw badRequest(`The value '${v}' of the datetimeoffset literal is not valid. Encode '+' in the offset as %2B.`);
				return { k: 'lit', t: 'datetime', v };
			},
		],
		[
			'dateliteral',
			/^date'[^']*'/,
			(text) => {
				const v = text.slice(5, -1);
				if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw badRequest(`The value '${v}' of the date literal is not valid.`);
				return { k: 'lit', t: 'datetime', v: `${v}T00:00:00+00:00` };
			},
		],
	],
};

/** `A/B` paths outside string literals become `A__B` identifiers for the shared parser. @param {string} s */
const joinPaths = (s) => s.split(/('(?:[^']|'')*')/).map((part, i) => (i % 2 ? part : part.replace(/([A-Za-z_][A-Za-z0-9_]*)\/(?=[A-Za-z_])/g, '$1__'))).join('');

/** @param {string} s */
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * @param {URLSearchParams} sp @param {any} def @param {string} ver @param {string} entity
 * @returns {{ filter: any, select: string[]|null, expand: string[], custom: string[], top: number|null, skip: number }}
 */
function parseQuery(sp, def, ver, entity) {
	const expand = list(sp.get('$expand') || '');
	// expanding a nested path expands its parents too
	for (const e of [...expand]) {
		const parts = e.split('/');
		for (let i = 1; i < parts.length; i++) if (!expand.includes(parts.slice(0, i).join('/'))) expand.push(parts.slice(0, i).join('/'));
	}
	for (const e of expand) if (!resolvePart(def, e.split('/'), ver)) throw badRequest(`The entity '${entity}' has no detail or linked entity '${e}' to expand.`);
	const select = sp.has('$select') ? list(sp.get('$select') || '') : null;
	for (const s of select || []) {
		const parts = s.split('/');
		const part = resolvePart(def, parts.slice(0, -1), ver);
		const f = part && part.fields[parts[parts.length - 1]];
		if (!f || !fieldIn(f, ver)) throw badRequest(`The field '${s}' in $select is not found in the entity '${entity}' of this endpoint version.`);
	}
	const num = (/** @type {string} */ name) => {
		const v = sp.get(name);
		if (v === null) return null;
		if (!/^\d+$/.test(v)) throw badRequest(`The value '${v}' of ${name} is not a non-negative integer.`);
		return Number(v);
	};
	const filterText = sp.get('$filter');
	const filter = filterText ? parseFilter(joinPaths(filterText), DIALECT) : null;
	if (filter) checkFields(filter, def, ver, entity);
	return { filter, select, expand, custom: list(sp.get('$custom') || ''), top: num('$top'), skip: num('$skip') || 0 };
}

/** @param {any} def @param {string[]} path @param {string} ver */
function resolvePart(def, path, ver) {
	let part = def;
	for (const p of path) {
		const next = (part.linked && part.linked[p]) || (part.details && part.details[p]);
		if (!next) return null;
		part = next;
	}
	return part;
}

/** Fields of the filter: top-level or linked-entity fields only (detail filters are unsupported). @param {any} n @param {any} def @param {string} ver @param {string} entity */
function checkFields(n, def, ver, entity) {
	if (!n || typeof n !== 'object') return;
	if (n.k === 'field') {
		const parts = n.name.split('__');
		if (def.details && def.details[parts[0]]) throw badRequest(`Filtering on the detail entity '${parts[0]}' is not supported.`);
		const part = resolvePart(def, parts.slice(0, -1), ver);
		const f = part && part.fields[parts[parts.length - 1]];
		if (!f || !fieldIn(f, ver)) throw badRequest(`The field '${parts.join('/')}' in $filter is not found in the entity '${entity}' of this endpoint version.`);
		n.path = parts;
		n.type = f.type;
		return;
	}
	for (const k of ['l', 'r', 'e']) checkFields(n[k], def, ver, entity);
	if (n.args) for (const a of n.args) checkFields(a, def, ver, entity);
}

/** @param {any} rec @param {string[]} path */
function valueAt(rec, path) {
	let part = rec;
	for (const p of path.slice(0, -1)) part = part && part.linked ? part.linked[p] : undefined;
	return part ? part.f[path[path.length - 1]] : undefined;
}

/** @param {any} a @param {any} b @param {string|undefined} type */
function compare(a, b, type) {
	if (a === null || a === undefined || b === null || b === undefined) return a === b || (a == null && b == null) ? 0 : NaN;
	if (type === 'D' || type === 'I') return compareDec(a, b);
	if (type === 'DT') return Math.sign(Date.parse(a) - Date.parse(b));
	if (type === 'B') return a === b ? 0 : NaN;
	const x = String(a).toLowerCase();
	const y = String(b).toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

/** @param {any} n @param {any} rec @returns {any} */
function evaluate(n, rec) {
	switch (n.k) {
		case 'lit':
			return n.v;
		case 'field':
			return valueAt(rec, n.path);
		case 'and':
			return evaluate(n.l, rec) === true && evaluate(n.r, rec) === true;
		case 'or':
			return evaluate(n.l, rec) === true || evaluate(n.r, rec) === true;
		case 'not':
			return evaluate(n.e, rec) !== true;
		case 'cmp': {
			const type = n.l.type || n.r.type;
			const c = compare(evaluate(n.l, rec), evaluate(n.r, rec), type);
			if (Number.isNaN(c)) return n.op === 'ne';
			return { eq: c === 0, ne: c !== 0, gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 }[/** @type {'eq'} */ (n.op)];
		}
		case 'fn': {
			const [a, b] = n.args.map((/** @type {any} */ x) => String(evaluate(x, rec) ?? '').toLowerCase());
			if (n.name === 'substringof') return b.includes(a);
			if (n.name === 'startswith') return a.startsWith(b);
			return a.endsWith(b);
		}
		default:
			return false;
	}
}

/** @param {any[]} recs @param {ReturnType<typeof parseQuery>} q */
function applyQuery(recs, q) {
	const matched = q.filter ? recs.filter((r) => evaluate(q.filter, r) === true) : recs;
	return matched.slice(q.skip, q.top === null ? undefined : q.skip + q.top);
}

module.exports = { parseQuery, applyQuery };
