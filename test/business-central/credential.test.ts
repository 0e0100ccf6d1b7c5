import { Company } from './companyNode';
import { bcSimulator, businessCentralCredential, startBusinessCentral, type BusinessCentralSimulator } from './setup';

let bc: BusinessCentralSimulator;
let certificate: { certificatePem: string; privateKeyPem: string; thumbprint: string; thumbprintSha256: string };

beforeAll(async () => {
	certificate = bcSimulator.createClientCertificate({ commonName: 'ml-connector-test' });
	bc = await startBusinessCentral({ certificatePem: certificate.certificatePem });
});
afterAll(async () => {
	await bc.close();
});

describe('Business Central credential (MSAL against the simulator\'s Entra authority)', () => {
	it.each([
		['SHA-1 thumbprint (RS256, x5t)', () => certificate.thumbprint],
		['SHA-256 thumbprint (PS256, x5t#S256)', () => certificate.thumbprintSha256],
	])('authenticates with a certificate: %s', async (_label, thumbprint) => {
		const credential = businessCentralCredential(bc, {
			authMethod: 'certificate',
			clientSecret: '',
			certificatePrivateKey: certificate.privateKeyPem,
			certificateThumbprint: thumbprint(),
		});
		const companies = await Company.list(credential);
		expect(companies.map((company) => company.name)).toContain('CRONUS USA, Inc.');
		expect(credential.preAuthCalls).toBe(1);
	});

	it.each([
		['a wrong secret', { clientSecret: 'wrong' }, /AADSTS7000215.*secret or certificate was refused/],
		['an unknown tenant', { tenantId: '99999999-9999-9999-9999-999999999999' }, /tenant was not found/i],
		['an unknown app registration', { clientId: '00000000-0000-0000-0000-00000000abcd' }, /No app registration with this Client ID/],
	])('explains %s', async (_label, overrides, message) => {
		const error = await Company.list(businessCentralCredential(bc, overrides)).catch((e: Error) => e);
		expect(String((error as Error).message)).toMatch(message);
		expect(String((error as Error).message)).not.toContain('wrong');
	});

	it('discovers the authority once: token refreshes reuse the metadata kept in the credential', async () => {
		const discoveries = () => bc.stats.byRoute['GET openid-configuration'] ?? 0;
		const tokens = () => bc.stats.byRoute['POST token'] ?? 0;
		const credential = businessCentralCredential(bc);
		const [discoveredBefore, tokensBefore] = [discoveries(), tokens()];
		for (let run = 0; run < 4; run++) {
			expect((await Company.list(credential)).length).toBeGreaterThan(0);
			bc.expireTokens();
		}
		expect(credential.preAuthCalls).toBe(4);
		expect(tokens() - tokensBefore).toBe(4);
		expect(discoveries() - discoveredBefore).toBe(1);
		expect(JSON.parse(String(credential.data.authorityMetadata))).toMatchObject({ authority: `${bc.url}/${bc.tenantId}` });
	});

	it('discovers again when the kept metadata belongs to another authority', async () => {
		const discoveries = () => bc.stats.byRoute['GET openid-configuration'] ?? 0;
		const stale = JSON.stringify({ authority: 'https://login.example.test/other-tenant', discoveredAt: Date.now(), metadata: { token_endpoint: 'https://login.example.test/x', issuer: 'x' } });
		const credential = businessCentralCredential(bc, { authorityMetadata: stale });
		const before = discoveries();
		expect((await Company.list(credential)).length).toBeGreaterThan(0);
		expect(discoveries() - before).toBe(1);
	});
});
