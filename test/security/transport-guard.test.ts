import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sources(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const files = [...sources(join(ROOT, 'nodes')), ...sources(join(ROOT, 'credentials'))].map((path) => ({
	path: relative(ROOT, path),
	text: readFileSync(path, 'utf8'),
}));

/**
 * Every transport, present and future, must send through the helpers that refuse cross-origin
 * redirects: requestWithRetry for node requests, sendSameOriginOnly (or acquireEntraToken, which
 * uses it) for a credential's own token calls. The one exception is Windows authentication:
 * nodes/shared/ntlm/transport.ts does NTLM/Basic over node:http(s) itself and refuses cross-origin
 * redirects through sendSameOriginOnly too.
 */
describe('every HTTP call goes through the redirect-safe helpers', () => {
	it('only requestWithRetry calls httpRequestWithAuthentication', () => {
		const callers = files.filter((file) => /httpRequestWithAuthentication\s*\.\s*call\s*\(|httpRequestWithAuthentication\s*\(/.test(file.text)).map((file) => file.path);
		expect(callers).toEqual(['nodes/shared/http/request.ts']);
	});

	it('a plain helpers.httpRequest only appears where its answer goes through sendSameOriginOnly', () => {
		const unsafe = files
			.filter((file) => /helpers\.httpRequest\b(?!WithAuthentication)/.test(file.text))
			.filter((file) => !/sendSameOriginOnly\(|acquireEntraToken\(/.test(file.text))
			.map((file) => file.path);
		expect(unsafe).toEqual([]);
	});

	it('only the shared NTLM transport opens connections itself (NTLM authenticates a connection, which n8n helpers do not keep)', () => {
		const direct = files
			.filter((file) => /^(?!\s*import\s+type\b).*from\s+'(node:)?(http|https|http2|net|tls|dgram)'|require\(\s*'(node:)?(http|https|http2|net|tls|dgram)'\s*\)|from\s+'axios'|\bfetch\s*\(|\bundici\b/m.test(file.text))
			.map((file) => file.path);
		expect(direct).toEqual(['nodes/shared/ntlm/transport.ts']);
	});

	it('no request of the package asks n8n to follow redirects', () => {
		const following = files.filter((file) => /disableFollowRedirect:\s*false|maxRedirects:\s*[1-9]|followRedirects?:\s*true/.test(file.text)).map((file) => file.path);
		expect(following).toEqual([]);
	});
});
