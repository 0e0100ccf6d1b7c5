import { describeHttpFailure, RetriesExhaustedError } from '../../shared/http';
import { GpSettingsError } from './settings';

/** What to do about each of GP's refusals (GP's own text rarely says). */
const HINTS: Record<string, string> = {
	DuplicateDocument:
		'GP refuses a document number it already has and does not say what to use instead: look the number up first (Get), and if it is already in GP, do not create it again.',
	FiscalPeriodClosed: 'Open the period for this series in GP (Tools > Setup > Company > Fiscal Periods), or use a date in an open period; then run again.',
	FiscalPeriodNotFound: 'Set up the fiscal year in GP (Fiscal Periods Setup), or use a date inside it.',
	AccountNotFound: 'Create the account in GP, or map the document to an account that exists (GL Account > Get Many lists them).',
	AccountInactive: 'Make the account active in GP (Account Maintenance), or map the document to an active account.',
	TransactionPosted: 'Only unposted transactions can be changed: enter a correcting transaction in GP instead.',
	SecurityTaskMissing: 'Give the GP user a security role with this task (Security Role Setup, then User Security Setup for the company).',
	CompanyAccessDenied: 'Give the GP user access to the company (User Access Setup).',
	NotAGpUser: 'Map the Windows account to a GP user (User Setup > Windows Account tab).',
	TenantNotFound: 'Check the tenant in the credential (DefaultTenant on a single-tenant install; the help page https://<server>:<port>/GPService/Tenants(<tenant>)/help lists it).',
	CompanyNotFound: 'Check the company in the credential: it is the SQL database name of the company (e.g. TWO), not its display name.',
	NotFound: 'Check the ID or key.',
	RequiredField: 'Fill in the field GP names.',
	InvalidValue: 'Correct the field GP names.',
};

/** A refusal or failure of GP, in words: what was asked, GP's code and message, and what to do (`hint`). */
export class GpRequestError extends Error {
	constructor(
		message: string,
		readonly httpStatus: number | undefined,
		readonly gpCode: string | undefined,
		readonly hint: string | undefined,
	) {
		super(message);
		this.name = 'GpRequestError';
	}
}

function gpBody(body: unknown): { code?: string; message?: string } {
	if (body === null || typeof body !== 'object') return typeof body === 'string' && body.trim() ? { message: body.trim().slice(0, 300) } : {};
	const record = body as Record<string, unknown>;
	return {
		code: typeof record.ErrorCode === 'string' ? record.ErrorCode : undefined,
		message: typeof record.Message === 'string' ? record.Message : undefined,
	};
}

/** The credential's secrets taken out literally (redactText would also turn "Basic authentication" into "Basic [redacted]"). */
function withoutSecrets(text: string, secrets: string[]): string {
	return secrets.filter((secret) => secret.length >= 4).reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}

/**
 * Any failure of a GP request as a GpRequestError; `secrets` (the password) are removed from every
 * text again, whatever path it came by.
 */
export function gpError(error: unknown, what: string, secrets: string[]): Error {
	if (error instanceof GpRequestError || error instanceof GpSettingsError) return error;
	const exhausted = error instanceof RetriesExhaustedError ? error : undefined;
	const failure = exhausted ? exhausted.lastFailure : describeHttpFailure(error);
	if (failure.status === undefined && failure.networkCode === undefined) return error instanceof Error ? error : new Error(String(error));
	const gp = gpBody(failure.body);
	const status = failure.status !== undefined ? `HTTP ${failure.status}${gp.code ? ` ${gp.code}` : ''}` : (failure.networkCode ?? 'network error');
	// The Windows-auth transport's own errors already say what failed and what to fix.
	const said = gp.message ?? (failure.message && !/answered HTTP \d+$/.test(failure.message) ? failure.message : undefined);
	const retried = exhausted ? ` — ${exhausted.message}` : '';
	const message = `Dynamics GP: ${what} failed (${status})${said ? `: ${said}` : ''}${retried}`;
	const hint = gp.code ? HINTS[gp.code] : failure.status === 401 ? HINTS.NotAGpUser : undefined;
	return new GpRequestError(withoutSecrets(message, secrets), failure.status, gp.code, hint);
}
