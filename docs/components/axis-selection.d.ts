// Types of axis-selection.js for the TypeScript tests.
import type { AxisSelection } from "./axis.js";
export declare function selectionYears(sheets: object[], index: object, territoire: object): number[];
export declare function initialSelection(years: number[], territoire: object): AxisSelection;
export declare function axisSelectionInput(options: { years: number[]; territoire: object }): HTMLElement;
export declare function writeAxisSelection(selection: AxisSelection, territoire: object): void;
