// Types of figure.js for the TypeScript tests.
export interface Axis { label?: null; domain?: number[]; ticks: number[]; tickFormat: (d: number) => string }
export declare function yearAxis(years: number[], width?: number): Axis;
export declare function valueAxis(values: (number | null)[], digits?: number, tickFormat?: (d: number) => string, count?: number, options?: { zero?: boolean }): Axis;
export declare function singleValues<P extends { annee: number }>(known: P[], options: { label: (p: P) => string; format: (p: P) => string }): HTMLElement | null;
export declare function seriesFigure(chart: object, options?: { width?: number; digits?: number }): HTMLElement;
export declare function downloadBar(options: { title: string; table?: HTMLTableElement; chart?: SVGSVGElement }): HTMLElement;
