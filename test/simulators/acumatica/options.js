'use strict';
/** The simulator's options with their defaults (README "Options"), and the request-body reader. */
const { badRequest } = require('./errors.js');
const { VERSIONS } = require('./entities.js');

const DEFAULT_CLIENT_ID = '88358B02-5D2E-4F1C-9C3A-39C1636C30F6';
const DEFAULT_CLIENT_SECRET = 'acu-sim-client-secret';
const DEFAULT_USER = Object.freeze({ name: 'admin', password: 'acu-sim-password' });

/** JSON, or form fields for the login (which also takes application/x-www-form-urlencoded). @param {string} text @param {string|undefined} contentType */
function parseBody(text, contentType) {
	if (!text || !text.trim()) return undefined;
	if (/x-www-form-urlencoded/i.test(contentType || '')) return Object.fromEntries(new URLSearchParams(text));
	try {
		return JSON.parse(text);
	} catch {
		throw badRequest('The request is invalid: the body is not valid JSON.');
	}
}

/** @param {import('./index.js').AcumaticaSimulatorOptions} o */
function normalizeOptions(o) {
	const l = o.licence || {};
	const sitePath = o.sitePath === undefined ? '/AcumaticaERP' : o.sitePath ? `/${o.sitePath.replace(/^\/+|\/+$/g, '')}` : '';
	const users = o.users && o.users.length ? o.users : [{ ...DEFAULT_USER }];
	return {
		port: o.port ?? 0,
		sitePath,
		endpointName: o.endpointName || 'Default',
		versions: o.versions || [...VERSIONS],
		tenants: o.tenants && o.tenants.length ? o.tenants : ['Company'],
		users,
		clients: o.clients && o.clients.length ? o.clients : [{ clientId: DEFAULT_CLIENT_ID, clientSecret: DEFAULT_CLIENT_SECRET }],
		authorizeUser: o.authorizeUser || users[0].name,
		tokenLifetimeSeconds: o.tokenLifetimeSeconds ?? 3600,
		refreshLifetimeDays: o.refreshLifetimeDays ?? 30,
		sessionIdleMs: o.sessionIdleMs ?? 600000,
		licence: {
			maxApiUsers: l.maxApiUsers ?? 2,
			maxConcurrentRequests: l.maxConcurrentRequests ?? 3,
			requestsPerMinute: l.requestsPerMinute ?? 300,
			queueLimit: l.queueLimit ?? 20,
			maxQueueWaitMs: l.maxQueueWaitMs ?? 600000,
			windowMs: l.windowMs ?? 60000,
			retryAfterSeconds: l.retryAfterSeconds ?? null,
		},
		latencyMs: o.latencyMs ?? 0,
		actionMs: o.actionMs ?? 200,
		holdDocumentsOnEntry: o.holdDocumentsOnEntry ?? true,
		requireVendorRef: o.requireVendorRef ?? true,
		raiseErrorOnDuplicateVendorRef: o.raiseErrorOnDuplicateVendorRef ?? false,
		workDate: o.workDate,
		timeZone: o.timeZone || '+00:00',
		seed: { seed: 1, ...(o.seed || {}) },
		log: o.log,
	};
}

module.exports = { normalizeOptions, parseBody, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_USER };
