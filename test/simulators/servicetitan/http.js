'use strict';
/**
 * HTTP plumbing for the ServiceTitan simulator: RFC 7807 errors (ApiErrorResponse), query-string
 * parsing with ST's conventions, page envelopes, export-feed continuation tokens, and per-instance
 * caches (id index, export order). No module-level mutable state.
 */

const crypto = require('node:crypto');

/** RFC 7807 `type` URIs by status (ASP.NET Core defaults). */
const PROBLEM_TYPES = {
	400: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
	401: 'https://tools.ietf.org/html/rfc7235#section-3.1',
	403: 'https://tools.ietf.org/html/rfc7231#section-6.5.3',
	404: 'https://tools.ietf.org/html/rfc7231#section-6.5.4',
	405: 'https://tools.ietf.org/html/rfc7231#section-6.5.5',
	409: 'https://tools.ietf.org/html/rfc7231#section-6.5.8',
	413: 'https://tools.ietf.org/html/rfc7231#section-6.5.11',
	415: 'https://tools.ietf.org/html/rfc7231#section-6.5.13',
	422: 'https://tools.ietf.org/html/rfc4918#section-11.2',
	429: 'https://tools.ietf.org/html/rfc6585#section-4',
	500: 'https://tools.ietf.org/html/rfc7231#section-6.6.1',
	502: 'https://tools.ietf.org/html/rfc7231#section-6.6.3',
	503: 'https://tools.ietf.org/html/rfc7231#section-6.6.4',
	504: 'https://tools.ietf.org/html/rfc7231#section-6.6.5',
};

