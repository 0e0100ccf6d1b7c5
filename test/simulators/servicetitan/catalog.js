'use strict';
/**
 * Static reference data the seed generator draws from. Invented, but shaped like a mid-size
 * HVAC / plumbing / electrical contractor. Prices and costs are integer cents.
 */

/** Business units by position; more than listed get a generic name. */
const BUSINESS_UNITS = [
	{ name: 'HVAC Service', trade: 'HVAC', install: false },
	{ name: 'HVAC Install', trade: 'HVAC', install: true },
	{ name: 'Plumbing Service', trade: 'Plumbing', install: false },
	{ name: 'Electrical', trade: 'Electrical', install: false },
	{ name: 'Commercial HVAC', trade: 'HVAC', install: false },
	{ name: 'Plumbing Install', trade: 'Plumbing', install: true },
	{ name: 'Generators', trade: 'Electrical', install: true },
];

const TRADES = ['HVAC', 'Plumbing', 'Electrical'];

/** GL accounts (chart of accounts). `defaultAccountType` per servicetitan.md §5.8. */
const GL_ACCOUNTS = [
	{ number: '1000', name: 'Operating Checking', type: 'Bank', subtype: 'Checking', defaultAccountType: null },
	{ number: '1100', name: 'Accounts Receivable', type: 'Accounts Receivable', subtype: 'Accounts Receivable', defaultAccountType: 'AccountsReceivable' },
	{ number: '1200', name: 'Undeposited Funds', type: 'Other Current Asset', subtype: 'Undeposited Funds', defaultAccountType: 'UndepositedFunds' },
	{ number: '1400', name: 'Inventory Asset', type: 'Other Current Asset', subtype: 'Inventory', defaultAccountType: 'Inventory' },
	{ number: '2000', name: 'Accounts Payable', type: 'Accounts Payable', subtype: 'Accounts Payable', defaultAccountType: 'AccountsPayable' },
	{ number: '2200', name: 'Sales Tax Payable', type: 'Other Current Liability', subtype: 'Sales Tax Payable', defaultAccountType: 'SalesTaxPayable' },
	{ number: '2300', name: 'Customer Deposits', type: 'Other Current Liability', subtype: 'Other Current Liabilities', defaultAccountType: 'CustomerDeposits' },
	{ number: '4000', name: 'Service Income', type: 'Income', subtype: 'Service/Fee Income', defaultAccountType: 'Revenue' },
	{ number: '4100', name: 'Material Income', type: 'Income', subtype: 'Sales of Product Income', defaultAccountType: null },
	{ number: '4200', name: 'Equipment Income', type: 'Income', subtype: 'Sales of Product Income', defaultAccountType: null },
	{ number: '4900', name: 'Misc Income (old)', type: 'Other Income', subtype: 'Other Miscellaneous Income', defaultAccountType: null, active: false },
	{ number: '5000', name: 'Cost of Goods Sold - Materials', type: 'Cost of Goods Sold', subtype: 'Supplies & Materials - COGS', defaultAccountType: 'CostOfGoodsSoldMaterials' },
	{ number: '5100', name: 'Cost of Goods Sold - Equipment', type: 'Cost of Goods Sold', subtype: 'Equipment Rental - COGS', defaultAccountType: null },
	{ number: '6100', name: 'Merchant Processing Fees', type: 'Expense', subtype: 'Bank Charges', defaultAccountType: 'ProcessingFees' },
];

/** Tax zones; `ppm` = rate in parts per million (82500 = 8.25 %). `weight` = share of locations. */
const TAX_ZONES = [
	{ name: 'Travis County, TX', ppm: 82500, weight: 6, city: ['Austin', 'TX', '787'] },
	{ name: 'Maricopa County, AZ', ppm: 86000, weight: 1, city: ['Phoenix', 'AZ', '850'] },
	{ name: 'Clark County, NV', ppm: 83750, weight: 1, city: ['Las Vegas', 'NV', '891'] },
	{ name: 'Denver, CO', ppm: 88100, weight: 1, city: ['Denver', 'CO', '802'] },
	{ name: 'Portland, OR (no sales tax)', ppm: 0, weight: 1, city: ['Portland', 'OR', '972'] },
];

