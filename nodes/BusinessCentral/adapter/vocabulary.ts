import type { ErpVocabulary } from '../../shared/sync/vocabulary';

export const BUSINESS_CENTRAL: ErpVocabulary = {
	system: 'Business Central',
	dimensionLabel: 'Dimension Value',
	defaultDimensionCode: 'DEPARTMENT',
	accountLabel: 'G/L Account No.',
	defaultTaxAccount: '2200',
	customerNumberLength: 20,
};
