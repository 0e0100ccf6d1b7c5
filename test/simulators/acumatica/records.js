'use strict';
/**
 * PUT as upsert (fact sheet §2.1): locate by `id`, else by the key fields, insert or update,
 * `If-None-Match: *` (insert only) / `If-Match: *` (update only) → 412. Business rules live in
 * rules.js; a failed validation is a 422 that returns the sent entity with `error` set in the
 * offending value objects, and nothing is saved.
 */
const { AcuError, noEntity } = require('./errors.js');
const { RULES } = require('./rules.js');

/**
 * The record a PUT is about: by `id`, else by the key fields, else the first one the URL's `$filter` matches.
 * @param {any} ctx @param {string} entity @param {any} parsed @param {((recs: any[]) => any[]) | null} [filter]
 */
function locate(ctx, entity, parsed, filter) {
	const def = ctx.defs[entity];
	const table = ctx.state.tables[entity];
	if (parsed.id) {
		const r = table.find((/** @type {any} */ x) => x.id === parsed.id);
		if (!r) throw noEntity();
		return r;
	}
	const rule = RULES[def.kind];
	const keys = def.keys.map((/** @type {string} */ k) => (k in parsed.f ? parsed.f[k] : rule.keyDefault && rule.keyDefault[k]));
	if (keys.some((/** @type {any} */ k) => k == null || k === '' || k === '<NEW>')) return filter ? filter(table)[0] || null : null;
	return findByKeys(ctx, entity, keys);
}

/** Key values compare case-insensitively and without trailing blanks, like Acumatica's padded keys. @param {any} ctx @param {string} entity @param {string[]} keys */
function findByKeys(ctx, entity, keys) {
	const def = ctx.defs[entity];
	const norm = (/** @type {any} */ v) => String(v ?? '').trim().toLowerCase();
	return ctx.state.tables[entity].find((/** @type {any} */ r) => def.keys.every((/** @type {string} */ k, /** @type {number} */ i) => norm(r.f[k]) === norm(keys[i]))) || null;
}

/**
 * @param {any} ctx @param {string} entity @param {any} parsed @param {any} body the request body as sent
 * @param {{ ifMatch?: string, ifNoneMatch?: string, branch: string, businessDate: string|null, filter: ((recs: any[]) => any[]) | null }} o
 */
function upsert(ctx, entity, parsed, body, o) {
	const def = ctx.defs[entity];
	const existing = locate(ctx, entity, parsed, o.filter);
	if (o.ifNoneMatch === '*' && existing) throw new AcuError(412, 'The record already exists. (If-None-Match: *)');
	if (o.ifMatch === '*' && !existing) throw new AcuError(412, 'The record does not exist. (If-Match: *)');
	const rec = existing ? structuredClone(existing) : { id: ctx.state.newId(), f: {}, linked: {}, details: {}, note: '', custom: {}, x: {} };
	const rule = RULES[def.kind];
	/** @type {Array<{ path: Array<string|number>, message: string }>} */
	const errors = [];
	const err = (/** @type {Array<string|number>} */ path, /** @type {string} */ message) => errors.push({ path, message });
	if (existing && rule.guardReleased) rule.guardReleased(existing, parsed, err);
	if (!errors.length) {
		mergePart(ctx, def, rec, parsed);
		rule.validate(ctx, rec, parsed, err, { isNew: !existing, branch: o.branch, businessDate: o.businessDate });
	}
	if (errors.length) throw validationFailed(def, rec, body, errors, !existing);
	if (rule.compute) rule.compute(ctx, rec);
	for (const lines of Object.values(rec.details)) for (const l of /** @type {any[]} */ (lines)) delete l.bi;
	const now = ctx.nowIso();
	if (!existing) {
		// an auto-number is taken only by a document that is saved
		if (rule.number && rec.f.ReferenceNbr === '<NEW>') rec.f.ReferenceNbr = rule.number(ctx, rec);
		rec.f.CreatedDateTime = now;
		ctx.state.tables[entity].push(rec);
	} else ctx.state.tables[entity][ctx.state.tables[entity].indexOf(existing)] = rec;
	rec.f.LastModifiedDateTime = now;
	return rec;
}

/** Field values sent replace stored ones; lines with an id update (or `delete`), lines without one are new. @param {any} ctx @param {any} def @param {any} rec @param {any} parsed */
function mergePart(ctx, def, rec, parsed) {
	for (const [k, v] of Object.entries(parsed.f)) if (!def.fields[k].ro) rec.f[k] = v;
	if (parsed.note !== undefined) rec.note = parsed.note;
	if (parsed.custom) for (const [view, flds] of Object.entries(parsed.custom)) rec.custom[view] = { ...(rec.custom[view] || {}), ...flds };
	for (const [name, p] of Object.entries(/** @type {Record<string, any>} */ (parsed.linked))) {
		rec.linked[name] = rec.linked[name] || { id: ctx.state.newId(), f: {}, linked: {} };
		mergePart(ctx, def.linked[name], rec.linked[name], p);
	}
	for (const [name, lines] of Object.entries(/** @type {Record<string, any[]>} */ (parsed.details))) {
		const current = (rec.details[name] = rec.details[name] || []);
		lines.forEach((p, bi) => {
			let line = p.id ? current.find((/** @type {any} */ l) => l.id === p.id) : null;
			if (p.id && !line) throw noEntity();
			if (p.delete) {
				current.splice(current.indexOf(line), 1);
				return;
			}
			if (!line) {
				line = { id: ctx.state.newId(), f: {}, linked: {}, note: '', custom: {}, x: { isNew: true } };
				current.push(line);
			}
			for (const [k, v] of Object.entries(p.f)) if (!def.details[name].fields[k].ro) line.f[k] = v;
			if (p.note !== undefined) line.note = p.note;
			line.bi = bi;
			line.sent = p.sent;
		});
	}
}

/**
 * The 422 body: the entity as sent, `error` on it and in the value objects named.
 * @param {any} def @param {any} rec @param {any} body @param {Array<{ path: Array<string|number>, message: string }>} errors @param {boolean} isNew
 */
function validationFailed(def, rec, body, errors, isNew) {
	const out = structuredClone(body);
	out.id = rec.id;
	out.rowNumber = 1;
	if (isNew && def.keys.includes('ReferenceNbr') && !(out.ReferenceNbr && out.ReferenceNbr.value)) out.ReferenceNbr = { value: '<NEW>' };
	for (const e of errors) {
		let node = out;
		for (const p of e.path.slice(0, -1)) {
			if (node[p] === undefined) node[p] = typeof p === 'number' ? {} : {};
			node = node[p];
		}
		const last = e.path[e.path.length - 1];
		if (!node[last] || typeof node[last] !== 'object') node[last] = {};
		node[last].error = node[last].error ? `${node[last].error} ${e.message}` : e.message;
	}
	out.error = `${isNew ? 'Inserting ' : 'Updating '} '${def.title}' record raised at least one error. Please review the errors.`;
	return new AcuError(422, out.error, { body: out });
}

module.exports = { upsert, findByKeys, locate };
