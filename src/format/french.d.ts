export declare const UNKNOWN: string;
export declare const SECRET: string;
export declare function formatNumber(value: number | null | undefined, digits?: number): string;
export declare function formatPercent(value: number | null | undefined, digits?: number): string;
export declare function formatValue(value: number | null | undefined, statut: string, digits?: number): string;
export declare function formatUpTo(value: number | null | undefined, maxDigits: number): string;
export declare function plainSpaces(text: string): string;
export declare function formatDate(iso: string | null | undefined): string;
export declare function formatLongDate(iso: string | null | undefined): string;
