// Types of status-labels.js, for Node-side code (src/indicators/status.ts re-exports it).
export declare const TARGET_STATUSES: readonly string[];
export declare const TREND_STATUSES: readonly string[];
export declare const TARGET_LABELS: Record<"en_bonne_voie" | "a_surveiller" | "en_retard", string>;
export declare const WITHOUT_TARGET_LABEL: string;
export declare const TREND_LABELS: Record<"amelioration" | "stable" | "degradation" | "hausse" | "baisse", string>;
export declare const NOT_EVALUABLE_LABEL: string;
export declare const TRACKING_LABELS: Record<string, string>;
export declare function isTargetStatus(statut: string): boolean;
export declare function isTrendStatus(statut: string): boolean;
export declare function trendArrow(statut: string, sens?: string): string;
export declare function statusLabel(statut: string, sens?: string): string;
export type HeadlineCategory = "en_bonne_voie" | "a_surveiller" | "en_retard" | "sans_cible" | "non_evaluable";
export declare const HEADLINE_CATEGORIES: readonly HeadlineCategory[];
export declare function headlineCategory(row: { statut: string; cible_calculee?: number | null; type_cible?: string | null }): HeadlineCategory;
export declare function headlineCounts(rows: readonly { statut: string; cible_calculee?: number | null; type_cible?: string | null }[]): Record<HeadlineCategory, number>;
export declare function headlineWords(category: HeadlineCategory, n: number): string;
export declare function headlineLabel(category: HeadlineCategory, n: number): string;
