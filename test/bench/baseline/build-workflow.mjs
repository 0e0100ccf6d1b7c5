#!/usr/bin/env node
// Writes st-to-bc-httprequest.json: the "capable n8n user" baseline for ServiceTitan invoices →
// Business Central, built only from n8n-nodes-base nodes (no ServiceTitan/BC package). Copied from
// /work/shared/bench/build-workflow.mjs and adapted to this project's simulators, as that folder's
// README asks; the flow's shape is unchanged. Regenerate after editing:
//
//   node test/bench/baseline/build-workflow.mjs
//
// Adapted to the simulators' seed data (everything else is the original):
// - `Map to BC`: the simulators' BC company has no items named after ServiceTitan SKUs, and the
//   ServiceTitan business units' accountCode/division are not BC dimension values. Lines therefore
//   go to the G/L account the ServiceTitan item names, through the same table the package's template
//   uses; DEPARTMENT comes from the template's business-unit table, AREA from the unit's trade.
//   ServiceTitan's sales tax becomes an account line to 2200 (the template's tax account), so both
//   flows post the same totals.
// - `Ready to export` also drops credit adjustments (negative totals): BC refuses to post a sales
//   invoice below zero, and this flow has no credit memos.
//
// Flow: Manual Trigger → Config (URLs, ids, secrets; the benchmark rewrites it) → ServiceTitan
// token (client-credentials POST) → Entra token for BC (client-credentials POST) → reference data
// (ST business units, BC tax areas, BC customers) → ST invoice export feed (HTTP Request pagination on
// continueFrom) → Split Out → Filter (active, syncStatus Posted, not a credit) → map to BC payloads →
// create the missing BC customers → Loop Over Items (5 at a time): create the sales invoice with lines
// and DEPARTMENT/AREA dimensions in one deep insert, post it, read back the posted number → mark the ST
// invoices exported (50 per call) → summary.
//
// What a careful user adds: Retry On Fail on every HTTP Request (3 tries, 2 s apart), a request
// timeout, HTTP Request batching on the customer creates (5 per 200 ms), loop batches of 5 (Business
// Central allows 5 concurrent requests per user), and exported-status filtering so a second run does
// not resend what ServiceTitan already shows as Exported. What it does not have: a BC-side duplicate
// check (externalDocumentNumber), a persisted feed cursor, or token renewal (ST tokens last 15 min).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'st-to-bc-httprequest.json');

// Placeholder configuration: test/bench/end-to-end.bench.ts replaces these with the simulators' values.
const CONFIG = {
  stBaseUrl: 'http://127.0.0.1:4010',
  stTokenUrl: 'http://127.0.0.1:4010/connect/token',
  stTenant: '1234567',
  stClientId: 'cid.example',
  stClientSecret: 'replace-me',
  stAppKey: 'ak1.example',
  entraTokenUrl: 'https://127.0.0.1:4011/00000000-0000-0000-0000-000000000000/oauth2/v2.0/token',
  entraClientId: '00000000-0000-0000-0000-000000000000',
  entraClientSecret: 'replace-me',
  bcScope: 'https://api.businesscentral.dynamics.com/.default',
  bcApiBase: 'http://127.0.0.1:4012/v2.0/00000000-0000-0000-0000-000000000000/production/api/v2.0',
  bcCompanyId: '00000000-0000-0000-0000-000000000000',
};

// ------------------------------------------------------------------ expressions

const cfg = (key) => `$('Config').first().json.${key}`;
const ST_API = `{{ ${cfg('stBaseUrl')} }}`;
const ST_TENANT = `{{ ${cfg('stTenant')} }}`;
const BC_COMPANY = `{{ ${cfg('bcApiBase')} }}/companies({{ ${cfg('bcCompanyId')} }})`;
const ST_HEADERS = [
  { name: 'Authorization', value: "=Bearer {{ $('ServiceTitan token').first().json.access_token }}" },
  { name: 'ST-App-Key', value: `={{ ${cfg('stAppKey')} }}` },
];
const BC_HEADERS = [
  { name: 'Authorization', value: "=Bearer {{ $('BC token (Entra)').first().json.access_token }}" },
];

// ------------------------------------------------------------------ Code node sources

