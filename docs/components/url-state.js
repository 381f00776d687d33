// The current selection (EPCI, indicator, year...) lives in the URL query, so a view can be shared or bookmarked.

/** The value of a query parameter, if it is one of the allowed values. */
export function initialValue(key, allowed, fallback) {
  const v = new URLSearchParams(location.search).get(key);
  if (v === null) return fallback;
  const match = allowed.find((a) => String(a) === v);
  return match === undefined ? fallback : match;
}

/**
 * A list of allowed values from a comma-separated query parameter ("aucun" = the empty list); the fallback when the
 * parameter is absent or names none of the allowed values.
 */
export function initialList(key, allowed, fallback) {
  const v = new URLSearchParams(location.search).get(key);
  if (v === null) return fallback;
  if (v === "aucun") return [];
  const named = new Set(v.split(","));
  const list = allowed.filter((a) => named.has(String(a)));
  return list.length === 0 ? fallback : list;
}

/** Writes the selection to the URL without reloading or adding a history entry. */
export function writeSelection(values) {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === "") params.delete(k);
    else params.set(k, String(v));
  }
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}
