// Observable Framework configuration. The site makes no request to any other origin:
// no Google Fonts (globalStylesheets: []), every client library imported from node_modules.
import { existsSync } from "node:fs";
import { folderNature } from "./src/io/manifest.ts";
import { reportPaths } from "./src/site/report-years.ts";
import { AXES_SETS } from "./src/phases/axes.ts";
import { axesSetsOfDataDir, priorityPaths } from "./src/phases/site.ts";

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
// The axis pages of the contract phases: Attirer... (axes-2019) and the priorities (priorites-2023), from one template.
const axesSets = axesSetsOfDataDir(dataDir);

// After a refresh that succeeded for some sources only, the site mixes official and fictitious figures: the
// banner says so, and every chart's source line says whether its own source is demonstration data.
const banner =
  nature.demonstration.length === 0
    ? ""
    : nature.official.length === 0
      ? `<p class="ti-demo" role="note"><strong>Données de démonstration</strong> : les chiffres de ce site sont fictifs, générés pour montrer l'outil ; ce ne sont pas des statistiques officielles.</p>`
      : `<p class="ti-demo" role="note"><strong>Données en partie de démonstration</strong> : une partie des chiffres de ce site est fictive, générée pour montrer l'outil ; la ligne de source de chaque graphique dit si sa source est de démonstration, et la page « Données et sources » donne la liste.</p>`;

/** "./" from a page at the root, "../" from /rapports/2021: the header's form posts to a page of the site. */
function rootPrefix(pagePath: string): string {
  const depth = pagePath.split("/").length - 2;
  return depth <= 0 ? "./" : "../".repeat(depth);
}

// Every page: the commune search (a plain form, usable with the keyboard and without JavaScript: the profile
// page reads ?q=), the notice shown when JavaScript is off (the figures are drawn by it), the banner.
function siteHeader(pagePath: string): string {
  const search = `<form class="ti-recherche-commune" role="search" action="${rootPrefix(pagePath)}commune" method="get">
<label for="ti-recherche-commune">Rechercher une commune</label>
<input id="ti-recherche-commune" name="q" type="search" placeholder="Nom ou code INSEE" autocomplete="off" required minlength="2">
<button type="submit">Rechercher</button>
</form>`;
  const noscript = `<noscript><p class="ti-noscript" role="note"><strong>JavaScript est désactivé</strong> : les chiffres, graphiques et tableaux de ce site sont calculés dans le navigateur et ne s'affichent pas. Activez JavaScript, ou téléchargez les données sur la page « Données et sources » (fichiers CSV).</p></noscript>`;
  return `${search}\n${noscript}${banner ? `\n${banner}` : ""}`;
}

export default {
  root: "docs",
  output: process.env.TI_DIST ?? "dist",
  title: "Territoires d'industrie — suivi et évaluation",
  globalStylesheets: [],
  style: "style.css",
  search: false,
  toc: { label: "Sur cette page" },
  pager: false,
  // Annual reports: one page per year of the data folder (src/evaluation/report-years.ts, cached by the folder's files).
  // Priority pages: docs/priorites/[axe].md, one per priority of the 2023-2027 phase (src/phases/site.ts).
  dynamicPaths: async function* () {
    yield* priorityPaths(dataDir);
    yield* reportPaths(dataDir);
  },
  pages: existing<NavPage | NavSection>([
    { name: "Synthèse", path: "/" },
    ...(axesSets.includes("axes-2019")
      ? [{
          name: axesSets.length > 1 ? "Les axes 2019-2022" : "Les axes",
          open: true,
          pages: [
            { name: "Attirer", path: "/attirer" },
            { name: "Recruter", path: "/recruter" },
            { name: "Innover", path: "/innover" },
            { name: "Simplifier", path: "/simplifier" },
          ],
        }]
      : []),
  ]).concat(
    axesSets.includes("priorites-2023")
      ? [{ name: "Les priorités 2023-2027", open: true, pages: AXES_SETS["priorites-2023"].axes.map((a) => ({ name: a.court, path: a.path })) }]
      : [],
  ).concat(existing<NavPage | NavSection>([
    { name: "Comparer les EPCI", path: "/comparer" },
    { name: "Dynamique de l'emploi", path: "/dynamique-emploi" },
    { name: "Carte", path: "/carte" },
    { name: "Friches", path: "/friches" },
    { name: "Plan d'actions", path: "/plan-actions" },
    { name: "Rapports annuels", path: "/rapports/" },
    { name: "Fiches indicateurs", path: "/fiches" },
    { name: "Données et sources", path: "/donnees" },
    { name: "Obtenir les données officielles", path: "/donnees-officielles" },
    { name: "Glossaire", path: "/glossaire" },
  ])),
  head: `<meta name="description" content="Suivi et évaluation des contrats Territoires d'industrie : indicateurs des axes 2019-2022 (Attirer, Recruter, Innover, Simplifier) et des priorités 2023-2027.">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<script type="module" src="/components/telechargements.js"></script>`,
  header: ({ path }: { path: string }) => siteHeader(path),
  footer: `Outil libre de suivi des Territoires d'industrie. Sources : URSSAF, INSEE (Sirene), Cerema, DARES, France Travail, ministère de l'Éducation nationale ; licences indiquées sous chaque graphique.`,
};
