// Types of commune.js for the TypeScript tests.
export interface CommuneRef { code: string; nom: string; population?: number; epci?: string }
export declare function normalizeName(text: string): string;
export declare function findCommunes<C extends CommuneRef>(communes: C[], query: string, limit?: number): C[];
