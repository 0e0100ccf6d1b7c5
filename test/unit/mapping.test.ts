import {
	applyNamingRule,
	buildMappingTable,
	DEFAULT_NAMING_RULE,
	lookupMapping,
	MappingError,
	mappingKey,
	resolveMapping,
	tableFromInput,
} from '../../nodes/shared/mapping';

const BU_TABLE = 'Business Unit → Dimension';

function catchMapping(action: () => unknown): MappingError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(MappingError);
		return error as MappingError;
	}
	throw new Error('expected a MappingError');
}

const invoiceContext = { recordType: 'invoice', recordId: 5012345, field: 'businessUnit' };

describe('buildMappingTable', () => {
	it('trims and compares keys case-insensitively and by string form', () => {
		const table = buildMappingTable(' Business Unit → Dimension ', [
			{ from: 31, to: ' HVAC ' },
			{ from: ' Plumbing ', to: 'PLUMB' },
		]);
		expect(table.name).toBe(BU_TABLE);
		expect(lookupMapping(table, '31')).toBe('HVAC');
		expect(lookupMapping(table, 31)).toBe('HVAC');
		expect(lookupMapping(table, ' 31 ')).toBe('HVAC');
		expect(lookupMapping(table, 'PLUMBING')).toBe('PLUMB');
		expect(lookupMapping(table, '34')).toBeUndefined();
		expect(lookupMapping(table, undefined)).toBeUndefined();
		expect([...table.entries]).toEqual([
			['31', 'HVAC'],
			['plumbing', 'PLUMB'],
		]);
		expect(mappingKey(' HVAC ')).toBe('hvac');
	});

	it('keeps a default and treats an empty default as none', () => {
		expect(buildMappingTable('T', [], { defaultValue: ' MISC ' }).defaultValue).toBe('MISC');
		expect(buildMappingTable('T', [], { defaultValue: '  ' }).defaultValue).toBeUndefined();
		expect('defaultValue' in buildMappingTable('T', [])).toBe(false);
	});

	it('rejects the same key mapped to two targets, naming both', () => {
		const error = catchMapping(() =>
			buildMappingTable(BU_TABLE, [
				{ from: '31', to: 'HVAC' },
				{ from: 32, to: 'PLUMB' },
				{ from: 31, to: 'ELEC' },
			]),
		);
		expect(error).toMatchObject({ code: 'duplicate-key', table: BU_TABLE, value: '31', rows: [1, 3] });
		expect(error.message).toBe(
			'The mapping table "Business Unit → Dimension" maps 31 twice: to "HVAC" (row 1) and to "ELEC" (row 3). Keep only one of these rows.',
		);
	});

	it('accepts the same row twice', () => {
		const table = buildMappingTable(BU_TABLE, [
			{ from: '31', to: 'HVAC' },
			{ from: 31, to: 'HVAC' },
		]);
		expect(table.entries.size).toBe(1);
	});

	it('rejects an empty target or an empty key, and skips blank rows', () => {
		const emptyTarget = catchMapping(() => buildMappingTable(BU_TABLE, [{ from: '31', to: '  ' }]));
		expect(emptyTarget).toMatchObject({ code: 'empty-target', value: '31', rows: [1] });
		expect(emptyTarget.message).toContain('maps 31 to an empty value');
		expect(catchMapping(() => buildMappingTable(BU_TABLE, [{ from: '', to: 'HVAC' }])).code).toBe('empty-key');
		expect(buildMappingTable(BU_TABLE, [{ from: '', to: '' }, { from: 31, to: 'HVAC' }]).entries.size).toBe(1);
	});

	it('rejects rows that are not text', () => {
		const rows = [{ from: { id: 31 }, to: 'HVAC' }] as unknown as Array<{ from: string; to: string }>;
		expect(catchMapping(() => buildMappingTable(BU_TABLE, rows)).code).toBe('invalid-input');
	});
});

