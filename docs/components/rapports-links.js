// Names shared by the report pages and the index of reports (no chart library: the index page stays light).

/** File name of a year's PDF, as `npm run ti -- report` writes it (src/cli/report.ts pdfFileName). */
export function pdfName(territoireId, annee) {
  return `rapport-${territoireId}-${annee}.pdf`;
}
