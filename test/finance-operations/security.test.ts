import type { IDataObject } from 'n8n-workflow';

import { execute, financeOperationsCredential, simulatorForSuite } from './setup';


const simulator = simulatorForSuite({}, { resetEach: true });

const invoice = {
	resource: 'freeTextInvoice',
	operation: 'create',
	customerAccount: { __rl: true, mode: 'key', value: 'US-002' },
	customerReference: 'ST-INV-SECRET',
	lines: { line: [{ description: 'Service', mainAccount: '401100', quantity: '1', unitPrice: '100.00' }] },
};

function secretsOf(credential: ReturnType<typeof financeOperationsCredential>): string[] {
	return [String(credential.data.accessToken), String(credential.data.clientSecret)].filter((secret) => secret.length > 8);
}

describe('Finance & Operations: no secret in any error', () => {
	it.each([
		['the header request', /POST .*FreeTextInvoiceHeaders$/],
		['the lines $batch', /POST .*\$batch$/],
	])('an error page that echoes %s (with its Authorization header) reaches the item redacted', async (_label, match) => {
		const credential = financeOperationsCredential(simulator());
		simulator().faults.push({ kind: 'echo', status: 400, match });
		const { output } = await execute(credential, invoice, { continueOnFail: true });
		const error = output[0][0].json as IDataObject;
		expect(String(error.error)).toMatch(/^Finance & Operations (request for free text invoice failed \(HTTP 400\)|did not take the lines of the free text invoice for customer US-002): The request could not be processed/);
		const text = JSON.stringify(output);
		expect(secretsOf(credential).length).toBeGreaterThan(0);
		for (const secret of secretsOf(credential)) expect(text).not.toContain(secret);
		expect(text).not.toMatch(/Bearer\s+ey/);
	});

	it('a refused token never carries the secret into the error', async () => {
		const credential = financeOperationsCredential(simulator(), { clientSecret: 'fo-wrong-secret-1234567' });
		const error = await execute(credential, { resource: 'mainAccount', operation: 'getAll', returnAll: true }).catch((e: Error) => e);
		expect(String((error as Error).message)).toMatch(/secret or certificate was refused/);
		expect(JSON.stringify({ message: (error as Error).message, description: (error as { description?: string }).description })).not.toContain('fo-wrong-secret-1234567');
	});
});
