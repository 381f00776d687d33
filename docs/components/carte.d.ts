// Types of carte.js for the TypeScript tests.
export interface MapClass { index: number; colour: number; lower: number | null; upper: number | null; count: number }
export declare function thresholdClasses(values: (number | null)[], thresholds: number[]): { classes: MapClass[]; classOf: (v: number | null) => number | null };
export declare function isAdditive(sheet: { aggregation?: { kind: string } }): boolean;
export declare function mapScheme(sheet: { id: string; aggregation?: { kind: string } }, data: { valeur: number | null; statut: string }[]): { kind: "cercles" | "seuils" | "quantiles"; max?: number; classes: MapClass[]; classOf: (v: number | null) => number | null };
export declare function choropleth(options: { contours: object; data: object[]; sheet: object; annee: number; classes: MapClass[]; classOf: (v: number | null) => number | null; width: number; maxHeight?: number; scheme?: object; labels?: number }): { node: HTMLElement; alt: string; select: (code: string | null) => void };
export declare function legend(options: { classes: MapClass[]; data: object[]; sheet: object; map?: boolean; scheme?: object; radius?: (v: number) => number }): HTMLElement;