const MAP_TO_BC = String.raw`// One item per ServiceTitan invoice, shaped for Business Central.
// Business unit → DEPARTMENT (the same table as the package's template) and AREA (the unit's trade).
const departments = { 31: 'HVAC-SVC', 32: 'HVAC-INST', 33: 'PLUMB-SVC', 34: 'ELEC' };
const units = $('ST business units').first().json.data;
const dims = Object.fromEntries(units.map((u) => [u.id, { department: departments[u.id], area: String(u.trade?.name ?? '').toUpperCase() }]));
// ServiceTitan tax zone name → BC tax area id (BC names its tax areas after the zones).
const taxAreas = Object.fromEntries($('BC tax areas').first().json.value.map((a) => [a.displayName, a.id]));
// ServiceTitan GL account number → BC G/L account (the package template's table).
const glToBc = { '4000': '4000', '4100': '4200', '4200': '4100' };
const day = (iso) => String(iso).slice(0, 10);
const clip = (s, n) => String(s ?? '').slice(0, n);

return $input.all().map(({ json: inv }) => {
  const bu = dims[inv.businessUnit?.id];
  if (!bu?.department) throw new Error('Invoice ' + inv.id + ': no BC dimension for business unit ' + inv.businessUnit?.id);
  const customerNumber = 'ST' + inv.customer.id;
  const lines = [...inv.items].sort((a, b) => a.order - b.order).map((it) => ({
    lineType: 'Account',
    lineObjectNumber: glToBc[it.generalLedgerAccount?.number] || '4000',
    description: clip(it.displayName, 100),
    quantity: Number(it.quantity),
    unitPrice: Number(it.price),
  }));
  if (Number(inv.salesTax) !== 0) lines.push({ lineType: 'Account', lineObjectNumber: '2200', description: 'Sales tax', quantity: 1, unitPrice: Number(inv.salesTax) });
  const address = inv.customerAddress || {};
  return {
    json: {
      stInvoiceId: inv.id,
      stNumber: inv.referenceNumber,
      stTotal: inv.total,
      customer: {
        number: customerNumber,
        displayName: clip(inv.customer.name, 100),
        addressLine1: clip(address.street, 100),
        addressLine2: clip(address.unit, 50),
        city: clip(address.city, 30),
        state: clip(address.state, 30),
        postalCode: clip(address.zip, 20),
        country: address.country === 'USA' ? 'US' : clip(address.country, 10),
        taxLiable: Number(inv.salesTaxCode?.taxRate) > 0,
        ...(taxAreas[inv.salesTaxCode?.name] ? { taxAreaId: taxAreas[inv.salesTaxCode.name] } : {}),
      },
      salesInvoice: {
        externalDocumentNumber: 'ST-' + inv.referenceNumber,
        invoiceDate: day(inv.invoiceDate),
        postingDate: day(inv.invoiceDate),
        dueDate: day(inv.dueDate),
        customerNumber,
        salesInvoiceLines: lines,
        dimensionSetLines: [
          { code: 'DEPARTMENT', valueCode: bu.department },
          { code: 'AREA', valueCode: bu.area },
        ],
      },
    },
  };
});`;

const MISSING_CUSTOMERS = String.raw`// Customers the invoices need that Business Central does not have yet (one item each).
const existing = new Set($('BC customers').all().flatMap((page) => (page.json.value || []).map((c) => c.number)));
const seen = new Set();
const missing = [];
for (const { json } of $input.all()) {
  const c = json.customer;
  if (existing.has(c.number) || seen.has(c.number)) continue;
  seen.add(c.number);
  missing.push({ json: c });
}
// An empty output would end the workflow here; a marker item lets the IF skip the create step instead.
return missing.length ? missing : [{ json: { nothingToCreate: true } }];`;

const INVOICES_TO_CREATE = String.raw`// Back to one item per invoice, now that every customer exists in Business Central.
return $('Map to BC').all().map((item) => ({ json: item.json }));`;

const MARK_EXPORTED_BATCHES = String.raw`// ServiceTitan markasexported takes an array; send 50 invoices per call.
const rows = $input.all().map(({ json }) => ({
  invoiceId: json.stInvoiceId,
  externalId: json.bcNumber,
  externalMessage: 'Posted to Business Central as ' + json.bcNumber,
}));
const batches = [];
for (let i = 0; i < rows.length; i += 50) batches.push({ json: { body: rows.slice(i, i + 50) } });
return batches;`;

const SUMMARY = String.raw`const results = $input.all().map((i) => i.json);
const posted = $('Loop over invoices').all().map((i) => i.json);
return [{ json: {
  invoicesPosted: posted.length,
  markedExported: results.filter((r) => r.success === true).length,
  markFailures: results.filter((r) => r.success !== true),
} }];`;

// ------------------------------------------------------------------ nodes

let x = 0;
const at = () => [(x += 220), 0];
const nodes = [];
let seq = 0;
function node(name, type, typeVersion, parameters, extra = {}) {
  seq += 1;
  const n = { id: `5a1e0000-0000-4000-8000-${String(seq).padStart(12, '0')}`, name, type, typeVersion, position: at(), parameters, ...extra };
  nodes.push(n);
  return n;
}
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 2000 };
const httpOptions = (more = {}) => ({ timeout: 30000, ...more });

