import { ServiceTitanApi } from '../../credentials/ServiceTitanApi.credentials';
import { CredentialStore } from '../helpers/credentials';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServiceTitanSimulator } = require('../simulators/servicetitan');

export const SIM_SECRETS = {
	tenantId: '1000001',
	clientId: 'cid-test',
	clientSecret: 'secret-test',
	appKey: 'ak1.test-app-key',
	webhookSigningKey: 'test-signing-key-0123456789abcdef0123',
};

export type Simulator = Awaited<ReturnType<typeof startServiceTitanSimulator>>;

export async function startSimulator(options: Record<string, unknown> = {}): Promise<Simulator> {
	return await startServiceTitanSimulator({ port: 0, ...SIM_SECRETS, seed: { seed: 42, invoices: 120, customers: 20 }, ...options });
}

export function serviceTitanCredential(sim: Simulator, overrides: Record<string, unknown> = {}) {
	return new CredentialStore(new ServiceTitanApi(), {
		environment: 'custom',
		authUrl: sim.url,
		apiUrl: sim.url,
		tenantId: SIM_SECRETS.tenantId,
		clientId: SIM_SECRETS.clientId,
		clientSecret: SIM_SECRETS.clientSecret,
		appKey: SIM_SECRETS.appKey,
		webhookSigningKey: SIM_SECRETS.webhookSigningKey,
		requestsPerSecond: 60,
		accessToken: '',
		...overrides,
	});
}
