import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DynamicsGpApi } from '../../credentials/DynamicsGpApi.credentials';
import { CredentialStore } from '../helpers/credentials';

/* eslint-disable @typescript-eslint/no-require-imports */
const { startGpSimulator } = require('../simulators/gp/index.js');
/* eslint-enable @typescript-eslint/no-require-imports */

export interface GpSimulator {
	url: string;
	port: number;
	tenant: string;
	company: string;
	companyUrl: string;
	ca: string;
	password: string;
	tasks: Record<string, string>;
	settings: { envelope: 'payload' | 'bare'; latencyMs: number; rejectDuplicateVendorInvoices: boolean };
	state: {
		users: Array<{ username: string; tasks: string[] }>;
		receivables: Array<Record<string, unknown>>;
		customers: Array<Record<string, unknown>>;
	};
	stats: { requests: number; apiRequests: number; byRoute: Record<string, number>; handshakes: number; authentications: number; refusals: number; basicLogins: number };
	resetStats(): void;
	faults: Array<Record<string, unknown>>;
	setPeriodClosed(year: number, period: number, closed: boolean, series?: string): void;
	close(): Promise<void>;
}

export async function startGp(options: Record<string, unknown> = {}): Promise<GpSimulator> {
	return (await startGpSimulator(options)) as GpSimulator;
}

/** The credential's data for the simulator: the integration account over NTLM, trusting the simulator's CA. */
export function gpCredentialData(gp: GpSimulator, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		serverUrl: 'https://127.0.0.1',
		port: gp.port,
		tenant: gp.tenant,
		company: gp.company,
		authentication: 'ntlm',
		domain: 'CONTOSO',
		username: 'gp-integration',
		password: gp.password,
		caCertificate: gp.ca,
		ignoreSslIssues: false,
		maxWaitSeconds: 5,
		...overrides,
	};
}

export function gpCredential(gp: GpSimulator, overrides: ICredentialDataDecryptedObject = {}): CredentialStore {
	return new CredentialStore(new DynamicsGpApi(), gpCredentialData(gp, overrides));
}