/** Payment types: `typeId` is a string in DetailedPaymentResponse. */
const PAYMENT_TYPES = [
	{ id: 1, name: 'Cash' },
	{ id: 2, name: 'Credit Card' },
	{ id: 3, name: 'Check' },
	{ id: 4, name: 'ACH' },
];

/** Pricebook services. `hourly` → fractional quantities. */
const SERVICES = [
	{ code: 'DIAG-HVAC', displayName: 'HVAC Diagnostic', description: 'Diagnose heating or cooling system', price: 8900, hours: 1, trade: 'HVAC' },
	{ code: 'TUNEUP-AC', displayName: 'AC Tune-Up', description: '21-point air conditioner tune-up', price: 14900, hours: 1.5, trade: 'HVAC' },
	{ code: 'HVAC-LABOR-HR', displayName: 'HVAC Repair Labor', description: 'HVAC repair labor, per hour', price: 12500, hours: 1, trade: 'HVAC', hourly: true },
	{ code: 'DUCT-CLEAN', displayName: 'Duct Cleaning', description: 'Whole-home duct cleaning', price: 39900, hours: 4, trade: 'HVAC' },
	{ code: 'INSTALL-LABOR-HR', displayName: 'Installation Labor', description: 'Equipment installation labor, per hour', price: 11000, hours: 1, trade: 'HVAC', hourly: true },
	{ code: 'DIAG-PLMB', displayName: 'Plumbing Diagnostic', description: 'Diagnose plumbing issue', price: 7900, hours: 1, trade: 'Plumbing' },
	{ code: 'DRAIN-CLR', displayName: 'Drain Clearing', description: 'Clear main or branch drain line', price: 18900, hours: 1.5, trade: 'Plumbing' },
	{ code: 'WH-FLUSH', displayName: 'Water Heater Flush', description: 'Flush and inspect water heater', price: 12999, hours: 1, trade: 'Plumbing' },
	{ code: 'PLMB-LABOR-HR', displayName: 'Plumbing Labor', description: 'Plumbing labor, per hour', price: 11500, hours: 1, trade: 'Plumbing', hourly: true },
	{ code: 'DIAG-ELEC', displayName: 'Electrical Diagnostic', description: 'Diagnose electrical issue', price: 9900, hours: 1, trade: 'Electrical' },
	{ code: 'PANEL-INSP', displayName: 'Panel Inspection', description: 'Electrical panel safety inspection', price: 14900, hours: 1, trade: 'Electrical' },
	{ code: 'OUTLET-INST', displayName: 'Install Outlet', description: 'Install standard or GFCI outlet', price: 8950, hours: 0.75, trade: 'Electrical' },
	{ code: 'ELEC-LABOR-HR', displayName: 'Electrical Labor', description: 'Electrical labor, per hour', price: 11999, hours: 1, trade: 'Electrical', hourly: true },
	{ code: 'WARRANTY-VISIT', displayName: 'Warranty Visit', description: 'Warranty service call, no charge', price: 0, hours: 1, trade: '*' },
];