const STATUS_TITLES = {
	400: 'One or more validation errors occurred.',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'An error occurred while processing your request.',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** W3C traceparent-like id, as ASP.NET puts in `traceId`. */
function traceId() {
	return `00-${crypto.randomBytes(16).toString('hex')}-${crypto.randomBytes(8).toString('hex')}-00`;
}

/**
 * Build an ApiErrorResponse body (servicetitan.md §6.1): all six fields always present.
 * @param {number} status
 * @param {string} [title]
 * @param {Record<string,string[]>} [errors]
 * @param {Record<string,any>} [data]
 */
function problem(status, title, errors, data) {
	return {
		type: PROBLEM_TYPES[status] || 'about:blank',
		title: title || STATUS_TITLES[status] || 'Error',
		status,
		traceId: traceId(),
		errors: errors || {},
		data: data || {},
	};
}

/** Thrown by handlers; turned into an RFC 7807 response by the server. */
class ApiError extends Error {
	/**
	 * @param {number} status
	 * @param {string} [title]
	 * @param {Record<string,string[]>} [errors]
	 * @param {{data?: Record<string,any>, headers?: Record<string,string>}} [extra]
	 */
	constructor(status, title, errors, extra) {
		super(title || STATUS_TITLES[status] || `HTTP ${status}`);
		this.status = status;
		this.title = title || STATUS_TITLES[status];
		this.errors = errors || {};
		this.data = (extra && extra.data) || {};
		this.headers = (extra && extra.headers) || {};
	}
}

/** 400 with one field error. */
function badRequest(field, message) {
	return new ApiError(400, STATUS_TITLES[400], { [field]: [message] });
}

function notFound(what, id) {
	return new ApiError(404, `${what} with id ${id} was not found.`, {}, { data: { id } });
}

// ---------------------------------------------------------------------------------------------
// Query parsing
// ---------------------------------------------------------------------------------------------

/** @param {URLSearchParams} q @param {string} name */
function qRaw(q, name) {
	const v = q.get(name);
	return v === null || v === '' ? undefined : v;
}

/** @param {URLSearchParams} q @param {string} name @returns {number|undefined} */
function qInt(q, name) {
	const v = qRaw(q, name);
	if (v === undefined) return undefined;
	if (!/^-?\d+$/.test(v.trim())) throw badRequest(name, `The value '${v}' is not valid.`);
	return Number(v.trim());
}

/** @param {URLSearchParams} q @param {string} name @returns {boolean|undefined} */
function qBool(q, name) {
	const v = qRaw(q, name);
	if (v === undefined) return undefined;
	const l = v.trim().toLowerCase();
	if (l === 'true') return true;
	if (l === 'false') return false;
	throw badRequest(name, `The value '${v}' is not valid.`);
}

/**
 * Date filter: 'YYYY-MM-DD' (midnight UTC) or RFC 3339 date-time; time without zone = UTC.
 * @param {URLSearchParams} q @param {string} name @returns {number|undefined} epoch ms
 */
function qDate(q, name) {
	const v = qRaw(q, name);
	if (v === undefined) return undefined;
	const ms = parseDateLoose(v);
	if (ms === null) throw badRequest(name, `The value '${v}' is not valid.`);
	return ms;
}

/** @param {string} v @returns {number|null} */
function parseDateLoose(v) {
	const s = String(v).trim();
	if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return null;
	let norm = s.replace(' ', 'T');
	if (norm.length === 10) norm += 'T00:00:00Z';
	else if (!/(Z|z|[+-]\d{2}:?\d{2})$/.test(norm)) norm += 'Z';
	// trim sub-millisecond digits that Date.parse rejects in some engines
	norm = norm.replace(/(\.\d{3})\d+/, '$1');
	const ms = Date.parse(norm);
	return Number.isNaN(ms) ? null : ms;
}

/**
 * All values of a (possibly repeated, possibly comma-separated) parameter.
 * @param {URLSearchParams} q @param {string} name @returns {string[]}
 */
function qList(q, name) {
	const out = [];
	for (const v of q.getAll(name)) {
		for (const part of v.split(',')) {
			const t = part.trim();
			if (t) out.push(t);
		}
	}
	return out;
}

/**
 * Id list (comma-delimited and/or repeated), validated as integers, max `max` entries.
 * @param {URLSearchParams} q @param {string} name @param {number} [max=50]
 * @returns {Set<number>|undefined}
 */
function qIds(q, name, max = 50) {
	const list = qList(q, name);
	if (!list.length) return undefined;
	if (list.length > max) throw badRequest(name, `Maximum ${max} ids are allowed (got ${list.length}).`);
	const out = new Set();
	for (const v of list) {
		if (!/^\d+$/.test(v)) throw badRequest(name, `The value '${v}' is not valid.`);
		out.add(Number(v));
	}
	return out;
}

/**
 * Case-insensitive enum → canonical spelling.
 * @param {URLSearchParams} q @param {string} name @param {string[]} allowed @returns {string|undefined}
 */
function qEnum(q, name, allowed) {
	const v = qRaw(q, name);
	if (v === undefined) return undefined;
	const hit = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
	if (!hit) throw badRequest(name, `The value '${v}' is not valid. Values: [${allowed.join(', ')}]`);
	return hit;
}

/** @param {URLSearchParams} q @param {string} name @param {string[]} allowed @returns {Set<string>|undefined} */
function qEnumList(q, name, allowed) {
	const list = qList(q, name);
	if (!list.length) return undefined;
	const out = new Set();
	for (const v of list) {
		const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
		if (!hit) throw badRequest(name, `The value '${v}' is not valid. Values: [${allowed.join(', ')}]`);
		out.add(hit);
	}
	return out;
}

/** Epoch ms of an ISO field, NaN-safe (invalid → -Infinity). */
function ms(v) {
	if (v == null) return -Infinity;
	const t = Date.parse(v);
	return Number.isNaN(t) ? -Infinity : t;
}

/**
 * Standard created/modified range predicates (lower bound inclusive, upper exclusive).
 * @param {URLSearchParams} q
 * @returns {((r:any)=>boolean)[]}
 */
function dateRangeFilters(q) {
	const f = [];
	const mOn = qDate(q, 'modifiedOnOrAfter');
	const mB = qDate(q, 'modifiedBefore');
	const cOn = qDate(q, 'createdOnOrAfter');
	const cB = qDate(q, 'createdBefore');
	if (mOn !== undefined) f.push((r) => ms(r.modifiedOn) >= mOn);
	if (mB !== undefined) f.push((r) => ms(r.modifiedOn) < mB);
	if (cOn !== undefined) f.push((r) => ms(r.createdOn) >= cOn);
	if (cB !== undefined) f.push((r) => ms(r.createdOn) < cB);
	return f;
}

/**
 * `active` = True | Any | False (reference data; default True = active only).
 * @param {URLSearchParams} q
 */
function activeFilter(q) {
	const a = qEnum(q, 'active', ['True', 'Any', 'False']) || 'True';
	if (a === 'Any') return null;
	const want = a === 'True';
	return (r) => (r.active !== false) === want;
}

/**
 * `activeState` = ActiveOnly | InactiveOnly | All (accounting invoices/payments; default ActiveOnly).
 * @param {URLSearchParams} q
 */
function activeStateFilter(q) {
	const a = qEnum(q, 'activeState', ['ActiveOnly', 'InactiveOnly', 'All']) || 'ActiveOnly';
	if (a === 'All') return null;
	const want = a === 'ActiveOnly';
	return (r) => (r.active !== false) === want;
}

/**
 * Apply `?sort=+Field|-Field` (fields: Id, ModifiedOn, CreatedOn, plus extras) — default Id ascending.
 * Returns a new array.
 * @param {any[]} list
 * @param {URLSearchParams} q
 * @param {Record<string,(r:any)=>any>} [extra] additional sortable fields (lower-case name → key fn)
 */
function applySort(list, q, extra) {
	const raw = qRaw(q, 'sort');
	const fields = Object.assign(
		{ id: (r) => r.id, modifiedon: (r) => ms(r.modifiedOn), createdon: (r) => ms(r.createdOn) },
		extra || {},
	);
	let dir = 1;
	let key = fields.id;
	if (raw !== undefined) {
		const m = /^\s*([+-]?)\s*([A-Za-z]+)\s*$/.exec(raw);
		const k = m && fields[m[2].toLowerCase()];
		if (!k) throw badRequest('sort', `The value '${raw}' is not valid. Available fields are: ${Object.keys(fields).join(', ')}.`);
		dir = m[1] === '-' ? -1 : 1;
		key = k;
	}
	const decorated = list.map((r) => [key(r), r.id, r]);
	decorated.sort((a, b) => (a[0] < b[0] ? -dir : a[0] > b[0] ? dir : a[1] - b[1]));
	return decorated.map((d) => d[2]);
}

/**
 * Page envelope `{page, pageSize, hasMore, totalCount, data}`; 1-based page (0 → 1), pageSize
 * default 50, clamped to `cap` (5000).
 * @param {any[]} sorted filtered + sorted records
 * @param {URLSearchParams} q
 * @param {(r:any)=>any} [render]
 * @param {number} [cap=5000]
 */
function paginate(sorted, q, render, cap = 5000) {
	const { page, pageSize } = pageParams(q, cap);
	const start = (page - 1) * pageSize;
	const slice = sorted.slice(start, start + pageSize);
	return {
		page,
		pageSize,
		hasMore: start + pageSize < sorted.length,
		totalCount: qBool(q, 'includeTotal') ? sorted.length : null,
		data: render ? slice.map(render) : slice,
	};
}

/** @param {URLSearchParams} q @param {number} cap */
function pageParams(q, cap) {
	let page = qInt(q, 'page');
	let pageSize = qInt(q, 'pageSize');
	if (page === undefined || page < 1) page = 1;
	if (pageSize === undefined) pageSize = 50;
	if (pageSize < 1) throw badRequest('pageSize', 'The field pageSize must be between 1 and ' + cap + '.');
	if (pageSize > cap) pageSize = cap;
	return { page, pageSize };
}

// ---------------------------------------------------------------------------------------------
// Export feeds
// ---------------------------------------------------------------------------------------------

/**
 * Continuation token: base64 of JSON `{v:1, f:<feed>, m:<modifiedOn epoch ms>, id:<last id>}`;
 * meaning "everything strictly after (m, id) in (modifiedOn, id) order".
 * @param {string} feed @param {number} m @param {number} id
 */
function encodeContinuation(feed, m, id) {
	return Buffer.from(JSON.stringify({ v: 1, f: feed, m, id }), 'utf8').toString('base64');
}

/**
 * Decode `from`: omitted → start; date string → (date, -1) i.e. modifiedOn ≥ date; token → its cursor.
 * @param {string|undefined} from @param {string} feed
 * @returns {{m:number, id:number}}
 */
function decodeFrom(from, feed) {
	if (from === undefined || from === null || String(from).trim() === '') return { m: -Infinity, id: -Infinity };
	const s = String(from).trim();
	if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
		const t = parseDateLoose(s);
		if (t === null) throw badRequest('from', `The value '${s}' is not a valid date or continuation token.`);
		return { m: t, id: -1 };
	}
	let obj;
	try {
		obj = JSON.parse(Buffer.from(s, 'base64').toString('utf8'));
	} catch {
		obj = null;
	}
	if (!obj || obj.v !== 1 || typeof obj.m !== 'number' || typeof obj.id !== 'number') {
		throw badRequest('from', `The value '${s}' is not a valid date or continuation token.`);
	}
	if (obj.f !== feed) throw badRequest('from', `The continuation token belongs to the '${obj.f}' export, not '${feed}'.`);
	return { m: obj.m, id: obj.id };
}

