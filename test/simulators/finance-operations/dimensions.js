'use strict';
/**
 * Financial-dimension display strings (fact sheet A8): one string, segments in the order of the
 * active integration format, joined by the delimiter of DimensionParameters; a delimiter or
 * backslash inside a value is escaped with a backslash. Missing trailing segments are blank,
 * extra trailing segments are dropped, every non-blank value must exist and not be suspended.
 */

const DELIMITERS = /** @type {Record<string,string>} */ ({
	Hyphen: '-',
	Period: '.',
	Underscore: '_',
	Bar: '|',
	DoubleHyphen: '--',
	Tilde: '~',
	DoubleTilde: '~~',
});

/** @param {any} state */
function delimiterOf(state) {
	const p = [...state.tables.DimensionParameters.values()][0];
	return DELIMITERS[p.DimensionSegmentDelimiter] || '-';
}

/**
 * Segment names of the active format of a kind.
 * @param {any} state @param {'default'|'ledger'} kind
 * @returns {string[] | null} null when no format of that kind is active
 */
function activeSegments(state, kind) {
	const type = kind === 'ledger' ? 'DataEntityLedgerDimensionFormat' : 'DataEntityDefaultDimensionFormat';
	const f = [...state.tables.DimensionIntegrationFormats.values()].find((x) => x.DimensionFormatType === type && x.IsActive === 'Yes');
	return f ? f.FinancialDimensionFormat.split(/[^A-Za-z0-9]+/) : null;
}

/**
 * Split on unescaped delimiters and unescape.
 * @param {string} text @param {string} delim
 */
function splitSegments(text, delim) {
	const out = [];
	let cur = '';
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\' && i + 1 < text.length) {
			cur += text[++i];
			continue;
		}
		if (text.startsWith(delim, i)) {
			out.push(cur);
			cur = '';
			i += delim.length - 1;
			continue;
		}
		cur += text[i];
	}
	out.push(cur);
	return out;
}

/** @param {string} v @param {string} delim */
const escapeSegment = (v, delim) => v.replace(/\\/g, '\\\\').split(delim).join(`\\${delim}`);

/**
 * Validate and normalize a display value. Returns the stored string (every segment of the format,
 * blanks included) or the Infolog problems.
 * @param {any} state @param {string} text @param {{ kind: 'default'|'ledger', company: string, field: string }} o
 * @returns {{ ok: true, value: string } | { ok: false, problems: string[] }}
 */
function normalizeDisplayValue(state, text, o) {
	if (text === undefined || text === null || text === '') return { ok: true, value: '' };
	const segments = activeSegments(state, o.kind);
	if (!segments) return { ok: false, problems: [`Error: No active ${o.kind} dimension format is set up for integrating applications; '${o.field}' cannot be read.`] };
	const delim = delimiterOf(state);
	const values = splitSegments(String(text), delim).slice(0, segments.length);
	while (values.length < segments.length) values.push('');
	const problems = [];
	segments.forEach((name, i) => {
		const v = values[i];
		if (v === '') {
			if (name === 'MainAccount') problems.push(`Error: The main account must be filled in in '${o.field}' ('${text}').`);
			return;
		}
		if (name === 'MainAccount') {
			const acct = state.tables.MainAccounts.get(`shared\u0001${v.toLowerCase()}`);
			if (!acct) problems.push(`Error: Main account '${v}' does not exist (in '${o.field}': '${text}').`);
			return;
		}
		const dv = [...state.tables.FinancialDimensionValues.values()].find(
			(x) => x.FinancialDimension === name && x.DimensionValue.toLowerCase() === v.toLowerCase() && (x.LegalEntityId === '' || x.LegalEntityId.toLowerCase() === o.company),
		);
		if (!dv) problems.push(`Error: Value '${v}' for financial dimension '${name}' does not exist (in '${o.field}': '${text}'; format ${segments.join(delim)}).`);
		else if (dv.IsSuspended === 'Yes') problems.push(`Error: Value '${v}' for financial dimension '${name}' is suspended (in '${o.field}': '${text}').`);
	});
	if (problems.length) return { ok: false, problems };
	return { ok: true, value: values.map((v) => escapeSegment(v, delim)).join(delim) };
}

module.exports = { normalizeDisplayValue, splitSegments, escapeSegment, delimiterOf, activeSegments, DELIMITERS };
