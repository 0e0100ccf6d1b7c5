import { globalAgent } from 'node:https';
import { rootCertificates } from 'node:tls';

import { BusinessCentralApi } from '../../credentials/BusinessCentralApi.credentials';
import { CredentialStore } from '../helpers/credentials';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const bcSimulator = require('../simulators/business-central');

export type BusinessCentralSimulator = Awaited<ReturnType<typeof bcSimulator.startBusinessCentralSimulator>>;

/**
 * Starts the Business Central simulator (HTTPS) and makes this process trust its throwaway CA,
 * as NODE_EXTRA_CA_CERTS does for n8n.
 */
export async function startBusinessCentral(options: Record<string, unknown> = {}): Promise<BusinessCentralSimulator> {
	const sim = await bcSimulator.startBusinessCentralSimulator({ port: 0, environment: 'sandbox', ...options });
	const existing = (globalAgent.options.ca as string[] | undefined) ?? [...rootCertificates];
	globalAgent.options.ca = [...existing, sim.ca];
	return sim;
}

export function businessCentralCredential(sim: BusinessCentralSimulator, overrides: Record<string, unknown> = {}) {
	return new CredentialStore(new BusinessCentralApi(), {
		cloud: 'custom',
		authorityUrl: sim.url,
		apiUrl: sim.url,
		tenantId: sim.tenantId ?? bcSimulator.DEFAULT_TENANT,
		clientId: sim.clientId,
		authMethod: 'secret',
		clientSecret: sim.clientSecret,
		environment: 'sandbox',
		company: 'CRONUS USA, Inc.',
		requestsPerSecond: 0,
		accessToken: '',
		...overrides,
	});
}

export { bcSimulator };
