/**
 * Type declarations for the ServiceTitan simulator (plain CommonJS in index.js).
 * Records are typed loosely: the important fields are named, the rest is `[key: string]: any`.
 */

import type { Server } from 'node:http';

export interface SeedOptions {
	/** PRNG seed (default 42). */
	seed?: number;
	/** Number of invoice records, including adjustments / $0 / inactive ones (default 40). */
	invoices?: number;
	customers?: number;
	vendors?: number;
	businessUnits?: number;
	/** Invoices are spread over this many months from startDate (default 1). */
	months?: number;
	/** 'YYYY-MM-DD' (default '2026-10-01'). */
	startDate?: string;
	/** Default max(2, round(invoices / 8)). */
	purchaseOrders?: number;
	tenantId?: string;
}

export interface NamedRef {
	id: number;
	name: string | null;
}

export interface GlRef {
	id: number;
	name: string | null;
	number: string | null;
	type: string | null;
	detailType: string | null;
}

export interface InvoiceItem {
	id: number;
	type: 'Service' | 'Material' | 'Equipment' | 'PriceModifier' | 'Unspecified';
	skuId: number;
	skuName: string | null;
	description: string | null;
	/** decimal string, e.g. "1.5" */
	quantity: string;
	/** unit price, money string */
	price: string;
	/** quantity × price rounded half away from zero, money string */
	total: string;
	cost: string;
	totalCost: string;
	taxable: boolean;
	generalLedgerAccount: GlRef | null;
	[key: string]: any;
}

/** Accounting.V2.InvoiceResponse — money as strings. */
export interface Invoice {
	id: number;
	syncStatus: 'Pending' | 'Posted' | 'Exported' | string | null;
	referenceNumber: string | null;
	invoiceDate: string | null;
	dueDate: string | null;
	subTotal: string;
	salesTax: string;
	salesTaxCode: { id: number; name: string | null; taxRate: number } | null;
	total: string;
	balance: string;
	customer: NamedRef | null;
	location: NamedRef | null;
	businessUnit: NamedRef | null;
	batch: { id: number; number: string | null; name: string | null } | null;
	job: { id: number; number: string | null; type: string | null } | null;
	adjustmentToId: number | null;
	exportId: string | null;
	active: boolean;
	items: InvoiceItem[];
	createdOn: string;
	modifiedOn: string;
	[key: string]: any;
}

export interface PaymentApplied {
	appliedId: number;
	/** the invoice id */
	appliedTo: number;
	appliedAmount: string;
	appliedOn: string | null;
	appliedBy: string | null;
	appliedToReferenceNumber: string | null;
}

/** Accounting.V2.DetailedPaymentResponse — money as strings, typeId a string. */
export interface Payment {
	id: number;
	active: boolean;
	syncStatus: string | null;
	type: string | null;
	typeId: string | null;
	total: string;
	unappliedAmount: string;
	customer: NamedRef | null;
	businessUnit: NamedRef | null;
	appliedTo: PaymentApplied[];
	date: string | null;
	createdOn: string;
	modifiedOn: string;
	[key: string]: any;
}

/** Accounting.V2.InventoryBillResponse (+ `active`, which only the export feed returns). */
export interface InventoryBill {
	id: number;
	purchaseOrderId: number | null;
	syncStatus: string | null;
	referenceNumber: string | null;
	vendorNumber: string | null;
	billAmount: string;
	taxAmount: string;
	shippingAmount: string;
	otherAmount: string;
	vendor: NamedRef | null;
	businessUnit: NamedRef | null;
	items: Array<{ id: number; skuId: number; skuCode: string; skuType: string; quantity: string; cost: string; [key: string]: any }>;
	active: boolean;
	createdOn: string;
	modifiedOn: string;
	[key: string]: any;
}

export interface AnyRecord {
	id: number;
	createdOn?: string;
	modifiedOn?: string;
	active?: boolean;
	[key: string]: any;
}

export interface SimState {
	tenantId: string;
	businessUnits: AnyRecord[];
	glAccounts: AnyRecord[];
	taxZones: AnyRecord[];
	paymentTypes: AnyRecord[];
	services: AnyRecord[];
	materials: AnyRecord[];
	/** pricebook equipment (no endpoint; referenced by invoice / PO items) */
	equipment: AnyRecord[];
	vendors: AnyRecord[];
	customers: AnyRecord[];
	locations: AnyRecord[];
	jobs: AnyRecord[];
	invoices: Invoice[];
	payments: Payment[];
	purchaseOrders: AnyRecord[];
	inventoryBills: InventoryBill[];
	technicians: Array<{ id: number; name: string }>;
	/** mark-as-exported / payment-status calls: {kind, id, externalId?, externalMessage?, status?, at} */
	exportLog: Array<{ kind: 'invoice' | 'payment' | 'inventoryBill'; id: number; externalId?: string | null; externalMessage?: string | null; status?: string; at: string }>;
	counters: Record<string, number>;
	meta: Record<string, any>;
}

