export declare function changeOf(v0: number | null | undefined, v1: number | null | undefined, share: boolean): number | null;
export declare function signedChange(x: number | null | undefined, unit: "%" | "points"): string;
export declare function perThousand(value: number | null | undefined, population: number | null | undefined): number | null;
