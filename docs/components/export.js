// Take-away files of the site's tables, built in the browser from the table shown:
//   CSV for French Excel: ";" separator, UTF-8 with a byte-order mark (without it Excel reads Windows-1252 and
//   breaks the accents), decimal comma, CRLF, cells that Excel would run as formulas prefixed with "'".
//   XLSX: exceljs, imported from node_modules only when the visitor asks for the file (1 MB not loaded otherwise).
// The same functions are imported by the Node tests (no DOM needed for the CSV). What a spreadsheet makes of a
// cell (formulas, decimal comma, rounding) is the rule of every CSV of the product: ./spreadsheet.js.
import {escapeFormula, frenchNumber, roundNumber} from "./spreadsheet.js";

export {escapeFormula, frenchNumber};

/** A table as data: column labels and rows of numbers (null = unknown), or strings. */
export function tableModel(table) {
  const rows = [...table.querySelectorAll("tr")];
  const head = rows.filter((r) => r.parentElement?.tagName === "THEAD");
  const body = rows.filter((r) => r.parentElement?.tagName !== "THEAD");
  const cellsOf = (tr) => [...tr.children].filter((c) => c.tagName === "TD" || c.tagName === "TH");
  const columns = head.length ? cellsOf(head[head.length - 1]).map((c) => cleanText(c.textContent)) : [];
  return {
    columns,
    rows: body.map((tr) => cellsOf(tr).map((c) => ("value" in c.dataset ? rawValue(c.dataset.value, c.dataset.statut) : textValue(cleanText(c.textContent)))))
  };
}

/** A cell without a raw value: "12 345" or "-3,5" as a number; a code with a leading zero ("02691") and anything else as text. */
export function textValue(text) {
  if (/^-?0\d/.test(text)) return text;
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  return /^-?\d+(,\d+)?$/.test(compact) && /^-?\d{1,3}([\s\u00a0\u202f]\d{3})*(,\d+)?$|^-?\d+(,\d+)?$/.test(text) ? Number(compact.replace(",", ".")) : text;
}

/** The raw value of a cell: a number, or its status in words when unknown ("secret", "n.d."). */
function rawValue(value, statut) {
  if (value === "" || value === undefined) return statut === "secret" ? "secret" : "n.d.";
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

function cleanText(text) {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

function csvCell(v) {
  if (v === null || v === undefined) return "";
  const text = typeof v === "number" ? frenchNumber(v) : escapeFormula(String(v));
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text for French Excel, byte-order mark included. */
export function frenchCsv({columns, rows}) {
  const lines = [columns, ...rows].map((r) => r.map(csvCell).join(";"));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/** The XLSX bytes of a table: one sheet, bold header row, numbers as numbers. */
export async function xlsxBytes({columns, rows}, sheetName = "Données") {
  const {default: ExcelJS} = await import("exceljs/dist/exceljs.min.js");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Données");
  sheet.addRow(columns).font = {bold: true};
  // Numbers rounded as in the CSV (floating-point noise of ratios removed).
  for (const r of rows) sheet.addRow(r.map((v) => (v === null || v === undefined ? null : typeof v === "number" ? roundNumber(v) : v)));
  sheet.columns.forEach((c, i) => {
    c.width = Math.min(60, Math.max(10, ...[columns[i], ...rows.map((r) => r[i])].map((v) => String(v ?? "").length + 2)));
  });
  return workbook.xlsx.writeBuffer();
}

/** A file name from a title: "Emploi salarié (salariés)" -> "emploi-salarie-salaries". */
export function fileName(title) {
  return (
    String(title)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "donnees"
  );
}

const STYLE_PROPERTIES = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "opacity", "font-family", "font-size", "font-weight", "font-variant", "text-anchor", "paint-order", "stroke-linejoin", "visibility"];

/**
 * A standalone copy of a chart: computed colours inlined (the site's charts take them from CSS classes and
 * currentColor, which a file opened alone does not have), hatching patterns copied, background painted.
 */
export function standaloneSvg(svgElement) {
  const clone = svgElement.cloneNode(true);
  const source = [svgElement, ...svgElement.querySelectorAll("*")];
  const target = [clone, ...clone.querySelectorAll("*")];
  const patterns = new Set();
  source.forEach((el, i) => {
    const style = getComputedStyle(el);
    const out = target[i];
    for (const p of STYLE_PROPERTIES) {
      const v = style.getPropertyValue(p);
      if (v) out.style.setProperty(p, v);
      const ref = /url\("?#([^")]+)"?\)/.exec(v);
      if (ref) patterns.add(ref[1]);
    }
  });
  const ns = "http://www.w3.org/2000/svg";
  const defs = document.createElementNS(ns, "defs");
  for (const id of patterns) {
    const p = document.getElementById(id);
    if (p && !clone.querySelector(`[id="${id}"]`)) defs.append(standaloneSvgPart(p));
  }
  clone.prepend(defs);
  const {width, height} = svgElement.getBoundingClientRect();
  clone.setAttribute("xmlns", ns);
  clone.setAttribute("width", String(Math.round(width)));
  clone.setAttribute("height", String(Math.round(height)));
  if (!clone.getAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${Math.round(width)} ${Math.round(height)}`);
  const background = document.createElementNS(ns, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", getComputedStyle(document.body).backgroundColor || "#ffffff");
  clone.insertBefore(background, defs.nextSibling);
  return {text: new XMLSerializer().serializeToString(clone), width, height};
}

function standaloneSvgPart(element) {
  const clone = element.cloneNode(true);
  const source = [element, ...element.querySelectorAll("*")];
  const target = [clone, ...clone.querySelectorAll("*")];
  source.forEach((el, i) => {
    const style = getComputedStyle(el);
    for (const p of ["fill", "stroke", "stroke-width"]) target[i].style.setProperty(p, style.getPropertyValue(p));
  });
  return clone;
}

/** PNG bytes of a chart, at twice its size on screen (legible when pasted in a document). */
export async function pngBlob(svgElement) {
  const {text, width, height} = standaloneSvg(svgElement);
  const url = URL.createObjectURL(new Blob([text], {type: "image/svg+xml"}));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round(height * 2);
    const context = canvas.getContext("2d");
    context.scale(2, 2);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Hands a file to the browser's download. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
