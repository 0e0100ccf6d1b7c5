import { HttpRequestError } from '../http/failure';

/**
 * What the Windows-auth transport throws: HttpRequestErrors (describeHttpFailure reads them like
 * any other failure of the package) whose message says what to fix, never a secret.
 */

export class WindowsAuthRefusedError extends HttpRequestError {
	/** `body`: the server's own answer, already redacted (GP says "not mapped to a Microsoft Dynamics GP user" there). */
	constructor(host: string, account: string, kind: 'ntlm' | 'basic', body?: unknown) {
		super({ status: 401, headers: {}, host, message: '', body });
		this.name = 'WindowsAuthRefusedError';
		this.message =
			kind === 'ntlm'
				? `Windows authentication refused for ${account} (wrong password, or not a user of this server) by ${host}`
				: `Basic authentication refused for ${account} (wrong user name, password or web service access key) by ${host}`;
		this.failure.message = this.message;
	}
}

/** The handshake could not be completed: no challenge, NTLMv1 only, or the connection dropped in between. */
export class NtlmHandshakeError extends HttpRequestError {
	constructor(host: string, message: string, networkCode = 'ENTLMHANDSHAKE') {
		super({ headers: {}, host, networkCode, message });
		this.name = 'NtlmHandshakeError';
		this.message = message;
	}
}

const UNTRUSTED_CERTIFICATE = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_UNTRUSTED',
	'CERT_SIGNATURE_FAILURE',
]);

const CONNECTION_DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

function tlsMessage(code: string, host: string, reason: string): string | undefined {
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
		return `The TLS certificate of ${host} is not issued for that host name (${code}): use the host name the certificate names in the URL`;
	}
	if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
		return `The TLS certificate of ${host} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'} (${code}): renew it on the server`;
	}
	if (UNTRUSTED_CERTIFICATE.has(code)) {
		return `The TLS certificate of ${host} is not signed by a trusted authority (${code}): add the server's CA certificate, or install it on the n8n host (NODE_EXTRA_CA_CERTS)`;
	}
	if (code === 'EPROTO' || code.startsWith('ERR_SSL')) return `The TLS connection to ${host} failed (${code}): ${reason}. Is the URL's scheme (https/http) and port right?`;
	return undefined;
}

/** A network-level failure as an HttpRequestError whose message names the TLS problem or the dropped handshake. */
export function networkFailure(error: unknown, host: string, duringHandshake: boolean): HttpRequestError {
	if (error instanceof HttpRequestError) return error;
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	const networkCode = typeof code === 'string' ? code : /socket hang up/i.test(String(message)) ? 'ECONNRESET' : 'ENETWORK';
	const reason = typeof message === 'string' ? message.replace(/\s+/g, ' ').slice(0, 200) : 'unknown reason';
	const tls = tlsMessage(networkCode, host, reason);
	if (tls) return new NtlmHandshakeError(host, tls, networkCode);
	if (duringHandshake && CONNECTION_DROPPED.has(networkCode)) {
		return new NtlmHandshakeError(
			host,
			`${host} closed the connection during the Windows authentication handshake (${networkCode}); NTLM needs the connection kept alive between its steps — check a proxy or load balancer in between`,
			networkCode,
		);
	}
	const failure = new HttpRequestError({ headers: {}, host, networkCode, message: `${host} could not be reached (${networkCode})` });
	if (networkCode === 'ETIMEDOUT') failure.message = failure.failure.message = `${host} sent ${reason}`;
	return failure;
}
