import { globalAgent } from 'node:https';
import { rootCertificates } from 'node:tls';

import type { IDataObject } from 'n8n-workflow';

import { FinanceOperationsApi } from '../../credentials/FinanceOperationsApi.credentials';
import { FinanceOperations } from '../../nodes/FinanceOperations/FinanceOperations.node';
import { runExecute } from '../helpers/context';
import { CredentialStore } from '../helpers/credentials';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const foSimulator = require('../simulators/finance-operations');

export type FinanceOperationsSimulator = Awaited<ReturnType<typeof foSimulator.startFinanceOperationsSimulator>>;

/** Starts the F&O simulator (HTTPS) and makes this process trust its throwaway CA, as NODE_EXTRA_CA_CERTS does for n8n. */
export async function startFinanceOperations(options: Record<string, unknown> = {}): Promise<FinanceOperationsSimulator> {
	const sim = await foSimulator.startFinanceOperationsSimulator({ port: 0, ...options });
	const existing = (globalAgent.options.ca as string[] | undefined) ?? [...rootCertificates];
	globalAgent.options.ca = [...existing, sim.ca];
	return sim;
}

export function financeOperationsCredential(sim: FinanceOperationsSimulator, overrides: Record<string, unknown> = {}) {
	return new CredentialStore(new FinanceOperationsApi(), {
		environmentUrl: sim.url,
		legalEntity: 'usmf',
		cloud: 'custom',
		authorityUrl: sim.url,
		tenantId: sim.tenantId,
		clientId: sim.clientId,
		authMethod: 'secret',
		clientSecret: sim.clientSecret,
		requestsPerSecond: 0,
		accessToken: '',
		...overrides,
	});
}

export const node = new FinanceOperations();

export function execute(
	credential: CredentialStore,
	parameters: Record<string, unknown>,
	extra: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	return runExecute({ nodeType: node, parameters, items: extra.items, continueOnFail: extra.continueOnFail, credentials: { financeOperationsApi: credential } });
}

export { foSimulator };

/** One simulator for a test file: started before its tests, closed after; with `resetEach`, fresh seed state for every test. */
export function simulatorForSuite(options: Record<string, unknown> = {}, { resetEach = false } = {}): () => FinanceOperationsSimulator {
	let sim: FinanceOperationsSimulator | undefined;
	beforeAll(async () => {
		sim = await startFinanceOperations(options);
	});
	afterAll(async () => {
		await sim?.close();
	});
	if (resetEach) beforeEach(() => sim?.reset());
	return () => {
		if (!sim) throw new Error('the F&O simulator is not running');
		return sim;
	};
}