/**
 * Per-simulator caches over state arrays. Both are validated on every use, so tests may push,
 * splice, replace or edit records in `sim.state` directly.
 */
class Indexes {
	constructor() {
		/** @type {WeakMap<any[], {map: Map<number, number>}>} */
		this.idMaps = new WeakMap();
		/** @type {WeakMap<any[], {snapshot:any[], mods:any[], sorted:{m:number,id:number,r:any}[]}>} */
		this.exportOrders = new WeakMap();
	}

	/**
	 * O(1) lookup by id with a lazily rebuilt id → index map.
	 * @param {any[]} arr @param {number} id
	 */
	findById(arr, id) {
		let c = this.idMaps.get(arr);
		if (c) {
			const i = c.map.get(id);
			if (i !== undefined && arr[i] && arr[i].id === id) return arr[i];
		}
		c = { map: new Map() };
		for (let i = 0; i < arr.length; i++) if (arr[i]) c.map.set(arr[i].id, i);
		this.idMaps.set(arr, c);
		const i = c.map.get(id);
		return i === undefined ? undefined : arr[i];
	}

	/**
	 * Records in (modifiedOn, id) order; cached while neither membership nor any modifiedOn changed.
	 * @param {any[]} arr
	 */
	exportOrder(arr) {
		const c = this.exportOrders.get(arr);
		if (c && c.snapshot.length === arr.length) {
			let same = true;
			for (let i = 0; i < arr.length; i++) {
				const r = arr[i];
				if (r !== c.snapshot[i] || r.modifiedOn !== c.mods[i]) {
					same = false;
					break;
				}
			}
			if (same) return c.sorted;
		}
		const snapshot = arr.slice();
		const mods = snapshot.map((r) => r.modifiedOn);
		const sorted = snapshot.map((r) => ({ m: ms(r.modifiedOn), id: r.id, r }));
		sorted.sort((a, b) => a.m - b.m || a.id - b.id);
		this.exportOrders.set(arr, { snapshot, mods, sorted });
		return sorted;
	}
}

