import type { DimensionValue } from './documents';

/**
 * A business unit maps to a set of dimension values. A mapping target is either one value for the
 * default dimension ("HVAC") or a list of `CODE=VALUE` pairs ("DEPARTMENT=HVAC; AREA=NORTH"),
 * separated by `;` or `,`.
 */
export function parseDimensionTarget(target: string, defaultCode: string): DimensionValue[] {
	const parts = target
		.split(/[;,]/)
		.map((part) => part.trim())
		.filter(Boolean);
	if (!parts.some((part) => part.includes('='))) return [{ code: defaultCode.trim().toUpperCase(), value: target.trim() }];
	return parts.map((part) => {
		const [code, ...rest] = part.split('=');
		const value = rest.join('=').trim();
		if (!code.trim() || !value) {
			throw new Error(`"${part}" in the dimension mapping "${target}" is not CODE=VALUE (e.g. DEPARTMENT=HVAC; AREA=NORTH)`);
		}
		return { code: code.trim().toUpperCase(), value };
	});
}
