import { dirname, join } from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports */
const harness = require('./harness');
const { startServiceTitanSimulator } = require('../simulators/servicetitan');
const { startBusinessCentralSimulator } = require('../simulators/business-central');
/* eslint-enable @typescript-eslint/no-require-imports */

export const REPO = join(__dirname, '..', '..');
export const WORKFLOWS = join(REPO, 'workflows');
export const PACKAGE = 'n8n-nodes-ml-connector';

export const ST = {
	tenantId: '1000001',
	clientId: 'e2e-client',
	clientSecret: 'e2e-secret',
	appKey: 'ak1.e2e-app-key',
	webhookSigningKey: 'e2e-signing-key-0123456789abcdef01234567',
};

/** The credential the shipped templates name (id and name documented in the README). */
export function serviceTitanCredential(simUrl: string) {
	return {
		id: 'mlcServiceTitan1',
		name: 'ServiceTitan account',
		type: 'serviceTitanApi',
		data: { environment: 'custom', authUrl: simUrl, apiUrl: simUrl, requestsPerSecond: 60, ...ST },
	};
}

/** The Business Central credential the templates name, pointed at the simulator (MSAL against its authority). */
export function businessCentralCredential(bc: any) {
	return {
		id: 'mlcBusinessCentr',
		name: 'Business Central account',
		type: 'businessCentralApi',
		data: {
			cloud: 'custom',
			authorityUrl: bc.url,
			apiUrl: bc.url,
			tenantId: bc.tenantId,
			clientId: bc.clientId,
			authMethod: 'secret',
			clientSecret: bc.clientSecret,
			environment: bc.environment ?? 'sandbox',
			company: 'CRONUS USA, Inc.',
			requestsPerSecond: 0,
		},
	};
}

export interface Runtime {
	n8n: any;
	apiKey: string;
	cookie: string;
	sim: any;
	bc?: any;
	stop(): Promise<void>;
}

export interface RuntimeOptions {
	stSeed?: Record<string, unknown>;
	businessCentral?: Record<string, unknown>;
}

/** Packs and installs the package into a fresh n8n user folder, starts n8n and the simulators. */
export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
	const sim = await startServiceTitanSimulator({ port: 0, ...ST, seed: options.stSeed ?? { seed: 11, invoices: 30, customers: 8 } });
	const bc = options.businessCentral ? await startBusinessCentralSimulator({ port: 0, environment: 'sandbox', ...options.businessCentral }) : undefined;
	let userFolder: string | undefined;
	let n8n: any;
	const cleanUp = async () => {
		await n8n?.stop();
		await sim.close();
		await bc?.close();
		harness.removeTempDir(userFolder); // n8n's database, with the credentials
	};
	try {
		const tarball = await harness.packPackage(REPO);
		userFolder = (await harness.createN8nHome({ tarball })).userFolder;
		harness.removeTempDir(dirname(tarball)); // the nodes folder keeps its own copy
		// n8n trusts the Business Central simulator's throwaway CA the way an on-premises CA is trusted.
		n8n = await harness.startN8n({ userFolder, env: bc ? { NODE_EXTRA_CA_CERTS: bc.caCertPath } : {} });
		await n8n.waitReady();
		const cookie = await harness.setupOwner(n8n, { email: 'e2e@ml-connector.local', password: 'E2eOwner-Passw0rd' });
		const apiKey = await harness.createApiKey(n8n, cookie);
		return { n8n, apiKey, cookie, sim, bc, stop: cleanUp };
	} catch (error) {
		const log = n8n ? `\n--- n8n log ---\n${n8n.logs().slice(-4000)}` : '';
		await cleanUp();
		throw new Error(`${(error as Error).message}${log}`);
	}
}

/** Every item a node emitted, over all of its runs in one execution (CLI run or REST execution). */
export function allOutputs(run: any, nodeName: string, outputIndex = 0): any[] {
	const runs = run?.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((entry: any) => (entry?.data?.main?.[outputIndex] ?? []).map((item: any) => item.json));
}

export { harness };
