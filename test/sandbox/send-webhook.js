#!/usr/bin/env node
// `npm run sandbox:webhook -- [eventType] [recordId] [--port 5678] [--servicetitan-port 4010]`:
// sends one signed ServiceTitan webhook to the running sandbox's intake workflow (publish it
// first), the way ServiceTitan would.
'use strict';

const crypto = require('node:crypto');
const { signWebhookBody } = require('../simulators/servicetitan');
const { SIMULATORS } = require('./start');

const INTAKE = require('../../workflows/servicetitan-intake.json');

function option(argv, name, fallback) {
	const index = argv.indexOf(name);
	return index >= 0 ? argv[index + 1] : fallback;
}

async function firstRecordId(sim, eventType) {
	const collection = { invoice: 'accounting/v2/tenant/{t}/invoices', payment: 'accounting/v2/tenant/{t}/payments', inventoryBill: 'accounting/v2/tenant/{t}/inventory-bills/paginated', customer: 'crm/v2/tenant/{t}/customers' }[eventType.split('.')[0]];
	if (!collection) throw new Error(`give a record id for ${eventType}`);
	const base = `http://127.0.0.1:${sim.port}`;
	const token = await fetch(`${base}/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret }),
	}).then((response) => response.json());
	const page = await fetch(`${base}/${collection.replace('{t}', sim.tenantId)}?pageSize=1`, {
		headers: { authorization: `Bearer ${token.access_token}`, 'st-app-key': sim.appKey },
	}).then((response) => response.json());
	return page.data[0].id;
}

async function main(argv) {
	const positional = argv.filter((arg, index) => !arg.startsWith('--') && !argv[index - 1]?.startsWith('--'));
	const eventType = positional[0] ?? 'invoice.updated';
	const defaults = SIMULATORS.find((candidate) => candidate.key === 'servicetitan').options;
	const sim = { ...defaults, port: Number(option(argv, '--servicetitan-port', defaults.port)) };
	const recordId = positional[1] ? Number(positional[1]) : await firstRecordId(sim, eventType);
	const port = Number(option(argv, '--port', process.env.N8N_PORT ?? 5678));
	const trigger = INTAKE.nodes.find((node) => node.type.endsWith('.serviceTitanTrigger'));
	const url = `http://127.0.0.1:${port}/webhook/${trigger.webhookId}/webhook`;
	const eventId = crypto.randomUUID();
	const rawBody = JSON.stringify({ eventId, eventType, tenantId: Number(sim.tenantId), createdOn: new Date().toISOString(), data: { id: recordId } });
	const response = await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-servicetitan-signature': signWebhookBody(rawBody, sim.webhookSigningKey, 'hex'),
			'x-servicetitan-event': eventType,
			'x-servicetitan-webhook-id': eventId,
		},
		body: rawBody,
	});
	process.stdout.write(`${eventType} for record ${recordId} → ${url}\nHTTP ${response.status} ${await response.text()}\n`);
	if (response.status === 404) process.stdout.write('Publish the "ml-connector: ServiceTitan intake" workflow first.\n');
}

main(process.argv.slice(2)).catch((error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
