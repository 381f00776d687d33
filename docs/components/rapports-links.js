// Names shared by the report pages and the index of reports (no chart library: the index page stays light).

/** File name of a year's PDF, as `npm run ti -- report` writes it (src/cli/report.ts pdfFileName). */
export function pdfName(territoireId, annee) {
  return `rapport-${territoireId}-${annee}.pdf`;
}

/** Name of the list of printed PDFs beside the report pages: written empty by `npm run build`, filled by
 *  `npm run ti -- report` (src/cli/report.ts writePdfIndex), so that a « PDF » link is shown only when its file exists. */
export const PDF_INDEX = "pdf.json";

/** The PDF files present beside the report pages (an empty set when the list cannot be read). */
export async function availablePdfs() {
  try {
    const response = await fetch(`./${PDF_INDEX}`, {cache: "no-store"});
    if (!response.ok) return new Set();
    const list = await response.json();
    return new Set(Array.isArray(list.fichiers) ? list.fichiers : []);
  } catch {
    return new Set();
  }
}
