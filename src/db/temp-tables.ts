// Names of the temporary tables of one load: `<prefix>_<key>_<n>`, n counted per process, so that two loads on one
// connection (two files of a source) never share a table.
let loads = 0;

/** One name per key for this load. */
export function loadTables<K extends string>(prefix: string, keys: readonly K[]): Record<K, string> {
  const id = ++loads;
  return Object.fromEntries(keys.map((k) => [k, `${prefix}_${k}_${id}`])) as Record<K, string>;
}
