import { claimCode } from '../../nodes/BusinessCentral/adapter/payments';
import { parseDimensionTarget } from '../../nodes/shared/sync/dimensions';
import { referenceKey } from '../../nodes/shared/sync/keys';
import { paymentDifference } from '../../nodes/shared/sync/payments/ledgerDiff';
import type { PaymentPlan } from '../../nodes/shared/sync/payments/documents';

const plan = (lines: PaymentPlan['lines']): PaymentPlan => ({ key: 'ST-PMT-7', serviceTitanId: '7', customerNumber: 'ST-1', date: '2026-10-02', total: '100.00', description: 'x', lines });

describe('reference keys', () => {
	it('are built from ServiceTitan ids, upper-cased, and stable', () => {
		expect(referenceKey.invoice(880011)).toBe('ST-INV-880011');
		expect(referenceKey.payment('990021')).toBe('ST-PMT-990021');
		expect(referenceKey.application('5001')).toBe('STA5001');
		expect(referenceKey.unapplied(7)).toBe('STP7-U');
		expect(referenceKey.correction('STA5001', 2)).toBe('STA5001-C2');
	});

	it('give every payment a journal batch code of at most 10 characters, one per payment', () => {
		expect(claimCode('ST-PMT-9999999999')).toBe('P4LDQPDR');
		expect(claimCode('ST-PMT-999999999999999').length).toBe(10);
		expect(claimCode('ST-PMT-101559956668415')).toBe('PZZZZZZZZZ');
		expect(claimCode('ST-PMT-9999999999').length).toBeLessThanOrEqual(10);
		expect(claimCode('ST-PMT-1')).not.toBe(claimCode('ST-PMT-2'));
		expect(claimCode('ST-PMT-ABC').length).toBe(10);
	});
});

describe('business unit → a set of dimension values', () => {
	it('takes a plain value for the default dimension', () => {
		expect(parseDimensionTarget('HVAC-SVC', 'department')).toEqual([{ code: 'DEPARTMENT', value: 'HVAC-SVC' }]);
	});

	it('takes CODE=VALUE pairs separated by ; or ,', () => {
		expect(parseDimensionTarget('DEPARTMENT=HVAC-SVC; area = NORTH', 'DEPARTMENT')).toEqual([
			{ code: 'DEPARTMENT', value: 'HVAC-SVC' },
			{ code: 'AREA', value: 'NORTH' },
		]);
		expect(parseDimensionTarget('DEPARTMENT=A,AREA=B', 'X')).toHaveLength(2);
	});

	it('refuses a pair without a value, naming it', () => {
		expect(() => parseDimensionTarget('DEPARTMENT=A; AREA=', 'X')).toThrow(/"AREA=" in the dimension mapping/);
	});
});

describe('a payment against its customer ledger', () => {
	it('posts nothing when the ledger holds what ServiceTitan says', () => {
		const difference = paymentDifference(plan([{ key: 'STA1', amount: '60.00', invoiceKey: 'ST-INV-1' }, { key: 'STP7-U', amount: '40.00' }]), [
			{ key: 'STA1', amount: '60.00' },
			{ key: 'STP7-U', amount: '40.00' },
		]);
		expect(difference.raise).toEqual([]);
		expect(difference.lower).toEqual([]);
	});

	it('raises a line by a correcting entry numbered after the last one', () => {
		const difference = paymentDifference(plan([{ key: 'STA1', amount: '75.00', invoiceKey: 'ST-INV-1' }]), [
			{ key: 'STA1', amount: '60.00' },
			{ key: 'STA1-C1', amount: '5.00' },
		]);
		expect(difference.raise.map((line) => [line.writeKey, line.desired.sub(line.posted).toFixed(2)])).toEqual([['STA1-C2', '10.00']]);
	});

	it('sees a rest on account later applied as a lowered line, so it is never credited twice', () => {
		const difference = paymentDifference(plan([{ key: 'STA2', amount: '40.00', invoiceKey: 'ST-INV-2' }]), [{ key: 'STP7-U', amount: '40.00' }]);
		expect(difference.lower.map((line) => line.key)).toEqual(['STP7-U']);
		expect(difference.raise.map((line) => line.key)).toEqual(['STA2']);
	});

	it('sees every posted line of a voided payment as lowered', () => {
		const difference = paymentDifference(plan([]), [{ key: 'STA1', amount: '100.00' }]);
		expect(difference.lower.map((line) => [line.key, line.posted.toFixed(2), line.desired.toFixed(2)])).toEqual([['STA1', '100.00', '0.00']]);
	});
});
