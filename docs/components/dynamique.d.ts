// Types of dynamique.js for the TypeScript tests.
export declare function referencesFigure(d: object, indicateur: string, options: { width: number; titre: string; share?: boolean }): HTMLElement;
export declare function effectsFigure(d: object, year: number, options: { width: number }): HTMLElement;
