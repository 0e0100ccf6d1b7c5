'use strict';
/**
 * OData `$filter` tokenizer and parser shared by the ERP simulators: literals, fields, `eq ne gt
 * ge lt le`, `and`, `or`, `not`, parentheses and function calls, into a small AST. What each ERP
 * accepts differs, so the caller passes its error type, its functions and any literal tokens of
 * its own (e.g. F&O's `Microsoft.Dynamics.DataEntities.NoYes'Yes'`); type checks and evaluation
 * stay with each simulator.
 */

/**
 * @typedef {{k:'lit', t:'string'|'number'|'guid'|'date'|'datetime'|'bool'|'null', v:any}
 *  | {k:'field', name:string}
 *  | {k:'cmp', op:string, l:Node, r:Node}
 *  | {k:'and'|'or', l:Node, r:Node}
 *  | {k:'not', e:Node}
 *  | {k:'fn', name:string, args:Node[]}} Node
 */

const BASE_TOKENS = [
	['ws', /^\s+/],
	['string', /^'((?:[^']|'')*)'/],
	['datetime', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}| \d{2}:\d{2})/],
	['guid', /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z])/],
	['date', /^\d{4}-\d{2}-\d{2}(?![\dT])/],
	['number', /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDfFlL]?(?![A-Za-z_])/],
	['ident', /^[A-Za-z_][A-Za-z0-9_]*/],
	['lparen', /^\(/],
	['rparen', /^\)/],
	['comma', /^,/],
];

/**
 * @typedef {Object} FilterDialect
 * @property {(message: string) => Error} error the 400 error to throw
 * @property {Set<string>} functions lower-case names of the functions the ERP supports
 * @property {Array<[string, RegExp, (text: string) => Node]>} [literals] extra literal tokens, tried
 *   before identifiers: [token name, regex anchored at ^, literal node from the matched text]
 */

/** @param {string} s @param {FilterDialect} d */
function tokenize(s, d) {
	const qErr = d.error;
	const res = [...BASE_TOKENS.slice(0, -4), ...(d.literals || []).map(([t, re]) => [t, re]), ...BASE_TOKENS.slice(-4)];
	/** @type {{t:string, v:string}[]} */
	const out = [];
	let rest = s;
	while (rest.length) {
		let matched = false;
		for (const [t, re] of res) {
			const m = /** @type {RegExp} */ (re).exec(rest);
			if (m) {
				if (t !== 'ws') out.push({ t: /** @type {string} */ (t), v: t === 'string' ? m[1].replace(/''/g, "'") : m[0] });
				rest = rest.slice(m[0].length);
				matched = true;
				break;
			}
		}
		if (!matched) {
			throw qErr(`Syntax error at position ${s.length - rest.length} in '${s}'. The $filter syntax '${rest.slice(0, 20)}' is not supported.`);
		}
	}
	return out;
}

const CMP = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
/**
 * @param {string} src @param {FilterDialect} d
 * @returns {Node}
 */
function parseFilter(src, d) {
	const qErr = d.error;
	const toks = tokenize(src, d);
	const literalOf = new Map((d.literals || []).map(([t, , make]) => [t, make]));
	let i = 0;
	const peek = () => toks[i];
	const isKw = (/** @type {string} */ kw) => toks[i] && toks[i].t === 'ident' && toks[i].v === kw;
	/** @returns {Node} */
	function parseOr() {
		let l = parseAnd();
		while (isKw('or')) {
			i++;
			l = { k: 'or', l, r: parseAnd() };
		}
		return l;
	}
	/** @returns {Node} */
	function parseAnd() {
		let l = parseNot();
		while (isKw('and')) {
			i++;
			l = { k: 'and', l, r: parseNot() };
		}
		return l;
	}
	/** @returns {Node} */
	function parseNot() {
		if (isKw('not')) {
			i++;
			return { k: 'not', e: parseNot() };
		}
		return parseCmp();
	}
	/** @returns {Node} */
	function parseCmp() {
		const l = parsePrimary();
		const t = peek();
		if (t && t.t === 'ident' && CMP.has(t.v)) {
			i++;
			const r = parsePrimary();
			return { k: 'cmp', op: t.v, l, r };
		}
		if (t && t.t === 'ident' && ['in', 'has', 'add', 'sub', 'mul', 'div', 'mod'].includes(t.v)) {
			throw qErr(`The '${t.v}' operator is not supported in this $filter.`);
		}
		return l;
	}
	/** @returns {Node} */
	function parsePrimary() {
		const t = toks[i++];
		if (!t) throw qErr(`Unexpected end of $filter expression '${src}'.`);
		switch (t.t) {
			case 'lparen': {
				const e = parseOr();
				if (!toks[i] || toks[i].t !== 'rparen') throw qErr(`')' expected in $filter '${src}'.`);
				i++;
				return e;
			}
			case 'string':
				return { k: 'lit', t: 'string', v: t.v };
			case 'guid':
				return { k: 'lit', t: 'guid', v: t.v.toLowerCase() };
			case 'date':
				return { k: 'lit', t: 'date', v: t.v };
			case 'datetime':
				// a '+' offset that arrived form-decoded as a blank
				return { k: 'lit', t: 'datetime', v: t.v.replace(/ (\d{2}:\d{2})$/, '+$1') };
			case 'number':
				return { k: 'lit', t: 'number', v: Number(t.v.replace(/[mMdDfFlL]$/, '')) };
			case 'ident': {
				if (t.v === 'true' || t.v === 'false') return { k: 'lit', t: 'bool', v: t.v === 'true' };
				if (t.v === 'null') return { k: 'lit', t: 'null', v: null };
				if (toks[i] && toks[i].t === 'lparen') {
					const name = t.v.toLowerCase();
					if (!d.functions.has(name)) throw qErr(`The function '${t.v}' is not supported in $filter.`);
					i++;
					/** @type {Node[]} */
					const args = [];
					if (toks[i] && toks[i].t !== 'rparen') {
						args.push(parseOr());
						while (toks[i] && toks[i].t === 'comma') {
							i++;
							args.push(parseOr());
						}
					}
					if (!toks[i] || toks[i].t !== 'rparen') throw qErr(`')' expected after arguments of '${t.v}'.`);
					i++;
					return { k: 'fn', name, args };
				}
				if (toks[i] && toks[i].v === '/') throw qErr('Navigation paths are not supported in $filter.');
				return { k: 'field', name: t.v };
			}
			default: {
				const make = literalOf.get(t.t);
				if (make) return make(t.v);
				throw qErr(`Syntax error in $filter '${src}' near '${t.v}'.`);
			}
		}
	}
	const ast = parseOr();
	if (i < toks.length) throw qErr(`Syntax error in $filter '${src}': unexpected '${toks[i].v}'.`);
	return ast;
}

module.exports = { parseFilter, CMP };
