#!/usr/bin/env node
'use strict';
/**
 * Run the simulator as a process (sandbox / e2e harness):
 *
 *   node test/simulators/business-central/cli.js [--port 8443] [--options '{"pageSize":50}'] [--info-file /tmp/bc.json]
 *
 * Options may also come from the BC_SIM_OPTIONS environment variable (JSON). Prints one JSON line
 * describing the running instance (url, caCertPath, authority, knownAuthority, tokenEndpoint, scope,
 * apiBase, clientId, clientSecret, companyId, companies, noPermissionClient, unregisteredClient) and
 * serves until SIGINT / SIGTERM. Clients must trust caCertPath (NODE_EXTRA_CA_CERTS=<caCertPath>).
 */
const fs = require('node:fs');
const { startBusinessCentralSimulator } = require('./index.js');

/** @param {string} name */
function arg(name) {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
	const options = { ...(process.env.BC_SIM_OPTIONS ? JSON.parse(process.env.BC_SIM_OPTIONS) : {}), ...(arg('options') ? JSON.parse(/** @type {string} */ (arg('options'))) : {}) };
	if (arg('port')) options.port = Number(arg('port'));
	options.log = options.log || ((/** @type {string} */ line) => process.stderr.write(`${line}\n`));
	const bc = await startBusinessCentralSimulator(options);
	const info = {
		url: bc.url,
		caCertPath: bc.caCertPath,
		authority: bc.authority,
		knownAuthority: bc.knownAuthority,
		tokenEndpoint: bc.tokenEndpoint,
		scope: bc.scope,
		apiBase: bc.apiBase,
		tenantId: bc.tenantId,
		environment: bc.environment,
		clientId: bc.clientId,
		clientSecret: bc.clientSecret,
		companyId: bc.companyId,
		companies: bc.companies,
		noPermissionClient: bc.noPermissionClient,
		unregisteredClient: bc.unregisteredClient,
		pid: process.pid,
	};
	const infoFile = arg('info-file');
	if (infoFile) fs.writeFileSync(infoFile, JSON.stringify(info, null, 2));
	process.stdout.write(`${JSON.stringify(info)}\n`);
	const stop = () => {
		bc.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	process.stderr.write(`${e && e.stack}\n`);
	process.exit(1);
});
