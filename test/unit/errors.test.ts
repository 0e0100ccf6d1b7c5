import { AxiosError, AxiosHeaders } from 'axios';
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { readVendorError, toNodeError } from '../../nodes/shared/errors';
import { RetriesExhaustedError } from '../../nodes/shared/http';

const node: INode = { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

function wrapped(status: number, data: unknown) {
	const axiosError = new AxiosError('Request failed with status code ' + status, 'ERR_BAD_REQUEST', {
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

	it('keeps a validation error as a NodeOperationError and adds the item index', () => {
		const error = toNodeError(node, new Error('Business unit 34 is not in the mapping table'), { system: 'ServiceTitan' }, 2);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(2);
	});
});
