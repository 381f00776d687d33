// Observable Framework configuration. The site makes no request to any other origin:
// no Google Fonts (globalStylesheets: []), every client library imported from node_modules.
import { folderHasDemonstrationData } from "./src/pipeline/manifest.ts";

const dataDir = process.env.TI_DATA_DIR ?? "data";
const demonstration = folderHasDemonstrationData(dataDir);

const banner = demonstration
  ? `<p class="ti-demo" role="note"><strong>Données de démonstration</strong> : les chiffres de ce site sont fictifs, générés pour montrer l'outil ; ce ne sont pas des statistiques officielles.</p>`
  : "";

export default {
  root: "docs",
  output: process.env.TI_DIST ?? "dist",
  title: "Territoires d'industrie — suivi et évaluation",
  globalStylesheets: [],
  style: "style.css",
  search: false,
  toc: { label: "Sur cette page" },
  pager: false,
  pages: [
    { name: "Accueil", path: "/" },
    { name: "Obtenir les données officielles", path: "/donnees-officielles" },
  ],
  head: `<meta name="description" content="Suivi et évaluation du contrat Territoire d'industrie : indicateurs des axes Attirer, Recruter, Innover, Simplifier.">`,
  header: banner,
  footer: `Outil libre de suivi des Territoires d'industrie. Sources : URSSAF, INSEE (Sirene), Cerema, DARES, France Travail, ministère de l'Éducation nationale ; licences indiquées sous chaque graphique.`,
};
