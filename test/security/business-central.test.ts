import { runCredentialTest } from '../helpers/credentialTest';
import { Company } from '../business-central/companyNode';
import { businessCentralCredential, startBusinessCentral, type BusinessCentralSimulator } from '../business-central/setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startForeignOrigin } = require('../simulators/shared/foreign-origin');

type ForeignOrigin = Awaited<ReturnType<typeof startForeignOrigin>>;

let bc: BusinessCentralSimulator;
let foreign: ForeignOrigin;

beforeAll(async () => {
	bc = await startBusinessCentral();
	foreign = await startForeignOrigin();
});
afterAll(async () => {
	await bc.close();
	await foreign.close();
});
beforeEach(() => {
	bc.faults.length = 0;
	foreign.requests.length = 0;
});

async function failure(promise: Promise<unknown>): Promise<Error & { description?: string | null; context?: unknown }> {
	return (await promise.then(
		() => {
			throw new Error('expected the call to fail');
		},
		(error: unknown) => error,
	)) as Error & { description?: string | null };
}

describe('Business Central: vendor error text never carries a secret', () => {
	it('redacts the JWT an OData error message echoes from the Authorization header', async () => {
		const credential = businessCentralCredential(bc);
		await Company.list(credential);
		bc.faults.push({ kind: 'echo', status: 400, match: /GET .*\/companies$/ });
		const error = await failure(Company.list(credential));
		const visible = JSON.stringify({ message: error.message, description: error.description, context: error.context });
		expect(error.message).toContain('HTTP 400 BadRequest');
		expect(error.message).toContain('Bearer [redacted]');
		expect(visible).not.toContain(String(credential.data.accessToken));
		expect(visible).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}\./);
	});

	it('summarises an HTML gateway page by status, title and host', async () => {
		bc.faults.push({ kind: 'html', status: 403, title: 'Access Denied by Proxy', match: /GET .*\/companies$/ });
		const error = await failure(Company.list(businessCentralCredential(bc)));
		expect(error.message).toContain(`(HTTP 403): HTML error page from ${new URL(bc.url).host} ("Access Denied by Proxy")`);
		expect(`${error.message} ${error.description}`).not.toMatch(/<html|<title|DOCTYPE/i);
	});
});

describe('Business Central: redirects to another origin are never followed', () => {
	it('does not take another host\'s {"value":[]} for the company list, nor send it the token', async () => {
		bc.faults.push({ kind: 'redirect', status: 302, location: `${foreign.url}/companies`, match: /GET .*\/companies$/ });
		const error = await failure(Company.list(businessCentralCredential(bc)));
		expect(foreign.requests).toHaveLength(0);
		expect(error.message).toContain(`redirected to ${foreign.host} (HTTP 302)`);
	});

	it('does not follow the Entra authority to another host', async () => {
		bc.faults.push({ kind: 'redirect', status: 302, location: `${foreign.url}/openid-configuration`, match: 'openid-configuration' });
		const error = await failure(Company.list(businessCentralCredential(bc)));
		expect(foreign.requests).toHaveLength(0);
		expect(error.message).toContain(`redirect (HTTP 302) to another host, ${foreign.host}`);
	});

	it('fails the credential test on a redirect instead of listing the other host\'s companies', async () => {
		bc.faults.push({ kind: 'redirect', status: 302, location: `${foreign.url}/companies`, match: /GET .*\/companies$/ });
		const result = await runCredentialTest(businessCentralCredential(bc));
		expect(foreign.requests).toHaveLength(0);
		expect(result).toEqual({ status: 'Error', message: expect.stringContaining('The API URL answered with a redirect (HTTP 302)') });
	});

	it('passes the credential test without a redirect', async () => {
		expect(await runCredentialTest(businessCentralCredential(bc))).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('Business Central: a Retry-After beyond the wait budget', () => {
	it('waits out the credential\'s Max Wait, tries once more, then says how long Business Central asked for', async () => {
		bc.faults.push({ kind: 'rateLimit', times: 2, retryAfter: 600, match: /GET .*\/companies$/ });
		const started = Date.now();
		const error = await failure(Company.list(businessCentralCredential(bc, { maxWaitSeconds: 0.5 })));
		expect(Date.now() - started).toBeGreaterThanOrEqual(480);
		expect(error.message).toContain('HTTP 429');
		expect(error.message).toContain('it asked to wait 600 s before retrying');
		expect(error.description).toContain('more than the 0.5 s this request may wait');
		expect(bc.faults).toEqual([expect.objectContaining({ times: 0 })]);
	});
});

