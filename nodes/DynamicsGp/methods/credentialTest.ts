import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { describeHttpFailure } from '../../shared/http';
import { NtlmConnection } from '../../shared/ntlm';
import { secretValues } from '../../shared/redact';
import { gpError, GpRequestError } from '../transport/errors';
import { unwrapPayload } from '../transport/payload';
import { companyRoot, connectionOptionsOf, windowsCredentialsOf } from '../transport/settings';

/** The service objects the node reads; the GP user needs the security task behind each. */
const PROBED_RESOURCES = ['Sales/Customers', 'Purchasing/Vendors', 'Financials/GLAccounts', 'Financials/FiscalPeriods'];

const TLS_FAILURE = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO/;

/** Which part of the set-up failed, from GP's code, the status or the network error. */
function partOf(error: unknown, translated: Error): string {
	const failure = describeHttpFailure(error);
	if (failure.networkCode && TLS_FAILURE.test(failure.networkCode)) return 'TLS';
	if (!(translated instanceof GpRequestError)) return 'Settings';
	switch (translated.gpCode) {
		case 'TenantNotFound':
			return 'Tenant';
		case 'CompanyNotFound':
			return 'Company';
		case 'CompanyAccessDenied':
			return 'Company access';
		case 'SecurityTaskMissing':
			return 'Security task';
	}
	if (translated.httpStatus === 401) return 'Windows account (HTTP 401)';
	return translated.httpStatus === undefined ? 'Connection' : `GP Service (HTTP ${translated.httpStatus})`;
}

function failed(error: unknown, what: string, secrets: string[]): INodeCredentialTestResult {
	const translated = gpError(error, what, secrets);
	const hint = translated instanceof GpRequestError && translated.hint ? ` ${translated.hint}` : '';
	return { status: 'Error', message: `${partOf(error, translated)}: ${translated.message}${hint}` };
}

/** Reaches the company over Windows authentication, then reads each service object the node uses. */
export async function testGpConnection(credentials: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const secrets = secretValues(credentials as Record<string, unknown>);
	let connection: NtlmConnection;
	let root: string;
	try {
		root = companyRoot(credentials);
		connection = new NtlmConnection(windowsCredentialsOf(credentials), connectionOptionsOf(credentials));
	} catch (error) {
		return failed(error, 'reading the credential', secrets);
	}
	try {
		for (const path of ['', ...PROBED_RESOURCES]) {
			const what = path ? `GET ${path}` : 'GET the company';
			try {
				const response = await connection.send({ url: path ? `${root}/${path}` : root });
				if (!path && unwrapPayload(response.body) === undefined) return { status: 'Error', message: 'GP Service: the company answered without a body' };
			} catch (error) {
				return failed(error, what, secrets);
			}
		}
	} finally {
		connection.close();
	}
	return { status: 'OK', message: 'Connection successful: Windows account, tenant, company and security tasks are in order' };
}

export const credentialTest = {
	async dynamicsGpConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		return await testGpConnection(credential.data ?? {});
	},
};
