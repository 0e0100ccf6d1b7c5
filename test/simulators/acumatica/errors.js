'use strict';
/**
 * Acumatica's error shapes (fact sheet §5.1): a non-entity error is an ASP.NET `HttpError`
 * `{ message, exceptionMessage?, exceptionType?, stackTrace?, modelState? }`; a validation error is
 * the entity itself with `error` at the top and inside the offending value objects (422).
 */
class AcuError extends Error {
	/**
	 * @param {number} status
	 * @param {string} message `message`
	 * @param {{ exceptionMessage?: string, exceptionType?: string, modelState?: Record<string,string[]>, headers?: Record<string,string>, body?: any }} [o]
	 *   `body` replaces the HttpError (a 422 entity)
	 */
	constructor(status, message, o = {}) {
		super(o.exceptionMessage || message);
		this.status = status;
		this.outer = message;
		this.o = o;
		this.headers = o.headers || {};
	}

	/** @returns {any} */
	body() {
		if (this.o.body !== undefined) return this.o.body;
		/** @type {Record<string, any>} */
		const b = { message: this.outer };
		if (this.o.exceptionMessage !== undefined) {
			b.exceptionMessage = this.o.exceptionMessage;
			b.exceptionType = this.o.exceptionType || 'PX.Data.PXException';
			b.stackTrace = '   at PX.Api.ContractBased.EntityService (simulated)';
		}
		if (this.o.modelState) b.modelState = this.o.modelState;
		return b;
	}
}

/** A business exception as the contract API reports it: 500 "An error has occurred." + the text. @param {string} text @param {string} [type] */
const failure = (text, type) => new AcuError(500, 'An error has occurred.', { exceptionMessage: text, exceptionType: type || 'PX.Data.PXException' });
const noEntity = () => failure('No entity satisfies the condition.', 'PX.Api.ContractBased.NoEntitySatisfiesTheConditionException');
/** @param {string} uri */
const noResource = (uri) => new AcuError(404, `No HTTP resource was found that matches the request URI '${uri}'.`);
/** @param {string} text */
const badRequest = (text) => new AcuError(400, text);
/** @param {string} path e.g. 'entity.Amount.value' @param {string} text */
const invalidModel = (path, text) => new AcuError(400, 'The request is invalid.', { modelState: { [path]: [text] } });
const notLoggedIn = () => new AcuError(401, 'Authorization has been denied for this request.');
const LONG_OPERATION = 'A long operation is running for this screen in the current session. Please try again later.';

module.exports = { AcuError, failure, noEntity, noResource, badRequest, invalidModel, notLoggedIn, LONG_OPERATION };