/** Pricebook materials (cost = what the vendor charges, price = what the customer pays). */
const MATERIALS = [
	{ code: 'CAP-45-5', displayName: 'Capacitor 45/5 MFD', description: 'Dual run capacitor 45/5 MFD 440V', cost: 1100, price: 8995, trade: 'HVAC', uom: 'Each' },
	{ code: 'FLTR-16x25', displayName: 'Air Filter 16x25x1', description: 'Pleated air filter MERV 8', cost: 450, price: 2499, trade: 'HVAC', uom: 'Each' },
	{ code: 'CONT-30A', displayName: 'Contactor 30A', description: 'Single-pole contactor 30A 24V coil', cost: 1275, price: 9450, trade: 'HVAC', uom: 'Each' },
	{ code: 'R410A-LB', displayName: 'Refrigerant R-410A', description: 'R-410A refrigerant, per pound', cost: 1850, price: 8500, trade: 'HVAC', uom: 'Pound' },
	{ code: 'TSTAT-PROG', displayName: 'Programmable Thermostat', description: '7-day programmable thermostat', cost: 6533, price: 24900, trade: 'HVAC', uom: 'Each' },
	{ code: 'PVC-2-10', displayName: '2" PVC Pipe 10ft', description: 'Schedule 40 PVC pipe 2 in x 10 ft', cost: 1275, price: 3499, trade: 'Plumbing', uom: 'Each' },
	{ code: 'WAX-RING', displayName: 'Toilet Wax Ring', description: 'Wax ring with flange', cost: 325, price: 1495, trade: 'Plumbing', uom: 'Each' },
	{ code: 'FLUSH-VALVE', displayName: 'Flush Valve Kit', description: 'Universal flush valve kit', cost: 1450, price: 5995, trade: 'Plumbing', uom: 'Each' },
	{ code: 'PEX-34-100', displayName: 'PEX 3/4" 100ft', description: 'PEX-A tubing 3/4 in x 100 ft', cost: 5417, price: 12900, trade: 'Plumbing', uom: 'Roll' },
	{ code: 'BRKR-20A', displayName: 'Breaker 20A', description: 'Single-pole 20A circuit breaker', cost: 895, price: 4995, trade: 'Electrical', uom: 'Each' },
	{ code: 'WIRE-12-2', displayName: 'Romex 12/2 (ft)', description: 'NM-B 12/2 cable, per foot', cost: 47, price: 189, trade: 'Electrical', uom: 'Foot' },
	{ code: 'GFCI-15A', displayName: 'GFCI Outlet 15A', description: 'Tamper-resistant GFCI receptacle', cost: 1595, price: 6995, trade: 'Electrical', uom: 'Each' },
	{ code: 'SURGE-WH', displayName: 'Whole-Home Surge Protector', description: 'Type 2 whole-home surge protective device', cost: 8900, price: 39900, trade: 'Electrical', uom: 'Each' },
];

/** Pricebook equipment (only used as invoice / PO items; no equipment endpoints are simulated). */
const EQUIPMENT = [
	{ code: 'AC-3T-16S', displayName: '3 Ton 16 SEER Condenser', description: 'Split-system AC condenser, 3 ton, 16 SEER', cost: 185000, price: 425000, trade: 'HVAC' },
	{ code: 'FURN-80K', displayName: '80k BTU Gas Furnace', description: '80,000 BTU 96% AFUE gas furnace', cost: 120000, price: 310000, trade: 'HVAC' },
	{ code: 'WH-50G-GAS', displayName: '50 Gal Gas Water Heater', description: '50 gallon atmospheric gas water heater', cost: 65000, price: 185000, trade: 'Plumbing' },
	{ code: 'TANKLESS-199', displayName: 'Tankless Water Heater', description: '199k BTU condensing tankless water heater', cost: 142500, price: 389900, trade: 'Plumbing' },
	{ code: 'GEN-22KW', displayName: '22kW Standby Generator', description: 'Air-cooled 22kW standby generator', cost: 450000, price: 899000, trade: 'Electrical' },
	{ code: 'PANEL-200A', displayName: '200A Main Panel', description: '200 amp main breaker load center', cost: 35000, price: 120000, trade: 'Electrical' },
];

