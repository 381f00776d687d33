// Types of axis.js for the TypeScript tests.
import type { Measure } from "./measure.js";
export interface AxisSelection { annee: number | null; epcis: string[] | null; mode: string }
export declare const DEFAULT_SELECTION: AxisSelection;
export declare function indicatorSection(sheet: object, options: { index: object; tracking: object; territoire: object; bassins: object[]; width: number; linkedActions?: (id: string) => HTMLElement | null; selection?: Partial<AxisSelection> }): HTMLElement;
export declare function panelsOf(sheet: object, geos: object[], measure: Measure): { id: string; titre: string | null; geos: object[] }[];
