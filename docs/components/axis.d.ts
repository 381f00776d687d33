// Types of axis.js for the TypeScript tests.
export declare function indicatorSection(sheet: object, options: { index: object; tracking: object; territoire: object; bassins: object[]; width: number; linkedActions?: (id: string) => HTMLElement | null }): HTMLElement;