const VENDORS = [
	{ name: 'Ferguson', prefix: 'FER', ppm: 82500, trade: 'Plumbing' },
	{ name: 'Johnstone Supply', prefix: 'JSS', ppm: 82500, trade: 'HVAC' },
	{ name: 'Graybar', prefix: 'GBR', ppm: 82500, trade: 'Electrical' },
	{ name: 'Winsupply', prefix: 'WIN', ppm: 0, trade: 'Plumbing' },
	{ name: 'Carrier Enterprise', prefix: 'CAR', ppm: 82500, trade: 'HVAC' },
	{ name: 'Watsco', prefix: 'WAT', ppm: 82500, trade: 'HVAC' },
	{ name: 'Rexel', prefix: 'REX', ppm: 82500, trade: 'Electrical' },
	{ name: 'Hajoca', prefix: 'HAJ', ppm: 0, trade: 'Plumbing' },
	{ name: 'Lennox PartsPlus', prefix: 'LNX', ppm: 82500, trade: 'HVAC' },
	{ name: 'Consolidated Electrical Distributors', prefix: 'CED', ppm: 82500, trade: 'Electrical' },
];

const JOB_TYPES = {
	HVAC: [
		{ id: 101, name: 'AC Repair' },
		{ id: 102, name: 'AC Maintenance' },
		{ id: 103, name: 'System Install' },
	],
	Plumbing: [
		{ id: 201, name: 'Drain Cleaning' },
		{ id: 202, name: 'Water Heater' },
		{ id: 203, name: 'Leak Repair' },
	],
	Electrical: [
		{ id: 301, name: 'Panel Upgrade' },
		{ id: 302, name: 'Outlet Repair' },
		{ id: 303, name: 'Generator Install' },
	],
};

const TECHNICIANS = [
	{ id: 501, name: 'Mike Alvarez' },
	{ id: 502, name: 'Dana Whitfield' },
	{ id: 503, name: 'Luis Ortega' },
	{ id: 504, name: 'Priya Natarajan' },
	{ id: 505, name: 'Tom Becker' },
	{ id: 506, name: 'Keisha Brown' },
];

const USERS = ['jsmith', 'mlopez', 'kchen', 'office.admin'];

const FIRST_NAMES = [
	'James', 'Maria', 'Robert', 'Linda', 'Michael', 'Patricia', 'David', 'Jennifer', 'William', 'Elizabeth',
	'Carlos', 'Sofia', 'Daniel', 'Aisha', 'Thomas', 'Mei', 'Kevin', 'Laura', 'Brian', 'Nadia',
	'Steven', 'Olivia', 'Jose', 'Grace', 'Andrew', 'Fatima', 'Ryan', 'Hannah', 'Eric', 'Chloe',
];

const LAST_NAMES = [
	'Smith', 'Johnson', 'Garcia', 'Nguyen', 'Brown', 'Martinez', 'Davis', 'Lopez', 'Wilson', 'Anderson',
	'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris',
	'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
];

const COMPANY_NAMES = [
	'Riverside Apartments LLC', 'Hill Country Dental', 'Lone Star Property Management', 'Capitol Office Park',
	'Barton Creek Retail Center', 'Eastside Brewing Co', 'Mesa Logistics Inc', 'Summit Medical Group',
	'Oak Hollow HOA', 'Bluebonnet Elementary PTA', 'Pioneer Storage Partners', 'Greenway Fitness',
];

const STREETS = [
	'Oak St', 'Maple Ave', 'Congress Ave', 'Lamar Blvd', 'Burnet Rd', 'Cedar Ln', 'Elm St', 'Pine Dr',
	'Riverside Dr', 'Parkway Blvd', 'Willow Way', 'Sunset Rd', 'Lakeview Ct', 'Main St', 'Highland Ave',
	'Mesquite Trl', 'Canyon Rd', 'Birch Pl', 'Hickory Ln', 'Magnolia Dr',
];

module.exports = {
	BUSINESS_UNITS,
	TRADES,
	GL_ACCOUNTS,
	TAX_ZONES,
	PAYMENT_TYPES,
	SERVICES,
	MATERIALS,
	EQUIPMENT,
	VENDORS,
	JOB_TYPES,
	TECHNICIANS,
	USERS,
	FIRST_NAMES,
	LAST_NAMES,
	COMPANY_NAMES,
	STREETS,
};