/**
 * One export-feed response `{hasMore, continueFrom, data}`.
 * @param {Indexes} idx
 * @param {string} feed
 * @param {any[]} arr
 * @param {string|undefined} from
 * @param {number} pageSize
 * @param {(r:any)=>any} [render]
 */
function exportPage(idx, feed, arr, from, pageSize, render) {
	const cur = decodeFrom(from, feed);
	const sorted = idx.exportOrder(arr);
	// first entry strictly after the cursor (binary search on (m, id))
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		const e = sorted[mid];
		if (e.m < cur.m || (e.m === cur.m && e.id <= cur.id)) lo = mid + 1;
		else hi = mid;
	}
	const slice = sorted.slice(lo, lo + pageSize);
	const hasMore = lo + pageSize < sorted.length;
	let continueFrom;
	if (slice.length) {
		const last = slice[slice.length - 1];
		continueFrom = encodeContinuation(feed, last.m, last.id);
	} else {
		// nothing new: hand back an equivalent cursor (a start-of-feed cursor stays at the start)
		continueFrom = encodeContinuation(feed, Number.isFinite(cur.m) ? cur.m : -8640000000000000, Number.isFinite(cur.id) ? cur.id : -1);
	}
	return { hasMore, continueFrom, data: slice.map((e) => (render ? render(e.r) : e.r)) };
}

module.exports = {
	PROBLEM_TYPES,
	STATUS_TITLES,
	traceId,
	problem,
	ApiError,
	badRequest,
	notFound,
	qRaw,
	qInt,
	qBool,
	qDate,
	qList,
	qIds,
	qEnum,
	qEnumList,
	ms,
	parseDateLoose,
	dateRangeFilters,
	activeFilter,
	activeStateFilter,
	applySort,
	paginate,
	pageParams,
	encodeContinuation,
	decodeFrom,
	Indexes,
	exportPage,
};
