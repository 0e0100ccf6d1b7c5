'use strict';
/**
 * F&O's error body (fact sheet A5): `{"error":{"code":"","message":…,"innererror":{"message",
 * "type","stacktrace"}}}`. Write failures carry the useful text in `innererror.message`:
 * `Write failed for table row of type '<AOT entity>'. Infolog: Warning: …; Error: ….`
 */
class FoError extends Error {
	/**
	 * @param {number} status
	 * @param {string} message `error.message`
	 * @param {{ inner?: string, type?: string, headers?: Record<string,string>, write?: boolean }} [o]
	 *   `write`: a failed write, whose status the simulator's `writeErrorStatus` options decide
	 */
	constructor(status, message, o = {}) {
		super(o.inner || message);
		this.status = status;
		this.outer = message;
		this.inner = o.inner;
		this.type = o.type;
		this.headers = o.headers || {};
		this.write = !!o.write;
	}

	/** @returns {any} */
	body() {
		/** @type {any} */
		const error = { code: '', message: this.outer };
		if (this.inner !== undefined) error.innererror = { message: this.inner, type: this.type || 'System.Exception', stacktrace: '   at Microsoft.Dynamics.Platform.Integration.Services.OData (simulated)' };
		return { error };
	}
}

const WRITE_EXCEPTION = 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException';

/**
 * A failed write: the Infolog items are joined as F&O joins them.
 * @param {string} aotEntity e.g. 'CustCustomerV3Entity' @param {string[]} infolog items like 'Warning: …'
 */
const writeFailed = (aotEntity, infolog) =>
	new FoError(400, 'An error has occurred.', { inner: `Write failed for table row of type '${aotEntity}'. Infolog: ${infolog.join('; ')}`, type: WRITE_EXCEPTION, write: true });

/** @param {string} m a query / URL problem */
const badQuery = (m) => new FoError(400, `The query specified in the URI is not valid. ${m}`);
/** @param {string} m */
const badRequest = (m) => new FoError(400, m);
/** @param {string} segment */
const notFound = (segment) => new FoError(404, `Resource not found for the segment '${segment}'.`);

/** "The record already exists." for a duplicate natural key. @param {string} table e.g. 'Customers (CustTable)' @param {string} keyText e.g. 'Customer account: US-001' */
const duplicate = (aotEntity, table, keyText) => writeFailed(aotEntity, [`Info: Cannot create a record in ${table}. ${keyText}. The record already exists.`]);
/** Bad foreign key. */
const notInRelated = (aotEntity, field, value, label, related) =>
	writeFailed(aotEntity, [`Warning: The value '${value}' in field '${label}' is not found in the related table '${related}'.`, `Warning: validateField failed on field '${aotEntity}.${field}'.`]);
/** Required field missing. */
const mustBeFilled = (aotEntity, labels) => writeFailed(aotEntity, labels.map((l) => `Warning: Field '${l}' must be filled in.`));

module.exports = { FoError, writeFailed, badQuery, badRequest, notFound, duplicate, notInRelated, mustBeFilled, WRITE_EXCEPTION };
