import { delimiterOf, displayValue, DimensionFormatError, escapeSegment, segmentsOf, type DimensionFormat } from '../../nodes/FinanceOperations/adapter/dimensions';

const format = (segments: string[], delimiter = '-', name = 'Default dimension format'): DimensionFormat => ({ name, segments, delimiter });

describe('F&O dimension display strings', () => {
	it('puts values in format order, whatever order they come in, with blanks for missing segments', () => {
		const twoSegments = format(['BusinessUnit', 'Department']);
		expect(displayValue(twoSegments, { Department: '022', BusinessUnit: '001' })).toBe('001-022');
		expect(displayValue(twoSegments, { BusinessUnit: '001' })).toBe('001-');
		expect(displayValue(twoSegments, { Department: '022' })).toBe('-022');
		expect(displayValue(twoSegments, {})).toBe('-');
	});

	it('follows another format and delimiter entirely (no hard-coded order)', () => {
		const three = format(['Department', 'BusinessUnit', 'CostCenter'], '.');
		expect(displayValue(three, { BusinessUnit: '001', Department: '022' })).toBe('022.001.');
		const ledger = format(['MainAccount', 'BusinessUnit', 'Department', 'CostCenter'], '--');
		expect(displayValue(ledger, { MainAccount: '110110', BusinessUnit: '001', Department: '022' })).toBe('110110--001--022--');
	});

	it('matches dimension names case-insensitively and trims values', () => {
		expect(displayValue(format(['BusinessUnit', 'Department']), { businessunit: ' 001 ', DEPARTMENT: '022' })).toBe('001-022');
	});

	it('escapes the delimiter and the backslash inside a value', () => {
		expect(displayValue(format(['Customer', 'Department']), { Customer: 'US-108', Department: '022' })).toBe('US\\-108-022');
		expect(displayValue(format(['Customer', 'Department'], '~~'), { Customer: 'A~~B\\C' })).toBe('A\\~~B\\\\C~~');
		expect(escapeSegment('no.delimiter-here', '.')).toBe('no\\.delimiter-here');
	});

	it('refuses a dimension the active format does not have, naming it and the format', () => {
		expect(() => displayValue(format(['BusinessUnit', 'Department']), { Region: 'North' }, 'Invoice ST-INV-1')).toThrow(DimensionFormatError);
		expect(() => displayValue(format(['BusinessUnit', 'Department']), { Region: 'North' }, 'Invoice ST-INV-1')).toThrow(
			/Invoice ST-INV-1 name the dimension "Region", which F&O's active format "Default dimension format" \(BusinessUnit-Department\) does not have/,
		);
		expect(displayValue(format(['BusinessUnit']), { Region: '' , BusinessUnit: '002' })).toBe('002');
	});

	it('reads the segment names of a format and the delimiter enum', () => {
		expect(segmentsOf('BusinessUnit-Department', '-')).toEqual(['BusinessUnit', 'Department']);
		expect(segmentsOf('MainAccount--BusinessUnit--Department', '--')).toEqual(['MainAccount', 'BusinessUnit', 'Department']);
		expect(segmentsOf('Department.BusinessUnit', '-')).toEqual(['Department', 'BusinessUnit']);
		expect(delimiterOf('Hyphen')).toBe('-');
		expect(delimiterOf('DoubleTilde')).toBe('~~');
		expect(() => delimiterOf('Semicolon')).toThrow(/does not know/);
		expect(() => segmentsOf('  ', '-')).toThrow(/names no dimensions/);
	});
});
