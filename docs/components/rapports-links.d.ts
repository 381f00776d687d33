export declare function pdfName(territoireId: string, annee: number): string;
export declare const PDF_INDEX: string;
export declare function availablePdfs(): Promise<Set<string>>;
