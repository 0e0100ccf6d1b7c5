'use strict';
/**
 * Entity-set requests against the state: key parsing from the URL, company scope
 * (`cross-company=true`), GET (paging with `@odata.nextLink` carrying `$skip`), POST, PATCH/PUT
 * and DELETE. Pure request → response; the server (index.js) handles auth, throttling and $batch.
 */
const { KEYS, keyString } = require('./seed.js');
const { DEFS, find } = require('./entities.js');
const { FoError, badRequest, notFound, duplicate, writeFailed } = require('./errors.js');
const { parseQuery, runQuery, toStored, render, NS } = require('./query.js');
const { parseDec, decToString } = require('../shared/decimal.js');

/**
 * `(dataAreaId='usmf',InvoiceIdentifier=5637144576)` → key values in stored form.
 * @param {string} text inside the parentheses @param {any} def @param {string} set
 */
function parseKey(text, def, set) {
	const parts = [];
	let cur = '';
	let inStr = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === "'") {
			if (inStr && text[i + 1] === "'") {
				cur += "''";
				i++;
				continue;
			}
			inStr = !inStr;
		}
		if (ch === ',' && !inStr) {
			parts.push(cur);
			cur = '';
		} else cur += ch;
	}
	parts.push(cur);
	const mismatch = () => badRequest(`The number of keys specified in the URI does not match number of key properties for the resource '${NS}.${def.type}'. Every key field must be given: ${def.keys.join(', ')}.`);
	/** @type {Record<string, any>} */
	const key = {};
	for (const p of parts) {
		const m = /^\s*(?:([A-Za-z_][A-Za-z0-9_]*)\s*=)?\s*(.*?)\s*$/.exec(p);
		const name = m && m[1] ? m[1] : def.keys.length === 1 ? def.keys[0] : null;
		if (!m || !name || !def.keys.includes(name)) throw mismatch();
		const raw = m[2];
		const t = def.fields[name];
		if (t === 's') {
			const s = /^'((?:[^']|'')*)'$/.exec(raw);
			if (!s) throw badRequest(`The key value ${raw} of '${name}' in '${set}' must be a quoted string (Edm.String).`);
			key[name] = s[1].replace(/''/g, "'");
		} else {
			if (!/^-?\d+(\.\d+)?$/.test(raw)) throw badRequest(`The key value ${raw} of '${name}' in '${set}' must be an unquoted number (${t === 'd' ? 'Edm.Decimal' : 'Edm.Int64'}).`);
			key[name] = t === 'd' ? decToString(/** @type {any} */ (parseDec(raw))) : Number(raw);
		}
	}
	if (Object.keys(key).length !== def.keys.length) throw mismatch();
	return key;
}

/**
 * @typedef {{ method: string, set: string, keyText: string | null, query: Array<[string,string]>, body: any, crossCompany: boolean, serviceRoot: string, rawQuery: string }} EntityRequest
 */

/**
 * @param {any} ctx @param {EntityRequest} r
 * @returns {{ status: number, headers?: Record<string,string>, body?: any }}
 */
function handleEntity(ctx, r) {
	const def = DEFS[r.set];
	if (!def) throw notFound(r.set);
	const table = ctx.state.tables[r.set];
	const inScope = (/** @type {any} */ rec) => !def.company || r.crossCompany || String(rec.dataAreaId).toLowerCase() === ctx.state.defaultCompany;
	if (r.keyText === null) {
		if (r.method === 'GET') return list(ctx, r, def, [...table.values()].filter(inScope));
		if (r.method === 'POST') return create(ctx, r, def);
		throw new FoError(405, `The HTTP method '${r.method}' is not allowed on the entity set '${r.set}'.`);
	}
	const key = parseKey(r.keyText, def, r.set);
	const rec = find(ctx.state, r.set, key);
	if (!rec || !inScope(rec)) throw notFound(`${r.set}(${r.keyText})`);
	if (r.method === 'GET') {
		const q = parseQuery(r.query, def);
		return { status: 200, body: { '@odata.context': `${r.serviceRoot}/$metadata#${r.set}/$entity`, ...render(rec, def, q.select) } };
	}
	if (def.readOnlySet) throw new FoError(405, `The entity set '${r.set}' is read-only.`);
	if (r.method === 'PATCH' || r.method === 'PUT') return update(ctx, r, def, rec);
	if (r.method === 'DELETE') {
		if (def.beforeDelete) def.beforeDelete(ctx, rec);
		table.delete(keyString(r.set, rec));
		ctx.touch();
		return { status: 204 };
	}
	throw new FoError(405, `The HTTP method '${r.method}' is not allowed on '${r.set}(${r.keyText})'.`);
}

