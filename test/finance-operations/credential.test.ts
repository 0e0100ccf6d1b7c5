import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runCredentialTest } from '../helpers/credentialTest';
import { execute, financeOperationsCredential, startFinanceOperations, type FinanceOperationsSimulator } from './setup';

let fo: FinanceOperationsSimulator;
let plainHttp: Server;

/** A port nothing listens on: a server that was started and closed again. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

beforeAll(async () => {
	fo = await startFinanceOperations();
	plainHttp = createServer((_, response) => response.end('plain http'));
	await new Promise<void>((resolve) => plainHttp.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
	await fo.close();
	await new Promise<void>((resolve) => plainHttp.close(() => resolve()));
});

describe('Finance & Operations credential test: names the failing part', () => {
	it('passes with the app registered in F&O and a known legal entity', async () => {
		const credential = financeOperationsCredential(fo);
		expect(await runCredentialTest(credential)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(credential.preAuthCalls).toBe(1);
	});

	it.each([
		['a wrong secret', { clientSecret: 'wrong-secret-value' }, /Microsoft Entra ID did not issue a token \(AADSTS7000215\)\. The client secret or certificate was refused/],
		['an unknown tenant', { tenantId: '99999999-9999-9999-9999-999999999999' }, /The tenant was not found/],
		['an unknown app registration', { clientId: '00000000-0000-0000-0000-00000000abcd' }, /No app registration with this Client ID exists in the tenant/],
	])('token: %s', async (_label, overrides, message) => {
		const result = await runCredentialTest(financeOperationsCredential(fo, overrides));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain('wrong-secret-value');
	});

	it('F&O refuses an app not registered on its Microsoft Entra ID applications page (401)', async () => {
		const result = await runCredentialTest(financeOperationsCredential(fo, { clientId: fo.unmappedClient.clientId, clientSecret: fo.unmappedClient.clientSecret }));
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^Finance & Operations refused the token \(HTTP 401\): enter the Client ID on System administration > Setup > Microsoft Entra ID applications/) });
	});

	it('an unknown legal entity (404)', async () => {
		const result = await runCredentialTest(financeOperationsCredential(fo, { legalEntity: 'zzzz' }));
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^Finance & Operations has no legal entity with this ID \(HTTP 404\)/) });
	});

	it('an environment that cannot be reached', async () => {
		const result = await runCredentialTest(financeOperationsCredential(fo, { environmentUrl: `https://127.0.0.1:${await closedPort()}` }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The F&O environment 127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\): check the Environment URL/);
	});

	it('an environment that does not speak TLS n8n trusts', async () => {
		const { port } = plainHttp.address() as AddressInfo;
		const result = await runCredentialTest(financeOperationsCredential(fo, { environmentUrl: `https://127.0.0.1:${port}` }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The F&O environment 127\.0\.0\.1:\d+ answered, but not with a TLS certificate this n8n trusts/);
	});

	it('an environment address Entra ID does not know: the scope is refused, and the Environment URL named', async () => {
		const result = await runCredentialTest(financeOperationsCredential(fo, { environmentUrl: fo.url.replace('127.0.0.1', 'localhost') }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Microsoft Entra ID did not issue a token for https:\/\/localhost:\d+\/\.default \(AADSTS\d+\): check the Environment URL is exactly/);
		expect(result.message).not.toMatch(/Business Central/);
	});

	it.each([
		['http://', (url: string) => url.replace('https://', 'http://'), /must start with https:\/\//],
		['a path', (url: string) => `${url}/data`, /without a path/],
		['nothing', () => '', /Set the Environment URL/],
	])('an environment URL with %s', async (_label, change, message) => {
		const result = await runCredentialTest(financeOperationsCredential(fo, { environmentUrl: change(fo.url) }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});

	it("asks Entra ID for `<environment URL>/.default`: the token's audience is the environment", async () => {
		const credential = financeOperationsCredential(fo);
		const { output } = await execute(credential, { resource: 'mainAccount', operation: 'getAll', returnAll: false, limit: 1 });
		expect(output[0]).toHaveLength(1);
		const [, payload] = String(credential.data.accessToken).split('.');
		expect(JSON.parse(Buffer.from(payload, 'base64url').toString()).aud).toBe(fo.environmentUrl);
	});

});