export type FaultMatch = string | RegExp | ((info: FaultRequestInfo) => boolean);

export interface FaultRequestInfo {
	method: string;
	path: string;
	query: URLSearchParams;
	pathAndQuery: string;
	url: string | undefined;
	/** e.g. 'GET /accounting/v2/tenant/{t}/invoices' (null when no route matched) */
	route: string | null;
	isToken: boolean;
	headers: Record<string, string | string[] | undefined>;
}

interface FaultBase {
	/** default 1; Infinity = forever */
	times?: number;
	/** substring of path+query, RegExp or predicate. Omitted → API requests only (not /connect/token). */
	match?: FaultMatch;
	method?: string;
}

export type Fault =
	| (FaultBase & { kind: 'status'; status: number; retryAfter?: string; body?: any; title?: string; errors?: Record<string, string[]>; headers?: Record<string, string> })
	| (FaultBase & { kind: 'rateLimit'; retryAfter?: string | null })
	| (FaultBase & { kind: 'delay'; ms: number })
	| (FaultBase & { kind: 'malformed'; body?: string; status?: number })
	| (FaultBase & { kind: 'reset' })
	| (FaultBase & { kind: 'hang' })
	/** an nginx-style HTML page (default 502 Bad Gateway; `title` for e.g. a proxy's login page) */
	| (FaultBase & { kind: 'html'; status?: number; title?: string })
	/** a 3xx (default 302) to `location` (a URL, or built from the request) */
	| (FaultBase & { kind: 'redirect'; status?: number; location: string | ((info: FaultRequestInfo) => string) })
	/** an error (default 500) that echoes the request's headers and body: plain text, or RFC 7807 with the echo in `title`/`errors` */
	| (FaultBase & { kind: 'echo'; status?: number; format?: 'text' | 'problem' });

export interface FaultList extends Array<Fault> {
	clear(): void;
}

export interface SimStats {
	tokensIssued: number;
	requests: number;
	rateLimited: number;
	faultsInjected: number;
	webhooksSent: number;
	/** 'GET /accounting/v2/tenant/{t}/invoices' → count */
	byRoute: Record<string, number>;
	byStatus: Record<string, number>;
}

export interface SimulatorOptions {
	/** 0 = any free port (default) */
	port?: number;
	/** string of digits, default '1000001' */
	tenantId?: string;
	clientId?: string;
	clientSecret?: string;
	appKey?: string;
	/** default 900 */
	tokenLifetimeSeconds?: number;
	/** per (app key, tenant), sliding 1 s window; 0 disables (default 60) */
	rateLimitPerSecond?: number;
	/** 32..64 characters */
	webhookSigningKey?: string;
	/** seed options, or false for an empty state */
	seed?: SeedOptions | false;
	/** use this state instead of generating one (e.g. generateSeed() output reused across runs) */
	state?: Partial<SimState>;
	/** records per export-feed response (default 100) */
	exportPageSize?: number;
	/** GET /inventory-bills shape: 'array' (spec, default) or 'envelope' */
	inventoryBillsListShape?: 'array' | 'envelope';
	/** keep sim.requestLog (last 10,000 requests) */
	recordRequests?: boolean;
	/** observer called for every request */
	onRequest?: (info: { method: string; path: string; query: string; route: string | null }) => void;
	/** clock override (epoch ms); the simulator's clock stays monotonic */
	now?: () => number;
}

export interface WebhookEvent {
	/** e.g. 'invoice.created', 'payment.created', 'customer.updated' — prefix selects the collection */
	eventType: string;
	recordId?: number;
	/** explicit data (skips the state lookup) */
	data?: any;
	tenantId?: number | string;
}

export interface WebhookOptions {
	encoding?: 'hex' | 'base64';
	/** default 'x-servicetitan-signature' */
	header?: string;
	/** signing key (default: the simulator's webhookSigningKey); null → unsigned */
	key?: string | null;
	/** e.g. 'sha256=' */
	prefix?: string;
	/** literal header value (skips signing); null → no signature header */
	signature?: string | null;
	/** change the body after signing */
	tamper?: (rawBody: string) => string | Buffer;
	/** force the event id (duplicate-delivery tests) */
	eventId?: string;
	/** retry on non-2xx / network error after 10, 30, 60, 300 s × retryScale */
	retries?: boolean;
	retryScale?: number;
	/** extra headers */
	headers?: Record<string, string>;
	/** per attempt, default 15000 */
	timeoutMs?: number;
}

export interface WebhookResult {
	status: number;
	body: string;
	eventId: string;
	/** the bytes actually sent */
	rawBody: string;
	/** the bytes that were signed (differs from rawBody only with tamper) */
	signedBody: string;
	signature: string | null;
	headers: Record<string, string>;
	attempts: Array<{ status: number; error?: string; at: string }>;
	error?: string;
}

