// Types of comparer.js for the TypeScript tests.
export declare function isCount(sheet: object): boolean;
export declare function perThousand(value: number | null | undefined, population: number | null | undefined): number | null;
export declare function indexBase100(value: number | null | undefined, reference: number | null | undefined): number | null;
export declare function compareEpcis(idx: object, sheet: object, territoire: object, annee: number): { epcis: any[]; territoire: any };
export declare function barsFigure(options: { id: string; title: string; rows: any[]; value: (r: any) => number | null; format: (r: any) => string; unit: string; reference: object | null; alt: string; source: Node | null; width: number }): HTMLElement;
export declare function indexFigure(options: { idx: object; sheet: object; territoire: object; annee: number; years: number[]; width: number; source: Node | null }): HTMLElement;
