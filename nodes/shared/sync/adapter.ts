import type { ErpDocument, SalesDocumentKind, SalesDocumentPlan } from './documents';

export type CreateRequest = SalesDocumentPlan & { appliesTo?: ErpDocument };

/** One outcome of a bulk write: each document keeps its own result or error. */
export type WriteResult<T> =
	| { ok: true; value: T }
	| {
			ok: false;
			error: unknown;
			/**
			 * The ERP may have carried the write out (a cut answer, a dropped connection): the engine
			 * resolves it by looking the document up by its reference, never by an id it does not have.
			 */
			uncertain: boolean;
	  };

/**
 * What an ERP implements so the engine can post ServiceTitan documents to it exactly once, in bulk.
 * Every method takes many documents and makes as few requests as the ERP allows (filters on many
 * keys, `$batch`, the vendor's concurrency); results keep the order of the input.
 */
export interface SalesDocumentAdapter {
	/** Shown in messages: "Business Central". */
	readonly system: string;
	/** Every document of `kind` whose reference is one of `keys` (several when two runs raced). */
	findDocuments(kind: SalesDocumentKind, keys: string[]): Promise<Map<string, ErpDocument[]>>;
	/** Which of these customer numbers exist in the ERP. */
	existingCustomers(numbers: string[]): Promise<Set<string>>;
	/** The exact payload the ERP would receive (dry run). */
	preview(plan: SalesDocumentPlan): unknown;
	/**
	 * Creates unposted documents (header, lines and dimensions together where the ERP allows); a
	 * credit memo comes with the posted invoice it is applied to.
	 */
	createDocuments(requests: CreateRequest[]): Promise<Array<WriteResult<ErpDocument>>>;
	postDocuments(documents: ErpDocument[]): Promise<Array<WriteResult<void>>>;
	deleteDocuments(documents: ErpDocument[]): Promise<Array<WriteResult<void>>>;
}
