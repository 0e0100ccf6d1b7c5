'use strict';
/**
 * Throwaway TLS material for the simulator, made with the `openssl` CLI and cached on disk.
 *
 * - ensureServerCertificates({ certDir }) → a CA (ca.pem) and a server certificate for
 *   127.0.0.1 / ::1 / localhost signed by it (server.pem, server.key). Clients trust the CA with
 *   NODE_EXTRA_CA_CERTS=<ca.pem> or `ca:` on node:https. The folder is shared safely by parallel
 *   processes (a lock file serialises generation; files are reused while valid for > 1 day).
 * - createClientCertificate({ dir }) → a self-signed RSA certificate + key for the certificate
 *   credential (client assertion) with its SHA-1 and SHA-256 thumbprints. Without `dir` the files
 *   go to a new folder under the OS temp folder, removed when the process exits.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');

const DEFAULT_DIR = () => path.join(os.tmpdir(), 'ml-connector-sim-certs');

/** @param {string[]} args @param {string} cwd */
function openssl(args, cwd) {
	execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {string} file
 * @returns {boolean} true when the PEM certificate exists and is valid for at least one more day
 */
function certStillValid(file) {
	try {
		const x = new crypto.X509Certificate(fs.readFileSync(file));
		return new Date(x.validTo).getTime() - Date.now() > 24 * 3600 * 1000;
	} catch {
		return false;
	}
}

/**
 * @param {string} dir
 * @returns {boolean}
 */
function serverSetComplete(dir) {
	const ca = path.join(dir, 'ca.pem');
	const cert = path.join(dir, 'server.pem');
	const key = path.join(dir, 'server.key');
	if (!fs.existsSync(key) || !certStillValid(ca) || !certStillValid(cert)) return false;
	try {
		const caX = new crypto.X509Certificate(fs.readFileSync(ca));
		const srvX = new crypto.X509Certificate(fs.readFileSync(cert));
		return srvX.verify(caX.publicKey) && srvX.checkPrivateKey(crypto.createPrivateKey(fs.readFileSync(key)));
	} catch {
		return false;
	}
}

/** @param {string} dir */
function generateServerSet(dir) {
	const work = fs.mkdtempSync(path.join(dir, '.gen-'));
	try {
		fs.writeFileSync(
			path.join(work, 'ca.cnf'),
			[
				'[req]',
				'distinguished_name=dn',
				'x509_extensions=v3_ca',
				'prompt=no',
				'[dn]',
				'CN=ml-connector simulator CA',
				'[v3_ca]',
				'basicConstraints=critical,CA:TRUE',
				'keyUsage=critical,keyCertSign,cRLSign',
				'subjectKeyIdentifier=hash',
				'',
			].join('\n'),
		);
		fs.writeFileSync(
			path.join(work, 'server.ext'),
			[
				'basicConstraints=critical,CA:FALSE',
				'keyUsage=critical,digitalSignature,keyEncipherment',
				'extendedKeyUsage=serverAuth',
				'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
				'authorityKeyIdentifier=keyid',
				'',
			].join('\n'),
		);
		openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], work);
		openssl(['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '3650', '-config', 'ca.cnf', '-out', 'ca.pem'], work);
		openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'server.key.ec'], work);
		// PKCS#8 is what every TLS stack accepts without fuss.
		openssl(['pkcs8', '-topk8', '-nocrypt', '-in', 'server.key.ec', '-out', 'server.key'], work);
		openssl(['req', '-new', '-key', 'server.key', '-subj', '/CN=127.0.0.1', '-out', 'server.csr'], work);
		openssl(
			['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-sha256', '-days', '825', '-extfile', 'server.ext', '-out', 'server.pem'],
			work,
		);
		// Publish: key and cert first, CA last; readers only trust a complete, mutually valid set.
		for (const f of ['server.key', 'server.pem', 'ca.pem']) fs.renameSync(path.join(work, f), path.join(dir, f));
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/**
 * Make (or reuse) the CA and server certificate.
 * @param {{ certDir?: string }} [opts]
 * @returns {Promise<{ dir: string, caCertPath: string, ca: string, cert: string, key: string }>}
 */
async function ensureServerCertificates(opts = {}) {
	const dir = path.resolve(opts.certDir || DEFAULT_DIR());
	fs.mkdirSync(dir, { recursive: true });
	const lock = path.join(dir, '.lock');
	const started = Date.now();
	while (!serverSetComplete(dir)) {
		let fd = -1;
		try {
			fd = fs.openSync(lock, 'wx');
		} catch (e) {
			if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
		}
		if (fd >= 0) {
			try {
				if (!serverSetComplete(dir)) generateServerSet(dir);
			} finally {
				fs.closeSync(fd);
				fs.rmSync(lock, { force: true });
			}
			break;
		}
		// Someone else is generating; break a stale lock after 30 s.
		try {
			if (Date.now() - fs.statSync(lock).mtimeMs > 30000) fs.rmSync(lock, { force: true });
		} catch {
			/* lock vanished */
		}
		if (Date.now() - started > 60000) throw new Error(`Timed out waiting for certificate lock ${lock}`);
		await sleep(50);
	}
	const caCertPath = path.join(dir, 'ca.pem');
	return {
		dir,
		caCertPath,
		ca: fs.readFileSync(caCertPath, 'utf8'),
		cert: fs.readFileSync(path.join(dir, 'server.pem'), 'utf8'),
		key: fs.readFileSync(path.join(dir, 'server.key'), 'utf8'),
	};
}

/**
 * Certificate fingerprints in the forms MSAL and Entra use.
 * @param {string} certificatePem
 */
function thumbprints(certificatePem) {
	const x = new crypto.X509Certificate(certificatePem);
	const sha1 = x.fingerprint.replace(/:/g, '').toUpperCase();
	const sha256 = x.fingerprint256.replace(/:/g, '').toUpperCase();
	return {
		thumbprint: sha1,
		thumbprintSha256: sha256,
		x5t: Buffer.from(sha1, 'hex').toString('base64url'),
		x5tS256: Buffer.from(sha256, 'hex').toString('base64url'),
		publicKeyPem: /** @type {string} */ (x.publicKey.export({ type: 'spki', format: 'pem' })),
	};
}

/**
 * Self-signed RSA-2048 client certificate for the certificate credential.
 * @param {{ dir?: string, commonName?: string }} [opts]
 * @returns {{ certificatePem: string, privateKeyPem: string, publicKeyPem: string, thumbprint: string, thumbprintSha256: string, x5t: string, x5tS256: string, certificatePath: string, privateKeyPath: string }}
 */
function createClientCertificate(opts = {}) {
	const dir = opts.dir ? path.resolve(opts.dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'ml-connector-client-cert-'));
	fs.mkdirSync(dir, { recursive: true });
	// A folder of its own holds a private key: it goes when the process ends (a jest run also
	// removes its whole temp folder, see test/jest/temp-root.js).
	if (!opts.dir) process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
	const cn = opts.commonName || 'ml-connector BC client';
	const privateKeyPath = path.join(dir, 'client.key');
	const certificatePath = path.join(dir, 'client.pem');
	openssl(
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', privateKeyPath, '-out', certificatePath, '-days', '825', '-sha256', '-subj', `/CN=${cn}`],
		dir,
	);
	const certificatePem = fs.readFileSync(certificatePath, 'utf8');
	const privateKeyPem = fs.readFileSync(privateKeyPath, 'utf8');
	return { certificatePem, privateKeyPem, certificatePath, privateKeyPath, ...thumbprints(certificatePem) };
}

module.exports = { ensureServerCertificates, createClientCertificate, thumbprints };
