'use strict';
/**
 * Long-running actions (fact sheet §4): `POST /{Entity}/{Action}` starts the operation in the
 * caller's session → 202 + `Location: /<site>/entity/<endpoint>/<version>/<Entity>/<Action>/status/<guid>`
 * (a path, not an absolute URL); polling it answers 202 while it runs and 204 when it is done, or
 * the failure (500 HttpError) when the operation failed. While it runs, other requests of the same
 * session on the same screen get 409.
 */
const crypto = require('node:crypto');
const { AcuError, LONG_OPERATION } = require('./errors.js');

/** @param {any} ctx @param {{ actionMs: () => number, onDone?: (op: any) => void }} o */
function createActions(ctx, o) {
	/** @type {Map<string, any>} */
	const ops = new Map();
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();

	/** @param {any} op */
	function complete(op) {
		const rec = ctx.state.tables[op.entity].find((/** @type {any} */ r) => r.id === op.recordId);
		try {
			if (!rec) throw new AcuError(500, 'An error has occurred.', { exceptionMessage: 'No entity satisfies the condition.' });
			op.rule.release(ctx, rec);
			rec.f.LastModifiedDateTime = ctx.nowIso();
			op.result = { ok: true };
		} catch (err) {
			op.result = { ok: false, error: err };
		}
		op.doneAt = Date.now();
		if (o.onDone) o.onDone(op);
	}

	/**
	 * @param {{ session: any, entity: string, screen: string, action: string, rec: any, rule: any, statusBase: string, recordPath: string }} p
	 */
	function start(p) {
		const op = { id: crypto.randomUUID(), sessionId: p.session.id, entity: p.entity, screen: p.screen, action: p.action, recordId: p.rec.id, rule: p.rule, result: null, recordPath: p.recordPath, startedAt: Date.now() };
		ops.set(op.id, op);
		const ms = o.actionMs();
		if (ms <= 0) {
			complete(op);
			return { op, location: `${p.statusBase}/${op.id}` };
		}
		const t = setTimeout(() => {
			timers.delete(t);
			complete(op);
		}, ms);
		timers.add(t);
		return { op, location: `${p.statusBase}/${op.id}` };
	}

	/** 409 when the session runs an operation on this screen. @param {any} session @param {string} screen */
	function guard(session, screen) {
		for (const op of ops.values()) if (!op.result && op.sessionId === session.id && op.screen === screen) throw new AcuError(409, LONG_OPERATION);
	}

	/** @param {string} id @returns {{ status: number, headers?: Record<string,string> }} */
	function status(id) {
		const op = ops.get(id);
		if (!op) throw new AcuError(500, 'An error has occurred.', { exceptionMessage: `The long-running operation '${id}' is not found or has expired.` });
		if (!op.result) return { status: 202 };
		if (!op.result.ok) throw op.result.error;
		return { status: 204, headers: { location: op.recordPath } };
	}

	return {
		start,
		guard,
		status,
		list: () => [...ops.values()].map((op) => ({ id: op.id, entity: op.entity, action: op.action, recordId: op.recordId, done: !!op.result, ok: op.result ? op.result.ok : null, error: op.result && !op.result.ok ? op.result.error.message : null })),
		stop: () => {
			for (const t of timers) clearTimeout(t);
			timers.clear();
		},
		clear: () => ops.clear(),
	};
}

module.exports = { createActions };
