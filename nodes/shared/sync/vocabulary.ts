/** How an ERP names the things the sync parameters talk about, so every node reads in its own terms. */
export interface ErpVocabulary {
	/** "Business Central". */
	system: string;
	/** What a business unit maps to: "Dimension Value" (BC), "Financial Dimension" (F&O), "Subaccount" (Acumatica). */
	dimensionLabel: string;
	/** The dimension a plain mapping value belongs to, e.g. DEPARTMENT. */
	defaultDimensionCode: string;
	/** "G/L Account No.". */
	accountLabel: string;
	defaultTaxAccount: string;
	/** The longest customer number the ERP takes. */
	customerNumberLength: number;
}
