'use strict';
/**
 * The Default endpoint's entities this simulator serves, with field types and the versions that
 * have each field (fact sheet §3, table §3.9). Types: S string, D decimal, DT date-time, B boolean,
 * I int, G guid. `ro`: read-only (computed by the simulator; a value sent is ignored).
 */
const VERSIONS = ['20.200.001', '22.200.001', '23.200.001', '24.200.001', '25.200.001'];

/** @param {string} v a field present from version v on */
const since = (v) => (/** @type {string} */ ver) => ver >= v;
/** @param {string} v a field present before version v only */
const before = (v) => (/** @type {string} */ ver) => ver < v;

/**
 * @typedef {{ type: 'S'|'D'|'DT'|'B'|'I'|'G', ro?: boolean, in?: (ver: string) => boolean }} FieldDef
 * @typedef {{ fields: Record<string, FieldDef>, linked?: Record<string, EntityPart> }} EntityPart
 * @typedef {EntityPart & { screen: string, title: string, keys: string[], details?: Record<string, EntityPart>, actions?: Record<string, string>, kind: string }} EntityDef
 */

/** @param {Record<string, string>} spec name → 'S' | 'S ro' | 'D 22' (since 22.200.001) … */
function fields(spec) {
	/** @type {Record<string, FieldDef>} */
	const out = {};
	for (const [name, s] of Object.entries(spec)) {
		const [type, ...flags] = s.split(' ');
		/** @type {FieldDef} */
		const f = { type: /** @type {any} */ (type) };
		for (const fl of flags) {
			if (fl === 'ro') f.ro = true;
			else if (fl.startsWith('<')) f.in = before(`${fl.slice(1)}.200.001`);
			else f.in = since(`${fl}.200.001`);
		}
		out[name] = f;
	}
	return out;
}

const ADDRESS = { fields: fields({ AddressLine1: 'S', AddressLine2: 'S', City: 'S', State: 'S', PostalCode: 'S', Country: 'S' }) };
const CONTACT = { fields: fields({ Email: 'S', Phone1: 'S', Phone2: 'S', Fax: 'S', FirstName: 'S', LastName: 'S', DisplayName: 'S', CompanyName: 'S', Attention: 'S' }), linked: { Address: ADDRESS } };

