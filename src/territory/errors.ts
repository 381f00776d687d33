// The error of a territory that cannot be configured: always a French message naming the file or the value.
export class TerritoryError extends Error {}
