'use strict';
/**
 * The contract-based REST routes under `/entity/<endpoint>/<version>/` (fact sheet §1.1 route
 * table): list with query parameters, PUT upsert, get / delete by keys or id, actions and their
 * status, and the CompaniesStructure inquiry (read with PUT) for branches.
 */
const { AcuError, noEntity, noResource, badRequest, failure } = require('./errors.js');
const { parsePart, render, convert } = require('./values.js');
const { parseQuery, applyQuery } = require('./query.js');
const { upsert, findByKeys } = require('./records.js');
const { RULES } = require('./rules.js');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * @param {any} ctx
 * @param {{ method: string, entity: string, rest: string[], sp: URLSearchParams, body: any, headers: Record<string,string>, session: any, ver: string, base: string, uri: string }} r
 * `base`: `/<site>/entity/<endpoint>/<version>`
 * @returns {{ status: number, headers?: Record<string,string>, body?: any }}
 */
function handleEntity(ctx, r) {
	const def = ctx.defs[r.entity];
	if (!def) throw noResource(r.uri);
	const isStatus = r.method === 'GET' && r.rest.length === 3 && r.rest[1] === 'status';
	if (!isStatus) ctx.actions.guard(r.session, def.screen);
	if (def.kind === 'inquiry') return inquiry(ctx, def, r);
	const self = (/** @type {any} */ rec) => `${r.base}/${r.entity}/${rec.id}`;
	const q = () => parseQuery(r.sp, def, r.ver, r.entity);
	const one = (/** @type {any} */ rec) => render(def, rec, r.ver, q(), { self: self(rec), rowNumber: 1 });

	if (r.rest.length === 0) {
		if (r.method === 'GET') {
			const query = q();
			const rows = applyQuery(ctx.state.tables[r.entity], query);
			return { status: 200, body: rows.map((rec, i) => render(def, rec, r.ver, query, { self: self(rec), rowNumber: i + 1 })) };
		}
		if (r.method === 'PUT') {
			const query = q();
			if (r.body === undefined || r.body === null) throw badRequest('The request body is empty.');
			const parsed = parsePart(def, r.body, r.ver, 'entity');
			const businessDate = r.headers['px-cbapibusinessdate'] ? String(convert('DT', r.headers['px-cbapibusinessdate'], 'PX-CbApiBusinessDate')) : null;
			const rec = upsert(ctx, r.entity, parsed, r.body, { ifMatch: r.headers['if-match'], ifNoneMatch: r.headers['if-none-match'], branch: r.headers['px-cbapibranch'] || r.session.branch, businessDate, filter: query.filter ? (recs) => applyQuery(recs, { ...query, top: null, skip: 0 }) : null });
			return { status: 200, body: render(def, rec, r.ver, query, { self: self(rec), rowNumber: 1 }) };
		}
		throw new AcuError(405, `The requested resource does not support http method '${r.method}'.`);
	}

	const action = actionOf(def, r.rest[0]);
	if (action) {
		if (r.method === 'POST' && r.rest.length === 1) return startAction(ctx, def, r, action);
		if (isStatus) return ctx.actions.status(r.rest[2]);
	}

	const rec = byPath(ctx, def, r);
	if (r.method === 'GET') return { status: 200, body: one(rec) };
	if (r.method === 'DELETE') {
		remove(ctx, def, r.entity, rec);
		return { status: 204 };
	}
	throw new AcuError(405, `The requested resource does not support http method '${r.method}'.`);
}

/** Contract action names, and the graph action `Release` for them. @param {any} def @param {string} name */
function actionOf(def, name) {
	if (!def.actions) return null;
	if (def.actions[name]) return name;
	if (name === 'Release') return Object.keys(def.actions)[0];
	return null;
}

/** `/{key1}/{key2}` (or `key1|key2`), or `/{id}`. @param {any} ctx @param {any} def @param {any} r */
function byPath(ctx, def, r) {
	const keys = r.rest.length === 1 && GUID.test(r.rest[0]) ? null : r.rest.flatMap((/** @type {string} */ s) => s.split('|'));
	if (!keys) {
		const rec = ctx.state.tables[r.entity].find((/** @type {any} */ x) => x.id === r.rest[0].toLowerCase());
		if (!rec) throw noEntity();
		return rec;
	}
	if (keys.length !== def.keys.length) throw noEntity();
	const rec = findByKeys(ctx, r.entity, keys);
	if (!rec) throw noEntity();
	return rec;
}

/** @param {any} ctx @param {any} def @param {any} r @param {string} action */
function startAction(ctx, def, r, action) {
	const b = r.body;
	if (!b || typeof b !== 'object' || !b.entity || typeof b.entity !== 'object') throw badRequest("The action request needs a body { \"entity\": { \"id\": … } or the key fields, \"parameters\": {} }.");
	const parsed = parsePart(def, b.entity, r.ver, 'entity');
	let rec;
	if (parsed.id) rec = ctx.state.tables[r.entity].find((/** @type {any} */ x) => x.id === parsed.id);
	else {
		const keys = def.keys.map((/** @type {string} */ k) => (k in parsed.f ? parsed.f[k] : RULES[def.kind].keyDefault && RULES[def.kind].keyDefault[k]));
		rec = keys.every((/** @type {any} */ k) => k != null) ? findByKeys(ctx, r.entity, keys) : null;
	}
	if (!rec) throw noEntity();
	ctx.stats.actions++;
	const { location } = ctx.actions.start({
		session: r.session,
		entity: r.entity,
		screen: def.screen,
		action,
		rec,
		rule: RULES[def.kind],
		statusBase: `${r.base}/${r.entity}/${action}/status`,
		recordPath: `${r.base}/${r.entity}/${rec.id}`,
	});
	return { status: 202, headers: { location } };
}

/** @param {any} ctx @param {any} def @param {string} entity @param {any} rec */
function remove(ctx, def, entity, rec) {
	if (rec.x.released) throw failure('The document is released and cannot be deleted.');
	const party = { customer: ['Invoice', 'Customer', 'Payment', 'CustomerID'], vendor: ['Bill', 'Vendor'] }[/** @type {'customer'} */ (def.kind)];
	if (party) {
		const key = def.keys[0];
		const used = ctx.state.tables[party[0]].some((/** @type {any} */ d) => String(d.f[party[1]]).toLowerCase() === String(rec.f[key]).toLowerCase()) ||
			(party[2] && ctx.state.tables[party[2]].some((/** @type {any} */ d) => String(d.f[party[3]]).toLowerCase() === String(rec.f[key]).toLowerCase()));
		if (used) throw failure(`The ${def.title.toLowerCase()} '${rec.f[key]}' cannot be deleted because documents refer to it.`);
	}
	const table = ctx.state.tables[entity];
	table.splice(table.indexOf(rec), 1);
}

/** CompaniesStructure (CS401000): `PUT …/CompaniesStructure?$expand=Results` with `{}` → companies and branches. @param {any} ctx @param {any} def @param {any} r */
function inquiry(ctx, def, r) {
	if (r.method !== 'PUT' || r.rest.length) throw new AcuError(405, `The requested resource does not support http method '${r.method}'. Inquiries are read with PUT.`);
	const q = parseQuery(r.sp, def, r.ver, r.entity);
	const rec = { id: '00000000-0000-0000-0000-000000000000', f: {}, linked: {}, details: { Results: ctx.state.branches.map((/** @type {any} */ b, /** @type {number} */ i) => ({ id: `00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`, f: b, linked: {} })) }, note: '', custom: {} };
	return { status: 200, body: render(def, rec, r.ver, q, { rowNumber: 1 }) };
}

module.exports = { handleEntity };
