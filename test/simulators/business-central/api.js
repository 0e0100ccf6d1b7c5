'use strict';
/**
 * Synchronous dispatcher for `/v2.0/{tenant}/{environment}/api/v2.0/...` (and the finance reports
 * API, `req.api === 'reports'`) once the caller has been authenticated and admitted by the throttle.
 */
const { BcError, badRequest } = require('./errors.js');
const { etagOf, checkIfMatch, filterTypes } = require('./store.js');
const { parseQuery, checkFilter, evalFilter, pinnedValues, decodeEnum, GUID_RE } = require('./odata.js');
const md = require('./masterdata.js');
const docs = require('./documents.js');
const jr = require('./journals.js');
const { REPORT_DEFS } = require('./reports.js');

/** Entity sets addressable under a company. */
const DEFS = Object.freeze({
	customers: md.customers,
	vendors: md.vendors,
	items: md.items,
	paymentTerms: md.paymentTerms,
	taxAreas: md.taxAreas,
	unitsOfMeasure: md.unitsOfMeasure,
	bankAccounts: md.bankAccounts,
	dimensions: md.dimensions,
	dimensionValues: md.dimensionValues,
	defaultDimensions: md.defaultDimensions,
	accounts: md.accounts,
	generalLedgerEntries: md.generalLedgerEntries,
	dimensionSetLines: md.dimensionSetLines,
	salesInvoices: docs.salesInvoices,
	salesInvoiceLines: docs.salesInvoiceLines,
	salesCreditMemos: docs.salesCreditMemos,
	salesCreditMemoLines: docs.salesCreditMemoLines,
	purchaseInvoices: docs.purchaseInvoices,
	purchaseInvoiceLines: docs.purchaseInvoiceLines,
	customerPaymentJournals: jr.customerPaymentJournals,
	customerPayments: jr.customerPayments,
	journals: jr.journals,
	journalLines: jr.journalLines,
});

/** Sets that can only be reached through a parent. */
const NESTED_ONLY = new Set(['dimensionSetLines', 'defaultDimensions']);

/** @param {string} method @param {string} set */
const methodNotAllowed = (method, set) =>
	new BcError(405, 'BadRequest_MethodNotAllowed', `'${method}' requests for '${set}' of EdmType 'Entity' are not allowed within Microsoft Dynamics 365 Business Central OData web services.`);

const ODATA_HEADERS = Object.freeze({ 'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true', 'odata-version': '4.0' });

/**
 * @typedef {{ method: string, segments: string[], query: Array<[string,string]>, headers: Record<string,string>, body: any, bodyError?: boolean, apiBase: string, rawPathForLinks: string, api?: 'v2.0'|'reports' }} ApiRequest
 * @typedef {{ status: number, headers: Record<string,string>, body?: any, raw?: string }} ApiResponse
 */

/**
 * @param {string} seg
 * @returns {{ name: string, key: string|null }}
 */
function parseSegment(seg) {
	const m = /^([A-Za-z_$][\w.$]*)(?:\((.*)\))?$/.exec(seg);
	if (!m) throw new BcError(400, 'BadRequest_InvalidRequestUrl', `The request URI is not valid. The segment '${seg}' is not supported.`);
	let key = m[2] === undefined ? null : m[2];
	if (key !== null) {
		key = key.replace(/^id=/, '');
		if (/^'.*'$/.test(key)) key = key.slice(1, -1).replace(/''/g, "'");
	}
	return { name: m[1], key };
}

/** @param {string} key */
function checkGuidKey(key) {
	if (!GUID_RE.test(key)) throw new BcError(400, 'BadRequest_InvalidRequestUrl', `The key value '${key}' is not a valid Guid. Entities are addressed as entitySet({guid}) with an unquoted GUID.`);
	return key.toLowerCase();
}

/**
 * @param {any} ctx @param {ApiRequest} req
 * @returns {any} company record
 */
