// One implementation of French number formatting, shared with the pages (docs/components/format.js).
export { formatNumber, formatPercent, formatValue, UNKNOWN, SECRET } from "../../docs/components/format.js";