function http(name, { method = 'GET', url, headers = [], query = [], form = null, json = null, options = {}, extra = {} }) {
  const p = { method, url: `=${url}`, options: httpOptions(options) };
  if (query.length) Object.assign(p, { sendQuery: true, queryParameters: { parameters: query } });
  if (headers.length) Object.assign(p, { sendHeaders: true, headerParameters: { parameters: headers } });
  if (form) Object.assign(p, { sendBody: true, contentType: 'form-urlencoded', bodyParameters: { parameters: form } });
  if (json) Object.assign(p, { sendBody: true, specifyBody: 'json', jsonBody: json });
  return node(name, 'n8n-nodes-base.httpRequest', 4.2, p, { ...RETRY, ...extra });
}
const code = (name, jsCode, extra = {}) => node(name, 'n8n-nodes-base.code', 2, { jsCode }, extra);

node('Start', 'n8n-nodes-base.manualTrigger', 1, {});
node('Config', 'n8n-nodes-base.set', 3.4, {
  mode: 'manual',
  assignments: { assignments: Object.entries(CONFIG).map(([name, value], i) => ({ id: `cfg-${i}`, name, value, type: 'string' })) },
  includeOtherFields: false,
  options: {},
});
http('ServiceTitan token', {
  method: 'POST', url: `{{ ${cfg('stTokenUrl')} }}`,
  form: [
    { name: 'grant_type', value: 'client_credentials' },
    { name: 'client_id', value: `={{ ${cfg('stClientId')} }}` },
    { name: 'client_secret', value: `={{ ${cfg('stClientSecret')} }}` },
  ],
});
http('BC token (Entra)', {
  method: 'POST', url: `{{ ${cfg('entraTokenUrl')} }}`,
  form: [
    { name: 'grant_type', value: 'client_credentials' },
    { name: 'client_id', value: `={{ ${cfg('entraClientId')} }}` },
    { name: 'client_secret', value: `={{ ${cfg('entraClientSecret')} }}` },
    { name: 'scope', value: `={{ ${cfg('bcScope')} }}` },
  ],
});
http('ST business units', {
  url: `${ST_API}/settings/v2/tenant/${ST_TENANT}/business-units`, headers: ST_HEADERS,
  query: [{ name: 'active', value: 'Any' }, { name: 'pageSize', value: '500' }],
});
http('BC tax areas', { url: `${BC_COMPANY}/taxAreas`, headers: BC_HEADERS });
http('BC customers', {
  url: `${BC_COMPANY}/customers`, headers: BC_HEADERS,
  query: [{ name: '$select', value: 'id,number' }],
  options: {
    pagination: {
      pagination: {
        paginationMode: 'responseContainsNextURL',
        nextURL: '={{ $response.body["@odata.nextLink"] }}',
        paginationCompleteWhen: 'other',
        completeExpression: '={{ !$response.body["@odata.nextLink"] }}',
        limitPagesFetched: true,
        maxRequests: 1000,
      },
    },
  },
  extra: { executeOnce: true },
});
http('ST export invoices', {
  url: `${ST_API}/accounting/v2/tenant/${ST_TENANT}/export/invoices`, headers: ST_HEADERS,
  options: {
    pagination: {
      pagination: {
        paginationMode: 'updateAParameterInEachRequest',
        parameters: { parameters: [{ type: 'qs', name: 'from', value: '={{ $response.body.continueFrom }}' }] },
        paginationCompleteWhen: 'other',
        completeExpression: '={{ $response.body.hasMore === false }}',
        limitPagesFetched: true,
        maxRequests: 1000,
      },
    },
  },
  extra: { executeOnce: true },
});
node('Split out invoices', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'data', options: {} });
node('Ready to export', 'n8n-nodes-base.filter', 2.2, {
  conditions: {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
    conditions: [
      { id: 'f-active', leftValue: '={{ $json.active }}', rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } },
      { id: 'f-status', leftValue: '={{ $json.syncStatus }}', rightValue: 'Posted', operator: { type: 'string', operation: 'equals' } },
      { id: 'f-credit', leftValue: '={{ String($json.total) }}', rightValue: '-', operator: { type: 'string', operation: 'notStartsWith' } },
    ],
    combinator: 'and',
  },
  options: {},
});
code('Map to BC', MAP_TO_BC);
code('Missing customers', MISSING_CUSTOMERS);
node('Nothing to create?', 'n8n-nodes-base.if', 2.2, {
  conditions: {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
    conditions: [
      { id: 'if-none', leftValue: '={{ $json.nothingToCreate === true }}', rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } },
    ],
    combinator: 'and',
  },
  options: {},
});
http('BC create customer', {
  method: 'POST', url: `${BC_COMPANY}/customers`, headers: BC_HEADERS,
  json: '={{ JSON.stringify($json) }}',
  options: { batching: { batch: { batchSize: 5, batchInterval: 200 } } },
});
code('Invoices to create', INVOICES_TO_CREATE);
node('Loop over invoices', 'n8n-nodes-base.splitInBatches', 3, { batchSize: 5, options: {} });
http('BC create invoice', {
  method: 'POST', url: `${BC_COMPANY}/salesInvoices`, headers: BC_HEADERS,
  json: '={{ JSON.stringify($json.salesInvoice) }}',
});
http('BC post invoice', {
  method: 'POST', url: `${BC_COMPANY}/salesInvoices({{ $json.id }})/Microsoft.NAV.post`, headers: BC_HEADERS,
});
http('BC read posted invoice', {
  url: `${BC_COMPANY}/salesInvoices({{ $('BC create invoice').item.json.id }})`, headers: BC_HEADERS,
  query: [{ name: '$select', value: 'id,number,status,externalDocumentNumber,totalAmountIncludingTax' }],
});
node('Result', 'n8n-nodes-base.set', 3.4, {
  mode: 'manual',
  assignments: {
    assignments: [
      { id: 'r-1', name: 'stInvoiceId', value: "={{ $('Loop over invoices').item.json.stInvoiceId }}", type: 'number' },
      { id: 'r-2', name: 'stTotal', value: "={{ $('Loop over invoices').item.json.stTotal }}", type: 'string' },
      { id: 'r-3', name: 'bcInvoiceId', value: '={{ $json.id }}', type: 'string' },
      { id: 'r-4', name: 'bcNumber', value: '={{ $json.number }}', type: 'string' },
      { id: 'r-5', name: 'bcStatus', value: '={{ $json.status }}', type: 'string' },
      { id: 'r-6', name: 'bcTotal', value: '={{ $json.totalAmountIncludingTax }}', type: 'number' },
    ],
  },
  includeOtherFields: false,
  options: {},
});
code('Mark-exported batches', MARK_EXPORTED_BATCHES);
http('ST mark exported', {
  method: 'POST', url: `${ST_API}/accounting/v2/tenant/${ST_TENANT}/invoices/markasexported`, headers: ST_HEADERS,
  json: '={{ JSON.stringify($json.body) }}',
});
code('Summary', SUMMARY);

