// Types of the parts of indicators.js that Node-side code (tests, reports) reuses.
export declare const AXES: string[];
export declare const OBSERVATION_LABELS: Record<string, string>;
export declare const TRACKING_LABELS: Record<string, string>;
export declare function trendText(statut: string, sens?: string): HTMLElement;
export declare function statusBadge(statut: string, sens?: string | { sens_souhaite: string }): HTMLElement;
export declare function digitsFor(unite: string): number;
export declare function formatIndicator(value: number | null | undefined, unite: string, statut?: string): string;
export declare function formatWithStatus(value: number | null | undefined, unite: string, statut: string): string;
export declare function formatChange(from: number | null | undefined, to: number | null | undefined, unite: string): string;
export interface IndicatorRowJson { indicateur: string; niveau: string; code_geo: string; annee: number; valeur: number | null; statut: string }
export interface RowIndex {
  get(indicateur: string, niveau: string, code: string, annee: number): IndicatorRowJson | undefined;
  series(indicateur: string, niveau: string, code: string): IndicatorRowJson[];
  latest(indicateur: string, niveau: string, code: string): IndicatorRowJson | undefined;
  years(indicateur: string): number[];
}
export declare function indexRows(rows: IndicatorRowJson[]): RowIndex;
export declare function indexTracking(rows: object[]): (indicateur: string, niveau: string, code: string) => object | undefined;
