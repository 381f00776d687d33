// Loaded by every page (observablehq.config.ts head): any table of the site that its component did not give
// CSV and XLSX buttons (tables of the synthesis, the reports, the plan d'actions, the data page...) gets them
// once drawn, built by the same downloadBar of figure.js, its caption as title.
import {downloadBar} from "./figure.js";

function enhance() {
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
