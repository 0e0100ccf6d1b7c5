'use strict';
/**
 * Error type used by every Business Central handler. Rendered on the wire as
 * `{"error":{"code","message"}}` with BC's `  CorrelationId:  <guid>.` suffix appended to the message.
 */
class BcError extends Error {
	/**
	 * @param {number} status HTTP status
	 * @param {string} code BC error code (e.g. `Application_DialogException`)
	 * @param {string} message human text (without the correlation suffix)
	 * @param {Record<string,string>} [headers] extra response headers (e.g. Retry-After)
	 */
	constructor(status, code, message, headers) {
		super(message);
		this.status = status;
		this.code = code;
		this.headers = headers || {};
	}
}

/** @param {string} m */
const dialog = (m) => new BcError(400, 'Application_DialogException', m);
/** @param {string} m */
const badRequest = (m) => new BcError(400, 'BadRequest', m);
/** @param {string} m */
const fieldValidation = (m) => new BcError(400, 'Application_FieldValidationException', m);
/**
 * @param {string} table BC table caption e.g. "Customer"
 * @param {string} key
 */
const notFound = (table, key) =>
	new BcError(404, 'BadRequest_NotFound', `The ${table} does not exist. Identification fields and values: Id='${key}'`);
/** @param {string} message @param {string} correlationId */
const withCorrelation = (message, correlationId) => `${message}  CorrelationId:  ${correlationId}.`;

module.exports = { BcError, dialog, badRequest, fieldValidation, notFound, withCorrelation };
