import type { IDataObject } from 'n8n-workflow';

import { ServiceTitan } from '../../nodes/ServiceTitan/ServiceTitan.node';
import { runExecute } from '../helpers/context';
import { runCredentialTest } from '../helpers/credentialTest';
import type { CredentialStore } from '../helpers/credentials';
import { serviceTitanCredential, SIM_SECRETS, startSimulator, type Simulator } from '../servicetitan/setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startForeignOrigin } = require('../simulators/shared/foreign-origin');

type ForeignOrigin = Awaited<ReturnType<typeof startForeignOrigin>>;

const node = new ServiceTitan();
let sim: Simulator;
let foreign: ForeignOrigin;

beforeAll(async () => {
	sim = await startSimulator({ seed: { seed: 7, invoices: 20, customers: 5 } });
	foreign = await startForeignOrigin({ body: { access_token: 'foreign-token', value: [], data: [], hasMore: false } });
});
afterAll(async () => {
	await sim.close();
	await foreign.close();
});
beforeEach(() => {
	sim.faults.clear();
	foreign.requests.length = 0;
});

async function execute(parameters: Record<string, unknown>, credential: CredentialStore, items?: IDataObject[]) {
	return await runExecute({ nodeType: node, parameters, items, continueOnFail: true, credentials: { serviceTitanApi: credential } });
}

/** Everything of a failed item a user or a log could see. */
function visibleText(item: { json: IDataObject; error?: unknown }): string {
	const error = item.error as { message?: string; description?: string | null; context?: unknown } | undefined;
	return JSON.stringify({ json: item.json, message: error?.message, description: error?.description, context: error?.context });
}

function secretsOf(credential: CredentialStore): string[] {
	return [String(credential.data.accessToken), SIM_SECRETS.appKey, SIM_SECRETS.clientSecret, SIM_SECRETS.webhookSigningKey];
}

describe('ServiceTitan: vendor error text never carries a secret', () => {
	it.each([
		['a 500 in plain text', { kind: 'echo', status: 500, format: 'text' }],
		['a 400 problem whose title and errors echo the headers', { kind: 'echo', status: 400, format: 'problem' }],
	])('redacts the Bearer token and the App Key from %s', async (_label, fault) => {
		const credential = serviceTitanCredential(sim);
		await execute({ resource: 'businessUnit', operation: 'getAll', returnAll: true }, credential);
		sim.faults.push({ ...fault, match: '/business-units/' });
		const { output } = await execute({ resource: 'businessUnit', operation: 'get', id: { __rl: true, mode: 'id', value: '31' } }, credential);
		const item = output[0][0];
		expect(item.json.error).toMatch(/HTTP (500|400)/);
		const text = visibleText(item);
		expect(text).toMatch(/redacted/);
		for (const secret of secretsOf(credential)) expect(text).not.toContain(secret);
	});
});

describe('ServiceTitan: HTML pages are summarised, not copied', () => {
	it('reports a proxy login page by status, title and host', async () => {
		sim.faults.push({ kind: 'html', status: 403, title: 'Corporate Proxy - Sign in', match: '/business-units' });
		const { output } = await execute({ resource: 'businessUnit', operation: 'getAll', returnAll: true }, serviceTitanCredential(sim));
		const json = output[0][0].json;
		expect(json.error).toContain('HTTP 403');
		expect(json.error).toContain(`HTML error page from ${new URL(sim.url).host} ("Corporate Proxy - Sign in")`);
		expect(visibleText(output[0][0])).not.toMatch(/<html|<form|<title|DOCTYPE/i);
	});

	it('reports an nginx 502 on a write the same way', async () => {
		const invoice = (sim.state.invoices as IDataObject[])[0];
		sim.faults.push({ kind: 'html', status: 502, match: 'markasexported' });
		const { output } = await execute({ resource: 'invoice', operation: 'markAsExported', id: String(invoice.id), externalId: 'BC-1' }, serviceTitanCredential(sim));
		expect(output[0][0].json.error).toContain(`(HTTP 502): HTML error page from ${new URL(sim.url).host} ("502 Bad Gateway")`);
		expect(visibleText(output[0][0])).not.toMatch(/<center|nginx\/|DOCTYPE/i);
	});

	it('says the token URL answered HTML, with its host, when it answers 200 with a page', async () => {
		sim.faults.push({ kind: 'html', status: 200, title: 'Welcome', match: '/connect/token' });
		const { output } = await execute({ resource: 'businessUnit', operation: 'getAll', returnAll: true }, serviceTitanCredential(sim));
		const message = String(output[0][0].json.error);
		expect(message).toContain(`token URL ${sim.url}/connect/token answered with HTML error page from ${new URL(sim.url).host} ("Welcome")`);
		expect(message).not.toMatch(/Unexpected token|not valid JSON|<html/);
	});
});