/** @param {any} ctx @param {EntityRequest} r @param {any} def @param {any[]} records */
function list(ctx, r, def, records) {
	const q = parseQuery(r.query, def);
	const { page, total, nextSkip } = runQuery(records, q, def, ctx.opts.pageSize);
	/** @type {Record<string, any>} */
	const body = { '@odata.context': `${r.serviceRoot}/$metadata#${r.set}${q.select ? `(${q.select.join(',')})` : ''}` };
	if (q.count) body['@odata.count'] = total;
	body.value = page.map((rec) => render(rec, def, q.select));
	if (nextSkip !== null) {
		const params = new URLSearchParams(r.rawQuery);
		params.set('$skip', String(nextSkip));
		body['@odata.nextLink'] = `${r.serviceRoot}/${r.set}?${params.toString().replace(/%24/g, '$').replace(/%2C/g, ',')}`;
	}
	return { status: 200, body };
}

/** @param {any} ctx @param {any} def @param {any} rec */
function fillBlanks(ctx, def, rec) {
	for (const [name, t] of Object.entries(def.fields)) {
		if (rec[name] !== undefined) continue;
		if (def.defaults[name] !== undefined) rec[name] = def.defaults[name];
		else rec[name] = t === 's' ? '' : t === 'dt' ? '1900-01-01T12:00:00Z' : t.startsWith('e:') ? null : null;
	}
}

/** @param {any} ctx @param {EntityRequest} r @param {any} def */
function create(ctx, r, def) {
	if (def.readOnlySet) throw new FoError(405, `The entity set '${r.set}' is read-only.`);
	const values = toStored(r.body, def);
	for (const f of def.readOnly) delete values[f];
	const rec = { ...values };
	if (def.company) {
		rec.dataAreaId = String(rec.dataAreaId || ctx.state.defaultCompany).toLowerCase();
		if (!ctx.state.companies[rec.dataAreaId]) throw writeFailed(def.aot, [`Error: Company '${rec.dataAreaId}' does not exist.`]);
	}
	if (def.prepare) def.prepare(ctx, rec);
	fillBlanks(ctx, def, rec);
	def.validate(ctx, rec);
	if (find(ctx.state, r.set, rec)) throw duplicate(def.aot, def.table, def.keyLabel(rec));
	rec._v = ctx.touch();
	ctx.state.tables[r.set].set(keyString(r.set, rec), rec);
	const keyText = KEYS[r.set].map((k) => `${k}=${def.fields[k] === 's' ? `'${String(rec[k]).replace(/'/g, "''")}'` : rec[k]}`).join(',');
	const body = { '@odata.context': `${r.serviceRoot}/$metadata#${r.set}/$entity`, ...render(rec, def) };
	return { status: 201, headers: { location: `${r.serviceRoot}/${r.set}(${keyText})`, etag: body['@odata.etag'] }, body };
}

/** @param {any} ctx @param {EntityRequest} r @param {any} def @param {any} old */
function update(ctx, r, def, old) {
	const values = toStored(r.body, def);
	for (const k of def.keys) {
		if (values[k] !== undefined && String(values[k]).toLowerCase() !== String(old[k]).toLowerCase()) throw writeFailed(def.aot, [`Error: The key field '${k}' cannot be changed.`]);
	}
	for (const f of def.readOnly) delete values[f];
	const merged = { ...old, ...values };
	def.validate(ctx, merged, old);
	merged._v = ctx.touch();
	ctx.state.tables[r.set].set(keyString(r.set, merged), merged);
	return { status: 204 };
}

module.exports = { handleEntity, parseKey };
