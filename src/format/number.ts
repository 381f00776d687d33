// One implementation of French number formatting, shared with the pages (docs/components/format.js).
export { formatLongDate, formatNumber, formatPercent, formatValue, UNKNOWN, SECRET } from "../../docs/components/format.js";