describe('ServiceTitan: redirects to another origin are never followed', () => {
	it('refuses an API redirect to another host: that host receives nothing, the error names it', async () => {
		sim.faults.push({ kind: 'redirect', status: 302, location: `${foreign.url}/settings/v2/tenant/${SIM_SECRETS.tenantId}/business-units`, match: '/business-units' });
		const { output } = await execute({ resource: 'businessUnit', operation: 'getAll', returnAll: true }, serviceTitanCredential(sim));
		expect(foreign.requests).toHaveLength(0);
		expect(output[0]).toHaveLength(1);
		expect(output[0][0].json.error).toContain(`redirected to ${foreign.host} (HTTP 302)`);
	});

	it('follows a redirect on the same origin', async () => {
		sim.faults.push({ kind: 'redirect', status: 307, location: (info: { pathAndQuery: string }) => `${sim.url}${info.pathAndQuery}`, match: '/business-units' });
		const { output } = await execute({ resource: 'businessUnit', operation: 'getAll', returnAll: true }, serviceTitanCredential(sim));
		expect(output[0].length).toBe((sim.state.businessUnits as unknown[]).length);
		expect(output[0][0].json.error).toBeUndefined();
	});

	it('does not send the client secret to a host the token endpoint redirects to', async () => {
		sim.faults.push({ kind: 'redirect', status: 307, location: `${foreign.url}/connect/token`, match: '/connect/token' });
		const { output } = await execute({ resource: 'businessUnit', operation: 'getAll', returnAll: true }, serviceTitanCredential(sim));
		expect(foreign.requests).toHaveLength(0);
		expect(output[0][0].json.error).toContain(`redirect (HTTP 307) to another host, ${foreign.host}`);
	});

	it('fails the credential test on a redirect instead of sending the token and App Key along', async () => {
		sim.faults.push({ kind: 'redirect', status: 302, location: `${foreign.url}/settings/v2/tenant/${SIM_SECRETS.tenantId}/business-units`, match: '/business-units' });
		const result = await runCredentialTest(serviceTitanCredential(sim));
		expect(foreign.requests).toHaveLength(0);
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('answered with a redirect (HTTP 302)') });
	});

	it('passes the credential test without a redirect', async () => {
		expect(await runCredentialTest(serviceTitanCredential(sim))).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('ServiceTitan client: per-execution lookups', () => {
	it('forgets a failed lookup, so one failing item does not fail every later item', async () => {
		sim.faults.push({ kind: 'status', status: 403, title: 'Forbidden for a moment', method: 'GET', match: '/pricebook/v2/tenant/1000001/services?' });
		const { output } = await execute(
			{ resource: 'pricebookService', operation: 'upsert', code: (itemIndex: number) => `LOOKUP-${itemIndex}`, description: 'Lookup test' },
			serviceTitanCredential(sim),
			[{}, {}],
		);
		expect(output[0][0].json.error).toContain('HTTP 403');
		expect(output[0][1].json).toMatchObject({ action: 'created', code: 'LOOKUP-1' });
	});
});