function companyFromRequest(ctx, req) {
	const qp = req.query.find(([k]) => k === 'company');
	const hdr = req.headers.company;
	const want = qp ? qp[1] : hdr;
	if (!want) {
		throw new BcError(
			400,
			'Internal_CompanyNotFound',
			'Cannot process the request because the default company cannot be found. You can specify a default company in the service configuration file, or specify one for each tenant, or you can add a query string in the form of "company=[name]".',
		);
	}
	const st = ctx.state;
	const co = st.companies[String(want).toLowerCase()] || Object.values(st.companies).find((/** @type {any} */ c) => c.meta.name === want || c.meta.displayName === want);
	if (!co) throw new BcError(404, 'Internal_CompanyNotFound', `The company '${want}' does not exist.`);
	return co;
}

/**
 * Handle one API request (also used for each inner $batch request).
 * @param {any} ctx @param {ApiRequest} req
 * @returns {ApiResponse}
 */
function dispatch(ctx, req) {
	const segs = req.segments;
	const method = req.method.toUpperCase();
	const reports = req.api === 'reports';
	const sets = reports ? REPORT_DEFS : DEFS;
	if (req.headers['data-access-intent'] && /readonly/i.test(req.headers['data-access-intent']) && method !== 'GET') {
		throw badRequest(`The Data-Access-Intent 'ReadOnly' is not allowed for '${method}' requests.`);
	}
	if (segs.length === 0) {
		if (method !== 'GET') throw methodNotAllowed(method, 'service document');
		return {
			status: 200,
			headers: { ...ODATA_HEADERS },
			body: { '@odata.context': `${req.apiBase}/$metadata`, value: (reports ? ['companies'] : ['companies', 'subscriptions']).map((n) => ({ name: n, kind: 'EntitySet', url: n })) },
		};
	}
	if (segs[0] === '$metadata') return metadata(sets);
	if (reports && /^(\$batch|subscriptions)(\(|$)/.test(segs[0])) {
		throw new BcError(404, 'BadRequest_ResourceNotFound', `Resource not found for the segment '${segs[0]}'. The finance reports API serves read-only queries only.`);
	}
	if (segs[0] === 'subscriptions' || /^subscriptions\(/.test(segs[0])) {
		throw badRequest('Subscriptions cannot be managed inside a $batch request.');
	}
	if (segs[0] === '$batch') throw badRequest('$batch requests cannot be nested.');

	let co;
	let rest;
	let contextPrefix;
	const first = parseSegment(segs[0]);
	if (first.name === 'companies') {
		if (first.key === null) {
			if (segs.length > 1) throw new BcError(400, 'BadRequest_InvalidRequestUrl', 'The request URI is not valid. A company key is required.');
			if (method !== 'GET') throw methodNotAllowed(method, 'companies');
			return listResponse(ctx, null, md.companies, null, req, `${req.apiBase}/$metadata#companies`);
		}
		const cid = checkGuidKey(first.key);
		co = ctx.state.companies[cid];
		if (!co) throw new BcError(404, 'Internal_CompanyNotFound', `The Company does not exist. Identification fields and values: Id='${cid}'`);
		if (segs.length === 1) {
			if (method !== 'GET') throw methodNotAllowed(method, 'companies');
			return entityResponse(ctx, co, md.companies, co.meta, req, `${req.apiBase}/$metadata#companies/$entity`);
		}
		rest = segs.slice(1);
		contextPrefix = `${req.apiBase}/$metadata#companies(${cid})`;
	} else {
		co = companyFromRequest(ctx, req);
		rest = segs;
		contextPrefix = `${req.apiBase}/$metadata#`;
	}
	return dispatchInCompany(ctx, co, rest, req, method, contextPrefix, sets);
}

/**
 * @param {any} ctx @param {any} co @param {string[]} segs @param {ApiRequest} req @param {string} method @param {string} contextPrefix
 * @param {Record<string, any>} sets the entity sets of the API the request is under
 * @returns {ApiResponse}
 */
function dispatchInCompany(ctx, co, segs, req, method, contextPrefix, sets) {
	/** @type {{def:any, rec:any, parent:any}|null} */
	let cur = null;
	/** @type {{def:any, parent:any}|null} */
	let coll = null;
	/** @type {string|null} */
	let action = null;
	const ctxPath = [];
	for (let i = 0; i < segs.length; i++) {
		const { name, key } = parseSegment(segs[i]);
		if (i === 0) {
			const def = sets[name];
			if (!def || NESTED_ONLY.has(name)) {
				if (def) throw new BcError(400, 'Application_DialogException', `You must get to the parent first to get to the ${name}.`);
				throw new BcError(404, 'BadRequest_ResourceNotFound', `Resource not found for the segment '${name}'.`);
			}
			ctxPath.push(name);
			if (key !== null) cur = { def, rec: def.get(ctx, co, null, checkGuidKey(key)), parent: null };
			else coll = { def, parent: null };
			continue;
		}
		if (coll) throw new BcError(400, 'BadRequest_InvalidRequestUrl', `The request URI is not valid. Since the segment '${segs[i - 1]}' refers to a collection, this must be the last segment in the request URI or it must be followed by a function or action that can be bound to it.`);
		const c = /** @type {{def:any, rec:any, parent:any}} */ (cur);
		const am = /^Microsoft\.NAV\.(\w+)$/i.exec(name);
		if (am) {
			if (i !== segs.length - 1) throw new BcError(400, 'BadRequest_InvalidRequestUrl', 'An action must be the last segment of the request URI.');
			const actName = Object.keys(c.def.actions || {}).find((a) => a.toLowerCase() === am[1].toLowerCase());
			if (!actName) throw new BcError(404, 'BadRequest_ResourceNotFound', `Resource not found for the segment '${name}'.`);
			action = actName;
			break;
		}
		const nav = c.def.nav && c.def.nav[name];
		if (!nav) throw new BcError(404, 'BadRequest_ResourceNotFound', `Resource not found for the segment '${name}'.`);
		const target = /** @type {any} */ (DEFS)[nav.def];
		ctxPath.push(name);
		if (nav.many) {
			const parent = { def: c.def, rec: c.rec, parent: c };
			if (key !== null) {
				const k = target.name === 'dimensionSetLines' ? checkGuidKey(key) : checkGuidKey(key);
				cur = { def: target, rec: target.get(ctx, co, parent, k), parent };
			} else {
				coll = { def: target, parent };
				cur = null;
			}
		} else {
			if (key !== null) throw new BcError(400, 'BadRequest_InvalidRequestUrl', `The navigation property '${name}' is single-valued and takes no key.`);
			const rec = nav.fetch(ctx, co, c.rec);
			if (!rec) throw new BcError(404, 'BadRequest_NotFound', `The ${target.caption} referenced by '${name}' does not exist.`);
			cur = { def: target, rec, parent: null };
		}
	}
	const ctxUrl = `${contextPrefix}${contextPrefix.endsWith('#') ? '' : '/'}${ctxPath.join('/')}`;

	if (action) {
		const c = /** @type {{def:any, rec:any}} */ (cur);
		if (method !== 'POST') throw methodNotAllowed(method, `Microsoft.NAV.${action}`);
		c.def.actions[action](ctx, co, c.rec);
		return { status: 204, headers: {} };
	}
	if (coll) {
		const { def, parent } = coll;
		if (method === 'GET') return listResponse(ctx, co, def, parent, req, ctxUrl);
		if (method === 'POST') {
			if (def.readOnly || !def.create) throw methodNotAllowed(method, def.name);
			const rec = def.create(ctx, co, parent, req.body);
			const q = parseQuery(req.query.filter(([k]) => k === '$select' || k === '$expand'));
			const body = shape(ctx, co, def, rec, q);
			if (wantsMinimal(req)) return { status: 204, headers: { etag: etagOf(rec), 'preference-applied': 'return=minimal' } };
			return {
				status: 201,
				headers: { ...ODATA_HEADERS, etag: etagOf(rec), location: `${req.apiBase}/${req.rawPathForLinks}(${rec.id})` },
				body: { '@odata.context': `${ctxUrl}/$entity`, ...body },
			};
		}
		throw methodNotAllowed(method, def.name);
	}
	const c = /** @type {{def:any, rec:any, parent:any}} */ (cur);
	const def = c.def;
	const parent = c.parent && c.parent.def ? { def: c.parent.def, rec: c.parent.rec } : null;
	if (method === 'GET') return entityResponse(ctx, co, def, c.rec, req, `${ctxUrl}/$entity`);
	if (method === 'PATCH' || method === 'PUT' || method === 'MERGE') {
		if (def.readOnly || !def.update) throw methodNotAllowed(method, def.name);
		if (method === 'PUT') throw methodNotAllowed(method, def.name);
		requireIfMatch(req, c.rec);
		const current = def.view(ctx, co, c.rec);
		const rec = def.update(ctx, co, parent, c.rec, req.body, current);
		if (wantsMinimal(req)) return { status: 204, headers: { etag: etagOf(rec), 'preference-applied': 'return=minimal' } };
		const q = parseQuery(req.query.filter(([k]) => k === '$select' || k === '$expand'));
		return { status: 200, headers: { ...ODATA_HEADERS, etag: etagOf(rec) }, body: { '@odata.context': `${ctxUrl}/$entity`, ...shape(ctx, co, def, rec, q) } };
	}
	if (method === 'DELETE') {
		if (def.readOnly || !def.remove) throw methodNotAllowed(method, def.name);
		requireIfMatch(req, c.rec);
		def.remove(ctx, co, parent, c.rec);
		return { status: 204, headers: {} };
	}
	throw methodNotAllowed(method, def.name);
}

/** @param {ApiRequest} req */
const wantsMinimal = (req) => /return=minimal/i.test(req.headers.prefer || '');

/** @param {ApiRequest} req @param {any} rec */
function requireIfMatch(req, rec) {
	const r = checkIfMatch(req.headers['if-match'], rec);
	if (r === 'missing') {
		throw new BcError(400, 'BadRequest_InvalidToken', 'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.');
	}
	if (r === 'stale') throw new BcError(409, 'Request_EntityChanged', 'Another user has already changed the record.');
}

/**
 * @param {any} ctx @param {any} co @param {any} def @param {any} rec @param {ApiRequest} req @param {string} contextUrl
 * @returns {ApiResponse}
 */
function entityResponse(ctx, co, def, rec, req, contextUrl) {
	const q = parseQuery(req.query);
	if (q.filter || q.top !== null || q.skip || q.orderby.length || q.skiptoken) {
		// OData allows them but they are meaningless on a single entity; BC ignores $filter etc. here.
	}
	return { status: 200, headers: { ...ODATA_HEADERS, etag: etagOf(rec) }, body: { '@odata.context': contextUrl, ...shape(ctx, co, def, rec, q) } };
}

/**
 * Apply $select and $expand to one record.
 * @param {any} ctx @param {any} co @param {any} def @param {any} rec @param {import('./odata.js').Query} q
 */
function shape(ctx, co, def, rec, q) {
	const view = def.view(ctx, co, rec);
	return shapeView(ctx, co, def, rec, view, q);
}

/**
 * @param {any} ctx @param {any} co @param {any} def @param {any} rec @param {Record<string, any>} view @param {import('./odata.js').Query} q
 */
function shapeView(ctx, co, def, rec, view, q) {
	/** @type {Record<string, any>} */
	let out = view;
	if (q.select) {
		for (const f of q.select) {
			if (!(f in def.fields) && !(def.nav && def.nav[f])) throw badRequest(`Could not find a property named '${f}' on type 'Microsoft.NAV.${def.type}'.`);
		}
		out = { '@odata.etag': view['@odata.etag'] };
		for (const f of q.select) if (f in def.fields) out[f] = view[f];
	} else out = { ...view };
	for (const ex of q.expand) {
		const nav = def.nav && def.nav[ex.name];
		if (!nav) throw badRequest(`Could not find a property named '${ex.name}' on type 'Microsoft.NAV.${def.type}'.`);
		const target = /** @type {any} */ (DEFS)[nav.def];
		if (nav.many) {
			const pins = (/** @type {string} */ f) => pinnedValues(ex.query.filter, f);
			const children = target.list(ctx, co, { def, rec }, ex.query, pins);
			out[ex.name] = queryItems(ctx, co, target, children, ex.query).map((it) => shapeView(ctx, co, target, it.rec, it.view, ex.query));
		} else {
			const r = nav.fetch(ctx, co, rec);
			out[ex.name] = r ? shapeView(ctx, co, target, r, target.view(ctx, co, r), ex.query) : null;
		}
	}
	return out;
}

/**
 * $filter and $orderby over records.
 * @param {any} ctx @param {any} co @param {any} def @param {any[]} recs @param {import('./odata.js').Query} q
 * @returns {Array<{ rec: any, view: Record<string, any> }>}
 */
function filterAndSort(ctx, co, def, recs, q) {
	const types = filterTypes(def);
	if (q.filter) checkFilter(q.filter, types, def.type);
	let items = candidates(def, recs, q.filter).map((rec) => ({ rec, view: def.view(ctx, co, rec) }));
	if (q.filter) {
		const f = q.filter;
		items = items.filter((it) => evalFilter(f, it.view, types));
	}
	if (q.orderby.length) {
		for (const o of q.orderby) if (!types[o.field]) throw badRequest(`Could not find a property named '${o.field}' on type 'Microsoft.NAV.${def.type}'.`);
		items = items
			.map((it, i) => ({ it, i }))
			.sort((a, b) => {
				for (const o of q.orderby) {
					const c = compareValues(types[o.field], a.it.view[o.field], b.it.view[o.field]);
					if (c) return o.desc ? -c : c;
				}
				return a.i - b.i;
			})
			.map((x) => x.it);
	}
	return items;
}

/**
 * The records that can match a filter, narrowed on stored values before anything is rendered:
 * every `and`-ed group of `field eq 'text'` terms joined by `or` on one field the entity set lists
 * in `storedFilterFields` (fields rendered exactly as stored) keeps only records whose stored value
 * is one of the texts, compared case-insensitively like the full evaluation that still follows.
 * @param {any} def @param {any[]} recs @param {import('./odata.js').Node | null} ast
 */
function candidates(def, recs, ast) {
	if (!ast || !def.storedFilterFields) return recs;
	let out = recs;
	for (const group of conjuncts(ast)) {
		const terms = eqTerms(group);
		if (!terms || !def.storedFilterFields.includes(terms.field)) continue;
		const wanted = new Set(terms.values.map((v) => v.toLowerCase()));
		out = out.filter((r) => wanted.has(String(r[terms.field] ?? '').toLowerCase()));
	}
	return out;
}

/** @param {any} n @returns {any[]} */
const conjuncts = (n) => (n.k === 'and' ? [...conjuncts(n.l), ...conjuncts(n.r)] : [n]);

/**
 * `f eq 'a' or f eq 'b' or …` (non-empty text literals, one field) → { field, values }, else null.
 * @param {any} n @returns {{ field: string, values: string[] } | null}
 */
function eqTerms(n) {
	if (n.k === 'or') {
		const a = eqTerms(n.l);
		const b = a && eqTerms(n.r);
		return a && b && a.field === b.field ? { field: a.field, values: [...a.values, ...b.values] } : null;
	}
	if (n.k !== 'cmp' || n.op !== 'eq') return null;
	const [f, lit] = n.l.k === 'field' ? [n.l, n.r] : [n.r, n.l];
	if (f.k !== 'field' || lit.k !== 'lit' || lit.t !== 'string' || lit.v === '') return null;
	return { field: f.name, values: [lit.v] };
}

/**
 * filterAndSort + $skip/$top.
 * @param {any} ctx @param {any} co @param {any} def @param {any[]} recs @param {import('./odata.js').Query} q
 */
function queryItems(ctx, co, def, recs, q) {
	const items = filterAndSort(ctx, co, def, recs, q);
	return items.slice(q.skip, q.top !== null ? q.skip + q.top : undefined);
}

/** @param {string} type @param {any} a @param {any} b */
function compareValues(type, a, b) {
	if (type === 'string' || type === 'enum' || type === 'guid') {
		const x = String(type === 'enum' ? decodeEnum(a) : a).toLowerCase();
		const y = String(type === 'enum' ? decodeEnum(b) : b).toLowerCase();
		return x < y ? -1 : x > y ? 1 : 0;
	}
	if (type === 'datetime') return Date.parse(a) - Date.parse(b);
	if (type === 'bool') return Number(a) - Number(b);
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Collection GET with server-driven paging.
 * @param {any} ctx @param {any} co @param {any} def @param {any} parent @param {ApiRequest} req @param {string} contextUrl
 * @returns {ApiResponse}
 */
function listResponse(ctx, co, def, parent, req, contextUrl) {
	const q = parseQuery(req.query);
	const pins = (/** @type {string} */ f) => pinnedValues(q.filter, f);
	const recs = def.list(ctx, co, parent, q, pins);
	// without $filter/$orderby only the page served is rendered (a big collection pages cheaply)
	const plain = !q.filter && !q.orderby.length;
	/** @type {Array<{ rec: any, view: Record<string, any> | null }>} */
	const all = plain ? recs.map((/** @type {any} */ rec) => ({ rec, view: null })) : filterAndSort(ctx, co, def, recs, q);
	const items = all.slice(q.skip, q.top !== null ? q.skip + q.top : undefined);
	const headers = { ...ODATA_HEADERS };
	let pageSize = ctx.opts.pageSize;
	const pm = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(req.headers.prefer || '');
	let offset = 0;
	if (q.skiptoken) {
		let tok;
		try {
			tok = JSON.parse(Buffer.from(q.skiptoken, 'base64url').toString('utf8'));
		} catch {
			tok = null;
		}
		if (!tok || !Number.isInteger(tok.o) || tok.o < 0 || !Number.isInteger(tok.p) || tok.p < 1) throw badRequest(`The $skiptoken '${q.skiptoken}' is not valid.`);
		offset = tok.o;
		pageSize = tok.p;
	}
	if (pm) {
		// the client can only lower the server page size (opts.pageSize)
		const n = Math.max(1, Math.min(parseInt(pm[1], 10), ctx.opts.pageSize));
		pageSize = n;
		headers['preference-applied'] = `odata.maxpagesize=${n}`;
	}
	const page = items.slice(offset, offset + pageSize);
	/** @type {Record<string, any>} */
	const body = { '@odata.context': contextUrl };
	if (q.count) body['@odata.count'] = all.length; // $count ignores $top/$skip
	body.value = page.map((it) => shapeView(ctx, co, def, it.rec, it.view || def.view(ctx, co, it.rec), q));
	if (offset + pageSize < items.length) {
		const token = Buffer.from(JSON.stringify({ o: offset + pageSize, p: pageSize })).toString('base64url');
		const params = req.query.filter(([k]) => k !== '$skiptoken').map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
		params.push(`$skiptoken=${token}`);
		body['@odata.nextLink'] = `${req.apiBase}/${req.rawPathForLinks}?${params.join('&').replace(/%24/g, '$')}`;
	}
	return { status: 200, headers, body };
}

/** @param {Record<string, any>} defs @returns {ApiResponse} */
function metadata(defs) {
	const sets = ['companies', ...Object.keys(defs).filter((n) => !NESTED_ONLY.has(n))];
	const xml = [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
		'<edmx:DataServices><Schema Namespace="Microsoft.NAV" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
		...[md.companies, ...Object.values(defs)].map(
			(d) =>
				`<EntityType Name="${d.type}">${'id' in d.fields ? '<Key><PropertyRef Name="id"/></Key>' : ''}${Object.entries(d.fields)
					.map(([n, s]) => `<Property Name="${n}" Type="${edmType(/** @type {any} */ (s))}"/>`)
					.join('')}</EntityType>`,
		),
		`<EntityContainer Name="NAV">${sets.map((s) => `<EntitySet Name="${s}" EntityType="Microsoft.NAV.${s === 'companies' ? 'company' : defs[s].type}"/>`).join('')}</EntityContainer>`,
		'</Schema></edmx:DataServices></edmx:Edmx>',
	].join('');
	return { status: 200, headers: { 'content-type': 'application/xml', 'odata-version': '4.0' }, raw: xml };
}

/** @param {{t: string}} s */
function edmType(s) {
	return { string: 'Edm.String', code: 'Edm.String', guid: 'Edm.Guid', date: 'Edm.Date', datetime: 'Edm.DateTimeOffset', bool: 'Edm.Boolean', int: 'Edm.Int32', decimal: 'Edm.Decimal', money: 'Edm.Decimal', enum: 'Edm.String' }[s.t] || 'Edm.String';
}

module.exports = { dispatch, DEFS, REPORT_DEFS, queryItems };
