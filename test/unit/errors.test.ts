import { AxiosError, AxiosHeaders } from 'axios';
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { readVendorError, toNodeError, vendorMessage } from '../../nodes/shared/errors';
import { CrossOriginRedirectError, RetriesExhaustedError } from '../../nodes/shared/http';

const node: INode = { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

function wrapped(status: number, data: unknown) {
	const axiosError = new AxiosError('Request failed with status code ' + status, 'ERR_BAD_REQUEST', {
		url: 'https://api.example.test/settings/v2/tenant/1/business-units',
		headers: new AxiosHeaders({ Authorization: 'Bearer secret-token-123', 'ST-App-Key': 'ak1.secret-app-key' }),
	} as never, undefined, {
		status,
		statusText: '',
		headers: new AxiosHeaders({}),
		config: { headers: new AxiosHeaders({ Authorization: 'Bearer secret-token-123' }) },
		data,
	});
	return new NodeApiError(node, axiosError as never);
}

describe('readVendorError', () => {
	it('reads ServiceTitan problem details with per-field errors', () => {
		expect(
			readVendorError({ type: 'https://x', title: 'One or more validation errors occurred.', status: 400, errors: { code: ['Code is required'] } }),
		).toEqual({ message: 'One or more validation errors occurred.', details: ['code: Code is required'], code: undefined });
	});

	it('reads OData and OAuth errors and plain text', () => {
		expect(readVendorError({ error: { code: 'Application_DialogException', message: 'Posting date is not within your range' } })).toMatchObject({
			code: 'Application_DialogException',
			message: 'Posting date is not within your range',
		});
		expect(readVendorError({ error: 'invalid_client', error_description: 'bad secret' })).toMatchObject({ code: 'invalid_client', message: 'bad secret' });
		expect(readVendorError('{"error":{"code":"X","message":"Y"}}')).toMatchObject({ code: 'X', message: 'Y' });
		expect(readVendorError('Service Unavailable')).toMatchObject({ message: 'Service Unavailable' });
	});
});

describe('toNodeError', () => {
	it('names the system, record, status and vendor message, with the item index, and no secret', () => {
		const error = toNodeError(node, wrapped(400, { title: 'Invalid invoice', errors: { externalId: ['Too long'] } }), { system: 'ServiceTitan', recordType: 'invoice', recordId: 42 }, 3);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('ServiceTitan request for invoice 42 failed (HTTP 400): Invalid invoice');
		expect(error.description).toContain('externalId: Too long');
		expect(error.context.itemIndex).toBe(3);
		expect((error as NodeApiError).httpCode).toBe('400');
		const serialized = JSON.stringify({ ...error, message: error.message, description: error.description, cause: error.cause });
		expect(serialized).not.toContain('secret-token-123');
		expect(serialized).not.toContain('secret-app-key');
	});

	it('explains exhausted retries with the last status', () => {
		const error = toNodeError(
			node,
			new RetriesExhaustedError(6, 30_000, { status: 429, headers: {}, message: '' }, undefined),
			{ system: 'ServiceTitan', recordType: 'invoice export feed' },
			0,
		);
		expect(error.message).toContain('HTTP 429');
		expect(error.description).toContain('gave up after 6 attempts');
	});

	it('says how long the server asked to wait when that was more than the request may wait', () => {
		const error = toNodeError(
			node,
			new RetriesExhaustedError(2, 300_000, { status: 429, headers: {}, message: '' }, { askedMs: 600_000, budgetMs: 300_000 }),
			{ system: 'Business Central', recordType: 'customer', recordId: 'C1' },
			0,
		);
		expect(error.message).toMatch(/^Business Central request for customer C1 failed \(HTTP 429\).* it asked to wait 600 s before retrying$/);
		expect(error.description).toContain('more than the 300 s this request may wait');
	});

	it('keeps a validation error as a NodeOperationError and adds the item index', () => {
		const error = toNodeError(node, new Error('Business unit 34 is not in the mapping table'), { system: 'ServiceTitan' }, 2);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(2);
	});
});

describe('toNodeError: vendor text that did not come through requestWithRetry', () => {
	it('summarises an HTML page by status, title and host', () => {
		const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
		const error = toNodeError(node, wrapped(502, page), { system: 'ServiceTitan', recordType: 'business unit' }, 0);
		expect(error.message).toBe('ServiceTitan request for business unit failed (HTTP 502): HTML error page from api.example.test ("502 Bad Gateway")');
	});

	it('redacts a Bearer token or JWT that a body echoes', () => {
		const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJidCJ9.c2ln';
		const error = toNodeError(node, wrapped(500, `failed: Authorization: Bearer secret-token-123, id ${jwt}`), { system: 'Business Central' }, 1);
		expect(`${error.message} ${error.description}`).not.toMatch(/secret-token-123|eyJhbGci/);
		expect(vendorMessage(wrapped(400, { error: { code: 'X', message: `token ${jwt} rejected` } }))).toBe('token [redacted] rejected');
	});
});

describe('toNodeError: a refused redirect', () => {
	it('names the record and the host it was sent to, with the item index', () => {
		const error = toNodeError(node, new CrossOriginRedirectError(302, 'https://api.example.test/x', 'http://evil.example.test:8080/steal'), { system: 'ServiceTitan', recordType: 'invoice', recordId: 7 }, 4);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('ServiceTitan request for invoice 7 was redirected to evil.example.test:8080 (HTTP 302): refused');
		expect(error.description).toContain('it was not followed');
		expect(error.context.itemIndex).toBe(4);
	});
});


describe('toNodeError keeps its own words', () => {
	it('does not let n8n swap a message that mentions a system error code for a generic connection text', () => {
		const node = { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const error = toNodeError(node, new Error('Customer ST-EEXIST-1 is preexisting in the mapping'), { system: 'Business Central', recordType: 'customer' }, 0);
		expect(error.message).toBe('Customer ST-EEXIST-1 is preexisting in the mapping');
	});
});
