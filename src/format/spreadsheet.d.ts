export declare const FORMULA_START: RegExp;
export declare function escapeFormula(text: string): string;
export declare function roundNumber(x: number): number;
export declare function frenchNumber(n: number): string;
