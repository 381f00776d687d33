// Types of measure.js for the TypeScript tests.
export interface Measure { mode: string; unit: string; shortLabel: string; note: string | null; value: (geo: object, v: number | null) => number | null; digits: (values: (number | null)[]) => number; format: (v: number | null, statut: string, digits: number) => string }
export declare const MODES: { id: string; label: string }[];
export declare function perCapitaApplies(sheet: object): boolean;
export declare function measureOf(sheet: object, mode: string, options: { referenceYear: number; baseOf: (geo: object) => number | null }): Measure;