describe('tableFromInput', () => {
	it('accepts an object', () => {
		const table = tableFromInput(BU_TABLE, { '31': 'HVAC', 34: 'ELEC', '40': 4000 });
		expect(lookupMapping(table, 34)).toBe('ELEC');
		expect(lookupMapping(table, 40)).toBe('4000');
	});

	it('accepts rows with from/to and with the other column names, ignoring extra columns', () => {
		expect(lookupMapping(tableFromInput(BU_TABLE, [{ from: '31', to: 'HVAC' }]), 31)).toBe('HVAC');
		expect(lookupMapping(tableFromInput(BU_TABLE, [{ serviceTitan: '31', erp: 'HVAC' }]), 31)).toBe('HVAC');
		expect(lookupMapping(tableFromInput(BU_TABLE, [{ source: 31, target: 'HVAC' }]), 31)).toBe('HVAC');
		const dataTableRows = [
			{ id: 1, key: '31', value: 'HVAC', createdAt: '2026-05-01T00:00:00Z', updatedAt: '2026-05-01T00:00:00Z' },
			{ id: 2, key: '34', value: 'ELEC', createdAt: '2026-05-01T00:00:00Z', updatedAt: '2026-05-01T00:00:00Z' },
		];
		expect(lookupMapping(tableFromInput(BU_TABLE, dataTableRows), '34')).toBe('ELEC');
		const sheetRows = [{ row_number: 2, 'Service Titan': 31, ERP: 'HVAC' }, { row_number: 3, 'Service Titan': '', ERP: '' }];
		const fromSheet = tableFromInput(BU_TABLE, sheetRows, { defaultValue: 'MISC' });
		expect(fromSheet.entries.size).toBe(1);
		expect(fromSheet.defaultValue).toBe('MISC');
	});

	it('accepts a JSON string', () => {
		expect(lookupMapping(tableFromInput(BU_TABLE, '{"31": "HVAC"}'), 31)).toBe('HVAC');
		expect(lookupMapping(tableFromInput(BU_TABLE, ' [{"from": 31, "to": "HVAC"}]'), 31)).toBe('HVAC');
		expect(catchMapping(() => tableFromInput(BU_TABLE, '{"31": ')).message).toContain('not valid JSON');
	});

	it('accepts an empty object or array as an empty table', () => {
		expect(tableFromInput(BU_TABLE, {}).entries.size).toBe(0);
		expect(tableFromInput(BU_TABLE, []).entries.size).toBe(0);
	});

	it('rejects missing input, naming the field path', () => {
		const error = catchMapping(() => tableFromInput(BU_TABLE, undefined, { fieldPath: 'mappings.businessUnits' }));
		expect(error.code).toBe('invalid-input');
		expect(error.message).toContain('(from field "mappings.businessUnits")');
		expect(error.message).toContain('Check the field path');
	});

	it('explains the accepted column names when rows have others', () => {
		const error = catchMapping(() => tableFromInput(BU_TABLE, [{ bu: '31', dimension: 'HVAC' }]));
		expect(error.message).toBe(
			'Row 1 of the mapping table "Business Unit → Dimension" has the columns bu, dimension. ' +
				'Name the ServiceTitan column one of from, source, serviceTitan, key and the ERP column one of to, target, erp, value.',
		);
	});

	it('rejects ambiguous columns and non-object rows', () => {
		expect(catchMapping(() => tableFromInput(BU_TABLE, [{ from: '31', key: '32', to: 'HVAC' }])).message).toContain(
			'has the columns from and key, which mean the same thing',
		);
		expect(catchMapping(() => tableFromInput(BU_TABLE, [['31', 'HVAC']])).code).toBe('invalid-input');
		expect(catchMapping(() => tableFromInput(BU_TABLE, 42)).message).toContain('must be an object like');
		expect(catchMapping(() => tableFromInput(BU_TABLE, 'HVAC')).code).toBe('invalid-input');
		expect(catchMapping(() => tableFromInput(BU_TABLE, { '31': { name: 'HVAC' } })).message).toContain(
			'maps 31 to {"name":"HVAC"}',
		);
	});

	it('applies the same checks as buildMappingTable', () => {
		const error = catchMapping(() => tableFromInput(BU_TABLE, [{ from: 31, to: 'HVAC' }, { from: '31', to: 'ELEC' }]));
		expect(error.code).toBe('duplicate-key');
	});
});

