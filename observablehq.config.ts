// Observable Framework configuration. The site makes no request to any other origin:
// no Google Fonts (globalStylesheets: []), every client library imported from node_modules.
import { existsSync } from "node:fs";
import { folderNature } from "./src/pipeline/manifest.ts";
import { reportPaths } from "./src/report/years.ts";

interface NavPage {
  name: string;
  path: string;
}
interface NavSection {
  name: string;
  open: boolean;
  pages: NavPage[];
}

/** The navigation lists only the pages that exist in docs/ (a page family can be added without touching this file). */
function existing<T extends NavPage | NavSection>(items: T[]): T[] {
  const exists = (p: string) => existsSync(`docs${p.endsWith("/") ? `${p}index` : p === "/" ? "/index" : p}.md`);
  return items
    .map((item) => ("pages" in item ? { ...item, pages: existing(item.pages) } : item))
    .filter((item) => ("pages" in item ? item.pages.length > 0 : exists(item.path)));
}

const dataDir = process.env.TI_DATA_DIR ?? "data";
const nature = folderNature(dataDir);

// After a refresh that succeeded for some sources only, the site mixes official and fictitious figures: the
// banner says so, and every chart's source line says whether its own source is demonstration data.
const banner =
  nature.demonstration.length === 0
    ? ""
    : nature.official.length === 0
      ? `<p class="ti-demo" role="note"><strong>Données de démonstration</strong> : les chiffres de ce site sont fictifs, générés pour montrer l'outil ; ce ne sont pas des statistiques officielles.</p>`
      : `<p class="ti-demo" role="note"><strong>Données en partie de démonstration</strong> : une partie des chiffres de ce site est fictive, générée pour montrer l'outil ; la ligne de source de chaque graphique dit si sa source est de démonstration, et la page « Données et sources » donne la liste.</p>`;

export default {
  root: "docs",
  output: process.env.TI_DIST ?? "dist",
  title: "Territoires d'industrie — suivi et évaluation",
  globalStylesheets: [],
  style: "style.css",
  search: false,
  toc: { label: "Sur cette page" },
  pager: false,
  // Annual reports: one page per year of the data folder (src/report/years.ts, cached by the folder's files).
  dynamicPaths: () => reportPaths(dataDir),
  pages: existing<NavPage | NavSection>([
    { name: "Synthèse", path: "/" },
    {
      name: "Les axes",
      open: true,
      pages: [
        { name: "Attirer", path: "/attirer" },
        { name: "Recruter", path: "/recruter" },
        { name: "Innover", path: "/innover" },
        { name: "Simplifier", path: "/simplifier" },
      ],
    },
    { name: "Comparer les EPCI", path: "/comparer" },
    { name: "Dynamique de l'emploi", path: "/dynamique-emploi" },
    { name: "Carte", path: "/carte" },
    { name: "Friches", path: "/friches" },
    { name: "Plan d'actions", path: "/plan-actions" },
    { name: "Rapports annuels", path: "/rapports/" },
    { name: "Fiches indicateurs", path: "/fiches" },
    { name: "Données et sources", path: "/donnees" },
    { name: "Obtenir les données officielles", path: "/donnees-officielles" },
  ]),
  head: `<meta name="description" content="Suivi et évaluation du contrat Territoire d'industrie : indicateurs des axes Attirer, Recruter, Innover, Simplifier.">`,
  header: banner,
  footer: `Outil libre de suivi des Territoires d'industrie. Sources : URSSAF, INSEE (Sirene), Cerema, DARES, France Travail, ministère de l'Éducation nationale ; licences indiquées sous chaque graphique.`,
};
