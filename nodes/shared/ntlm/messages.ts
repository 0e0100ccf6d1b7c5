import { createType1Message, createType3Message, decodeType2Message, type Type2Message } from '@ewsjs/ntlm-client';

import { NtlmHandshakeError } from './errors';

export interface WindowsAccount {
	/** empty for a UPN (jane@contoso.com) or when the server's own domain applies */
	domain: string;
	username: string;
}

/** "CONTOSO\jane" typed into the user field with the domain left empty is split into both. */
export function accountOf(credentials: { domain?: string; username: string }): WindowsAccount {
	const domain = (credentials.domain ?? '').trim();
	const username = credentials.username.trim();
	const slash = username.indexOf('\\');
	if (domain === '' && slash > 0) return { domain: username.slice(0, slash), username: username.slice(slash + 1) };
	return { domain, username };
}

/** DOMAIN\user, or the user alone when there is no domain. */
export function accountName(account: WindowsAccount): string {
	return account.domain ? `${account.domain}\\${account.username}` : account.username;
}

export type AuthScheme = 'NTLM' | 'Negotiate';

function tokenOf(message: string): string {
	return message.replace(/^NTLM\s+/, '');
}

/** The type 1 (negotiate) token. */
export function negotiateToken(workstation: string | undefined): string {
	return tokenOf(createType1Message(workstation, ''));
}

/**
 * The schemes a 401 offers, from every WWW-Authenticate header (Node joins repeated ones with ", "
 * only for some headers, so both spellings are read).
 */
export function offeredSchemes(headers: string[]): string[] {
	return headers.flatMap((header) => header.split(',')).map((part) => part.trim().split(/\s+/)[0]).filter((scheme) => /^[A-Za-z-]+$/.test(scheme));
}

/** The type 2 token of a 401 (`NTLM <token>` or `Negotiate <token>`), if it carries one. */
export function challengeToken(headers: string[]): string | undefined {
	for (const header of headers) {
		const match = /(?:^|,)\s*(?:NTLM|Negotiate)\s+([A-Za-z0-9+/]{20,}=*)/i.exec(header);
		if (match) return match[1];
	}
	return undefined;
}

function decodeChallenge(token: string, host: string): Type2Message {
	let challenge: Type2Message;
	try {
		challenge = decodeType2Message(token);
	} catch {
		throw new NtlmHandshakeError(host, `${host} answered the Windows authentication request with something that is not an NTLM challenge`);
	}
	if (challenge.version !== 2 || !challenge.targetInfo) {
		throw new NtlmHandshakeError(
			host,
			`${host} offered only NTLMv1, which this connector does not send (its answer can be cracked back to the password): ` +
				'allow NTLMv2 on the server (security policy "LAN Manager authentication level")',
		);
	}
	return challenge;
}

/** The type 3 (authenticate) token answering the server's challenge. */
export function authenticateToken(
	token: string,
	credentials: { domain?: string; username: string; password: string; workstation?: string },
	host: string,
): string {
	const challenge = decodeChallenge(token, host);
	const account = accountOf(credentials);
	// A UPN carries its own domain; otherwise an empty domain means the server's (its challenge names it).
	const target = account.domain || (account.username.includes('@') ? '' : undefined);
	return tokenOf(createType3Message(challenge, account.username, credentials.password, credentials.workstation, target));
}
