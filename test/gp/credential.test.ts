import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';

import { DynamicsGp } from '../../nodes/DynamicsGp/DynamicsGp.node';
import { gpCredentialData, startGp, type GpSimulator } from './setup';

const node = new DynamicsGp();
let gp: GpSimulator;

beforeAll(async () => {
	gp = await startGp();
});
afterAll(async () => {
	await gp.close();
});

/** As n8n's credentials tester does: the node named in `testedBy` runs its credentialTest function. */
async function test(overrides: ICredentialDataDecryptedObject = {}) {
	const testedBy = node.description.credentials?.find((credential) => credential.name === 'dynamicsGpApi')?.testedBy as string;
	const credential: ICredentialsDecrypted = { id: 'cred-1', name: 'GP', type: 'dynamicsGpApi', data: gpCredentialData(gp, overrides) };
	const result = await node.methods.credentialTest[testedBy as 'dynamicsGpConnectionTest'].call({} as ICredentialTestFunctions, credential);
	expect(JSON.stringify(result)).not.toContain(gp.password);
	return result;
}

describe('Dynamics GP credential test (NTLM through the node)', () => {
	it('passes for a GP user with the tasks, over a verified TLS connection, with one handshake', async () => {
		gp.resetStats();
		await expect(test()).resolves.toEqual({ status: 'OK', message: expect.stringContaining('Connection successful') });
		expect(gp.stats.handshakes).toBe(1);
		expect(gp.stats.byRoute['GET Sales/Customers']).toBe(1);
	});

	it('names TLS when the certificate is not trusted, and passes when told to ignore it', async () => {
		const untrusted = await test({ caCertificate: '' });
		expect(untrusted.status).toBe('Error');
		expect(untrusted.message).toMatch(/^TLS: .*not signed by a trusted authority/);
		await expect(test({ caCertificate: '', ignoreSslIssues: true })).resolves.toMatchObject({ status: 'OK' });
	});

	it('names the Windows account (401) for a wrong password and for a domain user that is not a GP user', async () => {
		const wrong = await test({ password: 'not-the-password' });
		expect(wrong).toEqual({ status: 'Error', message: expect.stringMatching(/^Windows account \(HTTP 401\): .*Windows authentication refused for CONTOSO\\gp-integration/) });
		const notGp = await test({ username: 'jdoe' });
		// GP's own words reach the user (the shared transport keeps the redacted body of its refusal).
		expect(notGp.message).toMatch(/^Windows account \(HTTP 401\): .*CONTOSO\\jdoe is not mapped to a Microsoft Dynamics GP user.*User Setup > Windows Account/);
	});

	it('names the tenant and the company when GP does not know them', async () => {
		const tenant = await test({ tenant: 'OtherTenant' });
		expect(tenant.message).toMatch(/^Tenant: .*HTTP 404 TenantNotFound.*'OtherTenant'/);
		const company = await test({ company: 'Fabrikam, Inc.' });
		expect(company.message).toMatch(/^Company: .*CompanyNotFound.*SQL database name/);
	});

	it('names the missing security task', async () => {
		const clerk = gp.state.users.find((user) => user.username === 'gp-clerk')!;
		const saved = clerk.tasks;
		clerk.tasks = saved.filter((task) => task !== gp.tasks.vendors);
		try {
			const result = await test({ username: 'gp-clerk' });
			expect(result.message).toMatch(/^Security task: .*GET Purchasing\/Vendors.*'Purchasing: Vendor Maintenance'.*Security Role Setup/);
		} finally {
			clerk.tasks = saved;
		}
	});

	it('works with Basic when the GP Service allows it, and says so when it does not', async () => {
		const basic = await startGp({ basic: true });
		try {
			const result = await node.methods.credentialTest.dynamicsGpConnectionTest.call({} as ICredentialTestFunctions, {
				id: 'c',
				name: 'GP',
				type: 'dynamicsGpApi',
				data: gpCredentialData(basic, { authentication: 'basic' }),
			});
			expect(result.status).toBe('OK');
			expect(basic.stats.basicLogins).toBeGreaterThan(0);
		} finally {
			await basic.close();
		}
		const refused = await test({ authentication: 'basic' });
		expect(refused.message).toMatch(/^Windows account \(HTTP 401\): .*Basic authentication refused/);
	});

	it('refuses a plain-http server URL before sending anything', async () => {
		const result = await test({ serverUrl: 'http://127.0.0.1' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^Settings: .*https:\/\//) });
	});
});
