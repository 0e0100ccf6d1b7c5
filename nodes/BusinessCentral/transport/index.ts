import type { IDataObject } from 'n8n-workflow';

import { isGuid, ODataClient } from '../../shared/odata';
import { policyWithMaxWait, RequestPacer, type ODataCollection, type RequestContext } from '../../shared';
import { businessCentralApiRoot } from './hosts';

export type { BatchRequest, BatchResponse, ODataQuery } from '../../shared/odata';

export const CREDENTIAL_TYPE = 'businessCentralApi';

/** BC's limits: 100 operations per `$batch`, 5 requests processed at a time per user. */
export const BUSINESS_CENTRAL_LIMITS = { batchSize: 100, concurrency: 5 };

/** Fields whose values BC sends XML-name encoded (`G_x002F_L_x0020_Account`). */
const ENUM_FIELDS = new Set([
	'type',
	'blocked',
	'status',
	'lineType',
	'accountType',
	'category',
	'documentType',
	'balanceAccountType',
	'parentType',
	'disputeStatus',
]);

export class CompanyNotFoundError extends Error {}

/** One per node execution: the shared OData client on the tenant's environment, plus the company. */
export class BusinessCentralClient extends ODataClient {
	/** One lookup per client, shared by calls that start at the same moment. */
	private companyIdLookup: Promise<string> | undefined;

	private constructor(
		settings: ConstructorParameters<typeof ODataClient>[0],
		private readonly companyRef: string,
	) {
		super(settings);
	}

	static async create(context: RequestContext, company?: string): Promise<BusinessCentralClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		const rate = Number(credentials.requestsPerSecond ?? 20);
		const companyRef = (company ?? '').trim() || String(credentials.company ?? '').trim();
		return new BusinessCentralClient(
			{
				context,
				credentialType: CREDENTIAL_TYPE,
				apiRoot: businessCentralApiRoot(credentials),
				pacer: RequestPacer.belowLimit(Number.isFinite(rate) ? rate : 20),
				policy: policyWithMaxWait(credentials.maxWaitSeconds ?? 300),
				enumFields: ENUM_FIELDS,
				concurrency: BUSINESS_CENTRAL_LIMITS.concurrency,
			},
			companyRef,
		);
	}

	/** The company every entity lives under: the node's or the credential's company (ID or name). */
	async companyId(): Promise<string> {
		this.companyIdLookup ??= this.lookUpCompanyId();
		try {
			return await this.companyIdLookup;
		} catch (error) {
			this.companyIdLookup = undefined;
			throw error;
		}
	}

	private async lookUpCompanyId(): Promise<string> {
		const companies = (await this.request<ODataCollection<IDataObject>>('GET', 'companies')).value ?? [];
		const ref = this.companyRef;
		const match = ref
			? companies.find((company) => (isGuid(ref) ? String(company.id).toLowerCase() === ref.toLowerCase() : company.name === ref || company.displayName === ref))
			: companies.length === 1
				? companies[0]
				: undefined;
		if (!match) {
			const names = companies.map((company) => `"${String(company.name)}"`).join(', ');
			throw new CompanyNotFoundError(
				ref
					? `Business Central has no company "${ref}" in this environment (companies: ${names})`
					: `Choose a company: this environment has several (${names}). Set it on the node or as the credential's default company.`,
			);
		}
		return String(match.id);
	}

	async companyPath(path: string): Promise<string> {
		return `companies(${await this.companyId()})/${path}`;
	}
}
