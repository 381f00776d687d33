// Types of the parts of indicators.js that Node-side code (tests, reports) reuses.
export declare const AXES: string[];
export declare const OBSERVATION_LABELS: Record<string, string>;
export declare const TRACKING_LABELS: Record<string, string>;
export declare function digitsFor(unite: string): number;
export declare function formatIndicator(value: number | null | undefined, unite: string, statut?: string): string;
export declare function formatWithStatus(value: number | null | undefined, unite: string, statut: string): string;
export declare function formatChange(from: number | null | undefined, to: number | null | undefined, unite: string): string;