export interface AddInvoiceItemInput {
	type?: InvoiceItem['type'];
	skuId?: number;
	skuName?: string;
	description?: string;
	quantity?: string | number;
	price?: string | number;
	unitPrice?: string | number;
	cost?: string | number;
	taxable?: boolean;
	technicianId?: number;
}

export interface AddInvoiceInput {
	customerId?: number;
	locationId?: number;
	businessUnitId?: number;
	taxZoneId?: number;
	items?: AddInvoiceItemInput[];
	number?: string;
	invoiceDate?: string;
	adjustmentToId?: number;
	/** null → no job */
	job?: null;
	/** any other invoice field overrides the built record verbatim */
	[key: string]: any;
}

export interface AddPaymentInput {
	/** full balance of each */
	invoiceIds?: number[];
	invoiceId?: number;
	amount?: string | number;
	appliedTo?: Array<{ invoiceId: number; amount?: string | number }>;
	unappliedAmount?: string | number;
	customerId?: number;
	type?: 'Cash' | 'Credit Card' | 'Check' | 'ACH' | string;
	typeId?: string | number;
	date?: string;
	checkNumber?: string;
	[key: string]: any;
}

export interface AddInventoryBillInput {
	purchaseOrderId?: number;
	vendorId?: number;
	businessUnitId?: number;
	items?: Array<{ skuId?: number; quantity?: number; cost?: string | number; skuCode?: string; name?: string }>;
	/** default: vendor defaultTaxRate */
	taxRate?: number;
	taxAmount?: string | number;
	shippingAmount?: string | number;
	vendorNumber?: string;
	jobId?: number;
	[key: string]: any;
}

export declare class ServiceTitanSimulator {
	constructor(options?: SimulatorOptions);
	readonly options: Required<Omit<SimulatorOptions, 'state' | 'onRequest' | 'now'>> & SimulatorOptions;
	/** 'http://127.0.0.1:PORT' — auth host and API host */
	url: string;
	port: number;
	tenantId: string;
	state: SimState;
	stats: SimStats;
	faults: FaultList;
	requestLog: Array<{ method: string; path: string; route: string | null; at: string }>;
	webhookLog: Array<{ url: string; eventId: string; eventType: string; status: number; attempts: number }>;
	server: Server;
	closed: boolean;
	start(): Promise<this>;
	close(): Promise<void>;
	resetStats(): void;
	expireTokens(): void;
	revokeTokens(): void;
	resetRateLimit(): void;
	/** monotonic clock, epoch ms */
	nowMs(): number;
	nowIso(): string;
	collection(name: string): keyof SimState;
	getRecord(collection: string, id: number): AnyRecord | undefined;
	touch(collection: string, id: number): AnyRecord;
	addInvoice(partial?: AddInvoiceInput): Invoice;
	addPayment(partial?: AddPaymentInput): Payment;
	addCustomer(partial?: Record<string, any>): AnyRecord;
	addLocation(partial?: Record<string, any>): AnyRecord;
	addVendor(partial?: Record<string, any>): AnyRecord;
	addBusinessUnit(partial?: Record<string, any>): AnyRecord;
	addService(partial?: Record<string, any>): AnyRecord;
	addMaterial(partial?: Record<string, any>): AnyRecord;
	addInventoryBill(partial?: AddInventoryBillInput): InventoryBill;
	addPurchaseOrder(partial?: AddInventoryBillInput): AnyRecord;
	sendWebhook(targetUrl: string, event: WebhookEvent, opts?: WebhookOptions): Promise<WebhookResult>;
	signWebhook(rawBody: string | Buffer, opts?: { key?: string; encoding?: 'hex' | 'base64'; prefix?: string }): string;
}

export declare function startServiceTitanSimulator(options?: SimulatorOptions): Promise<ServiceTitanSimulator>;
export declare function generateSeed(options?: SeedOptions): SimState;
export declare function signWebhookBody(rawBody: string | Buffer, key: string | Buffer, encoding?: 'hex' | 'base64'): string;
export declare function collectionForEvent(eventType: string): string | null;
export declare const DEFAULT_SIGNING_KEY: string;
export declare const ID_BASE: Record<string, number>;
export declare const money: {
	toCents(v: string | number): number;
	fmtCents(cents: number): string;
	centsToNumber(cents: number): number;
	toQtyHundredths(v: string | number): number;
	fmtQty(q: number): string;
	lineTotalCents(qtyHundredths: number, priceCents: number): number;
	rateToPpm(rate: number | string): number;
	taxCents(taxableCents: number, ppm: number): number;
	divRound(numerator: number, divisor: number): number;
	allocate(totalCents: number, weights: number[]): number[];
	parseScaled(v: string | number, scale: number): number;
};