// ------------------------------------------------------------------ connections

const connections = {};
function link(from, to, output = 0) {
  const outs = (connections[from] ||= { main: [] }).main;
  while (outs.length <= output) outs.push([]);
  outs[output].push({ node: to, type: 'main', index: 0 });
}
const chain = (...names) => names.slice(1).forEach((n, i) => link(names[i], n));
chain('Start', 'Config', 'ServiceTitan token', 'BC token (Entra)', 'ST business units', 'BC tax areas', 'BC customers',
  'ST export invoices', 'Split out invoices', 'Ready to export', 'Map to BC', 'Missing customers', 'Nothing to create?');
link('Nothing to create?', 'Invoices to create', 0); // true: all customers exist
link('Nothing to create?', 'BC create customer', 1); // false: create them first
chain('BC create customer', 'Invoices to create', 'Loop over invoices');
link('Loop over invoices', 'Mark-exported batches', 0); // done
link('Loop over invoices', 'BC create invoice', 1); // next batch
chain('BC create invoice', 'BC post invoice', 'BC read posted invoice', 'Result', 'Loop over invoices');
chain('Mark-exported batches', 'ST mark exported', 'Summary');

// Lay the loop body out on a second row so the canvas reads left to right.
const row2 = ['BC create invoice', 'BC post invoice', 'BC read posted invoice', 'Result'];
let x2 = nodes.find((n) => n.name === 'Loop over invoices').position[0];
for (const n of nodes) if (row2.includes(n.name)) n.position = [(x2 += 220), 240];
for (const n of nodes) if (['Mark-exported batches', 'ST mark exported', 'Summary'].includes(n.name)) n.position = [n.position[0] - 4 * 220, 0];

const workflow = {
  id: 'baselineStToBc01',
  name: 'Baseline: ServiceTitan invoices → Business Central (HTTP Request only)',
  nodes,
  connections,
  settings: {
    executionOrder: 'v1',
    saveManualExecutions: true,
    saveDataSuccessExecution: 'all',
    saveDataErrorExecution: 'all',
  },
  pinData: {},
  meta: { templateCredsSetupCompleted: true },
  tags: [],
};

fs.writeFileSync(OUT, `${JSON.stringify(workflow, null, 2)}\n`);
process.stdout.write(`wrote ${OUT} (${nodes.length} nodes)\n`);
