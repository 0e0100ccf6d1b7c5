import { readBatch, ROLLED_BACK, writeBatch } from '../../nodes/FinanceOperations/transport/multipart';
import { keyPath } from '../../nodes/FinanceOperations/transport/keys';
import type { BatchRequest } from '../../nodes/shared/odata';

const requests: BatchRequest[] = [
	{ id: '1', method: 'POST', url: 'FreeTextInvoiceLines', body: { LineNumber: 1 } },
	{ id: '2', method: 'DELETE', url: "FreeTextInvoiceHeaders(dataAreaId='usmf',InvoiceIdentifier=5)" },
];

const part = (status: string, body: string, contentId?: string) =>
	`Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${contentId ? `Content-ID: ${contentId}\r\n` : ''}\r\nHTTP/1.1 ${status}\r\nContent-Type: application/json\r\n\r\n${body}\r\n`;

describe('F&O multipart $batch', () => {
	it('writes absolute inner URLs, Content-IDs and JSON bodies; atomic requests go in one changeset', () => {
		const plain = writeBatch(requests, 'https://fo.example/data', false, 'x');
		expect(plain.contentType).toBe('multipart/mixed; boundary=batch_x');
		expect(plain.body).toContain('Content-ID: 1\r\n\r\nPOST https://fo.example/data/FreeTextInvoiceLines HTTP/1.1\r\nAccept: application/json\r\nContent-Type: application/json\r\n\r\n{"LineNumber":1}');
		expect(plain.body).toContain("DELETE https://fo.example/data/FreeTextInvoiceHeaders(dataAreaId='usmf',InvoiceIdentifier=5) HTTP/1.1");
		expect(plain.body.endsWith('--batch_x--\r\n')).toBe(true);
		const atomic = writeBatch(requests, 'https://fo.example/data', true, 'y');
		expect(atomic.body.startsWith('--batch_y\r\nContent-Type: multipart/mixed; boundary=changeset_y\r\n\r\n--changeset_y\r\n')).toBe(true);
		expect(atomic.body).toContain('--changeset_y--\r\n--batch_y--\r\n');
	});

	it('reads each answer by Content-ID, or by position when the server echoes none', () => {
		const text = `--b\r\n${part('201 Created', '{"LineNumber":1}', '1')}--b\r\n${part('204 No Content', '')}--b--\r\n`;
		expect(readBatch(text, requests, false)).toEqual([
			{ id: '1', status: 201, body: { LineNumber: 1 } },
			{ id: '2', status: 204, body: undefined },
		]);
	});

	it('a refused changeset: the request it names gets the error, the others are marked not written', () => {
		const text = `--b\r\n${part('500 Internal Server Error', '{"error":{"message":"Write failed"}}', '2')}--b--\r\n`;
		expect(readBatch(text, requests, true)).toEqual([
			{ id: '1', status: ROLLED_BACK, body: { error: { code: '', message: 'Not written: request 2 of the same changeset was refused, so none of it was committed' } } },
			{ id: '2', status: 500, body: { error: { message: 'Write failed' } } },
		]);
	});

	it('a changeset answered in full comes back nested, and a body that is not multipart is refused', () => {
		const text = `--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\n${part('201 Created', '{}', '1')}--c\r\n${part('204 No Content', '', '2')}--c--\r\n--b--\r\n`;
		expect(readBatch(text, requests, true).map((answer) => [answer.id, answer.status])).toEqual([
			['1', 201],
			['2', 204],
		]);
		expect(() => readBatch('{"error":{}}', requests, false)).toThrow(/not multipart/);
	});
});

describe('F&O keys in URLs', () => {
	it('names every key field; strings quoted (quotes doubled, URL-encoded), RecIds and line numbers bare', () => {
		expect(keyPath('FreeTextInvoiceHeaders', { dataAreaId: 'usmf', InvoiceIdentifier: 5637144576 })).toBe("FreeTextInvoiceHeaders(dataAreaId='usmf',InvoiceIdentifier=5637144576)");
		expect(keyPath('VendorInvoiceLines', { dataAreaId: 'usmf', HeaderReference: "O'Neil #1/2", InvoiceLineNumber: { number: '1.5' } })).toBe(
			"VendorInvoiceLines(dataAreaId='usmf',HeaderReference='O''Neil%20%231%2F2',InvoiceLineNumber=1.5)",
		);
		expect(() => keyPath('X', { Id: 1.5 })).toThrow(/not a whole number/);
		expect(() => keyPath('X', { Id: { number: '1e3' } })).toThrow(/not a number/);
	});
});
