// Types of export.js for the TypeScript tests.
export type Cell = string | number | null;
export interface TableModel { columns: string[]; rows: Cell[][] }
export declare function tableModel(table: HTMLTableElement): TableModel;
export declare function textValue(text: string): string | number;
export declare function escapeFormula(text: string): string;
export declare function frenchNumber(n: number): string;
export declare function frenchCsv(model: TableModel): string;
export declare function fileName(title: string): string;