describe('resolveMapping', () => {
	const table = buildMappingTable(BU_TABLE, [{ from: 31, to: 'HVAC' }]);

	it('returns the mapped value', () => {
		expect(resolveMapping(table, 31, invoiceContext)).toBe('HVAC');
		expect(resolveMapping(table, '31', invoiceContext)).toBe('HVAC');
	});

	it('explains an unmapped value: which value, which table, which record, what to add', () => {
		const error = catchMapping(() => resolveMapping(table, 34, { ...invoiceContext, label: 'Electrical' }));
		expect(error.message).toBe(
			'Business unit 34 ("Electrical") on invoice 5012345 is not in the mapping table "Business Unit → Dimension". Add a row for 34 or set a default.',
		);
		expect(error).toMatchObject({
			code: 'unmapped',
			table: BU_TABLE,
			value: '34',
			recordType: 'invoice',
			recordId: '5012345',
			field: 'businessUnit',
			reason: 'Business unit 34 ("Electrical") on invoice 5012345 is not in the mapping table "Business Unit → Dimension".',
			fix: 'Add a row for 34 or set a default.',
		});
	});

	it('uses a label that already shows the value as is, and describes nested fields', () => {
		const error = catchMapping(() =>
			resolveMapping(buildMappingTable('GL Account → G/L Account', []), '4000', {
				recordType: 'inventoryBill',
				recordId: '66001',
				field: 'lines[1].glAccount',
				label: '4000 ("Service Income")',
			}),
		);
		expect(error.message).toBe(
			'GL account 4000 ("Service Income") on inventory bill 66001 (lines[1].glAccount) is not in the mapping table ' +
				'"GL Account → G/L Account". Add a row for 4000 or set a default.',
		);
	});

	it('accepts a human field name', () => {
		expect(catchMapping(() => resolveMapping(table, 7, { recordType: 'payment', recordId: 1, field: 'Payment type' })).message).toMatch(
			/^Payment type 7 on payment 1 is not in/,
		);
	});

	it('falls back to the default', () => {
		const withDefault = buildMappingTable(BU_TABLE, [{ from: 31, to: 'HVAC' }], { defaultValue: 'MISC' });
		expect(resolveMapping(withDefault, 34, invoiceContext)).toBe('MISC');
		expect(resolveMapping(withDefault, undefined, invoiceContext)).toBe('MISC');
	});

	it('explains a missing value when there is no default', () => {
		const error = catchMapping(() => resolveMapping(table, undefined, invoiceContext));
		expect(error.code).toBe('missing-value');
		expect(error.message).toBe(
			'Business unit is empty on invoice 5012345, so it cannot be looked up in the mapping table "Business Unit → Dimension". Fill it in ServiceTitan or set a default for the table.',
		);
		expect(error.fix).toBe('Fill it in ServiceTitan or set a default for the table.');
		expect(error.reason).toBe('Business unit is empty on invoice 5012345, so it cannot be looked up in the mapping table "Business Unit → Dimension".');
		expect(catchMapping(() => resolveMapping(table, '  ', invoiceContext)).code).toBe('missing-value');
	});
});

describe('applyNamingRule', () => {
	it('fills placeholders', () => {
		expect(applyNamingRule(DEFAULT_NAMING_RULE, { id: 880011 })).toBe('ST-880011');
		expect(applyNamingRule(' C-{number}/{ID} ', { id: '5', number: 'A1' })).toBe('C-A1/5');
		expect(applyNamingRule('{name}', { id: 1, name: ' Jane Doe ' })).toBe('Jane Doe');
		expect(applyNamingRule('CUST', { id: 1 })).toBe('CUST');
	});

	it('rejects an unknown placeholder, listing the available ones', () => {
		const error = catchMapping(() => applyNamingRule('ST-{code}', { id: 1, name: 'x' }));
		expect(error).toMatchObject({ code: 'unknown-placeholder', field: 'code' });
		expect(error.message).toBe('The naming rule "ST-{code}" uses {code}, which is not available here. Use {id}, {name}.');
	});

	it('rejects stray braces and empty results', () => {
		expect(catchMapping(() => applyNamingRule('ST-{id', { id: 1 })).code).toBe('invalid-rule');
		expect(catchMapping(() => applyNamingRule('ST-id}', { id: 1 })).code).toBe('invalid-rule');
		expect(catchMapping(() => applyNamingRule('  ', { id: 1 })).code).toBe('empty-result');
		expect(catchMapping(() => applyNamingRule('{name}', { id: 1, name: '' })).code).toBe('empty-result');
	});

	it('checks the maximum length when asked', () => {
		expect(applyNamingRule('ST-{id}', { id: '1234567' }, 10)).toBe('ST-1234567');
		const error = catchMapping(() => applyNamingRule('ST-{id}', { id: '12345678' }, 10));
		expect(error.code).toBe('too-long');
		expect(error.message).toContain('"ST-12345678" (11 characters), longer than the 10 allowed');
	});
});
