// Types of friches.js for the TypeScript tests.
export declare function frichesMap(options: { contours: object; territoire: object; friches: object; width: number; maxHeight?: number }): { node: HTMLElement; alt: string };
export declare function frichesLegend(friches: object): HTMLElement;