/** @type {Record<string, EntityDef>} */
const ENTITIES = {
	Customer: {
		kind: 'customer',
		screen: 'AR303000',
		title: 'Customer',
		keys: ['CustomerID'],
		fields: fields({
			CustomerID: 'S', CustomerName: 'S', CustomerClass: 'S', Status: 'S', Terms: 'S', CurrencyID: 'S', TaxZone: 'S',
			Email: 'S 23', BAccountID: 'I ro 22', NoteID: 'G ro 22', CreatedDateTime: 'DT ro', LastModifiedDateTime: 'DT ro',
		}),
		linked: { MainContact: CONTACT },
	},
	Vendor: {
		kind: 'vendor',
		screen: 'AP303000',
		title: 'Vendor',
		keys: ['VendorID'],
		fields: fields({
			VendorID: 'S', VendorName: 'S', VendorClass: 'S', Status: 'S', Terms: 'S', CurrencyID: 'S', TaxZone: 'S',
			LegalName: 'S 22', VendorIsLaborUnion: 'B <25', VendorIsTaxAgency: 'B', CreatedDateTime: 'DT ro', LastModifiedDateTime: 'DT ro',
		}),
		linked: { MainContact: CONTACT },
	},
	Invoice: {
		kind: 'invoice',
		screen: 'AR301000',
		title: 'AR Invoice',
		keys: ['Type', 'ReferenceNbr'],
		fields: fields({
			Type: 'S', ReferenceNbr: 'S', Customer: 'S', CustomerOrder: 'S', Date: 'DT', DueDate: 'DT', Description: 'S', Hold: 'B',
			Status: 'S ro', Amount: 'D', Balance: 'D ro', TaxTotal: 'D ro', Terms: 'S', LinkBranch: 'S', LinkARAccount: 'S', LocationID: 'S',
			PostPeriod: 'S', Project: 'S', CreatedDateTime: 'DT ro', LastModifiedDateTime: 'DT ro',
		}),
		details: {
			Details: {
				fields: fields({
					LineNbr: 'I ro', InventoryID: 'S', TransactionDescription: 'S', Qty: 'D', UnitPrice: 'D', ExtendedPrice: 'D', Amount: 'D',
					Account: 'S', Subaccount: 'S', Branch: 'S', UOM: 'S', TaxCategory: 'S 22', LastModifiedDateTime: 'DT ro',
				}),
			},
			ApplicationsDefault: { fields: fields({ DocType: 'S ro', ReferenceNbr: 'S ro', AmountPaid: 'D ro', Balance: 'D ro', PaymentDate: 'DT ro', Status: 'S ro' }) },
		},
		actions: { ReleaseInvoice: 'release' },
	},
	Payment: {
		kind: 'payment',
		screen: 'AR302000',
		title: 'AR Payment',
		keys: ['Type', 'ReferenceNbr'],
		fields: fields({
			Type: 'S', ReferenceNbr: 'S', CustomerID: 'S', PaymentMethod: 'S', CashAccount: 'S', PaymentRef: 'S', ExternalRef: 'S 22',
			ApplicationDate: 'DT', Description: 'S', Hold: 'B', Status: 'S ro', PaymentAmount: 'D', AppliedToDocuments: 'D ro',
			AvailableBalance: 'D ro 22', Branch: 'S', BranchID: 'S 22', CurrencyID: 'S', CreatedDateTime: 'DT ro', LastModifiedDateTime: 'DT ro',
		}),
		details: {
			DocumentsToApply: { fields: fields({ DocType: 'S', ReferenceNbr: 'S', AmountPaid: 'D', Balance: 'D ro', CustomerOrder: 'S ro', Description: 'S ro' }) },
		},
		actions: { ReleasePayment: 'release' },
	},
	Bill: {
		kind: 'bill',
		screen: 'AP301000',
		title: 'AP Bill',
		keys: ['Type', 'ReferenceNbr'],
		fields: fields({
			Type: 'S', ReferenceNbr: 'S', Vendor: 'S', VendorRef: 'S', Date: 'DT', DueDate: 'DT', Description: 'S', Hold: 'B', Status: 'S ro',
			Amount: 'D', Balance: 'D ro', TaxTotal: 'D ro', BranchID: 'S', Terms: 'S', LocationID: 'S', PostPeriod: 'S', CurrencyID: 'S',
			IsTaxValid: 'B ro <22', CreatedDateTime: 'DT ro', LastModifiedDateTime: 'DT ro',
		}),
		details: {
			Details: {
				fields: fields({
					InventoryID: 'S', TransactionDescription: 'S', Description: 'S', Qty: 'D', UnitCost: 'D', ExtendedCost: 'D', Amount: 'D ro',
					Account: 'S', Subaccount: 'S', Branch: 'S', UOM: 'S', TaxCategory: 'S', LCLineNbr: 'I 24',
				}),
			},
		},
		actions: { ReleaseBill: 'release' },
	},
	Account: {
		kind: 'account',
		screen: 'GL202500',
		title: 'Account',
		keys: ['AccountCD'],
		fields: fields({
			AccountCD: 'S', AccountID: 'I ro', AccountClass: 'S', Type: 'S', Description: 'S', Active: 'B', CashAccount: 'B', CurrencyID: 'S',
			PostOption: 'S', CreatedDateTime: 'DT ro', LastModifiedDateTime: 'DT ro',
		}),
	},
	Subaccount: {
		kind: 'subaccount',
		screen: 'GL203000',
		title: 'Subaccount',
		keys: ['SubaccountCD'],
		fields: fields({ SubaccountCD: 'S', SubaccountID: 'I ro', Description: 'S', Active: 'B', Secured: 'B ro' }),
	},
	CompaniesStructure: {
		kind: 'inquiry',
		screen: 'CS401000',
		title: 'Companies Structure',
		keys: [],
		fields: {},
		details: {
			Results: {
				fields: fields({
					BranchID: 'S ro', BranchName: 'S ro', BranchStatus: 'B ro', BranchCountry: 'S ro', BaseCurrencyID: 'S ro', CompanyID: 'S ro',
					CompanyName: 'S ro', CompanyStatus: 'B ro', CompanyType: 'S ro',
				}),
			},
		},
	},
};

// Bill's IsTaxValid: present in 20, absent in 22, back from 23 (§3.9)
ENTITIES.Bill.fields.IsTaxValid.in = (ver) => ver !== '22.200.001';

/** @param {FieldDef} f @param {string} ver */
const fieldIn = (f, ver) => !f.in || f.in(ver);

module.exports = { ENTITIES, VERSIONS, fieldIn };
