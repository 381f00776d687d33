// Loaded by every page (observablehq.config.ts head): any table of the site that its component did not give
// CSV and XLSX buttons (tables of the synthesis, the reports, the plan d'actions, the data page...) gets them
// once drawn, built by the same downloadBar of figure.js, its caption as title. It also names each cell's column.
import {downloadBar} from "./figure.js";

/** Each cell's column name in data-label: on a narrow screen, some tables show each row as a card (site.css). */
function label(table) {
  const head = table.tHead?.rows[table.tHead.rows.length - 1];
  if (!head) return;
  const names = [...head.cells].map((c) => c.textContent.replace(/\s+/g, " ").trim());
  for (const body of table.tBodies)
    for (const row of body.rows)
      [...row.cells].forEach((cell, i) => {
        if (cell.tagName === "TD" && !cell.dataset.label && names[i]) cell.dataset.label = names[i];
      });
}

function enhance() {
  for (const table of document.querySelectorAll("#observablehq-main table.ti-table")) label(table);
  for (const table of document.querySelectorAll("#observablehq-main table.ti-table:not([data-telechargement])")) {
    table.dataset.telechargement = "auto";
    const wrap = table.closest(".ti-table-wrap") ?? table;
    const title = table.caption?.textContent?.trim() || document.title.split(" | ")[0] || "tableau";
    wrap.after(downloadBar({title, table}));
  }
}

let pending = false;
const observer = new MutationObserver(() => {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    enhance();
  });
});
observer.observe(document.body ?? document.documentElement, {childList: true, subtree: true});
addEventListener("DOMContentLoaded", enhance);
