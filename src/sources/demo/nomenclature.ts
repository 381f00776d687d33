// Nomenclatures used by the demonstration generator: NAF rév. 2 codes with their URSSAF
// aggregates, BMO métiers and families, bassins, vocational diplomas. These are labels,
// not figures; the weights beside them are invented to give plausible magnitudes.

export type GrandSecteur = "Industrie" | "Construction" | "Commerce" | "Services";

export interface ApeEntry {
  /** NAF rév. 2 code without the dot, as URSSAF writes it (`2511Z`). */
  code: string;
  label: string;
  /** NA17 (A17) aggregate code: its label comes from NA17_LABELS. */
  na17: string;
  /** NA38 (A38) aggregate code: its label comes from NA38_LABELS. */
  na38: string;
  /** Relative weight of the code in private salaried jobs (0 = absent from URSSAF, e.g. agriculture). */
  jobs: number;
  /** Typical number of salaried jobs per establishment. */
  size: number;
  /** Relative weight of the code in establishment creations (Sirene). */
  creations: number;
}

// prettier-ignore
export const APE: readonly ApeEntry[] = [
  // Industry: NAF divisions 05 to 39.
  { code: "0812Z", label: "Exploitation de gravières et sablières, extraction d'argiles et de kaolin", na17: "DE", na38: "BZ", jobs: 0.2, size: 10, creations: 1 },
  { code: "1011Z", label: "Transformation et conservation de la viande de boucherie", na17: "C1", na38: "CA", jobs: 0.6, size: 40, creations: 1 },
  { code: "1039A", label: "Autre transformation et conservation de légumes", na17: "C1", na38: "CA", jobs: 0.8, size: 60, creations: 1 },
  { code: "1051A", label: "Fabrication de lait liquide et de produits frais", na17: "C1", na38: "CA", jobs: 0.5, size: 80, creations: 0.5 },
  { code: "1071C", label: "Boulangerie et boulangerie-pâtisserie", na17: "C1", na38: "CA", jobs: 1.2, size: 4, creations: 15 },
  { code: "1081Z", label: "Fabrication de sucre", na17: "C1", na38: "CA", jobs: 1.5, size: 120, creations: 0.2 },
  { code: "1091Z", label: "Fabrication d'aliments pour animaux de ferme", na17: "C1", na38: "CA", jobs: 0.4, size: 30, creations: 0.3 },
  { code: "1392Z", label: "Fabrication d'articles textiles, sauf habillement", na17: "C5", na38: "CB", jobs: 0.4, size: 25, creations: 3 },
  { code: "1623Z", label: "Fabrication de charpentes et d'autres menuiseries", na17: "C5", na38: "CC", jobs: 0.5, size: 8, creations: 8 },
  { code: "1721A", label: "Fabrication de carton ondulé", na17: "C5", na38: "CC", jobs: 0.8, size: 70, creations: 0.3 },
  { code: "1812Z", label: "Autre imprimerie (labeur)", na17: "C5", na38: "CC", jobs: 0.4, size: 8, creations: 5 },
  { code: "2016Z", label: "Fabrication de matières plastiques de base", na17: "C5", na38: "CE", jobs: 0.8, size: 90, creations: 0.3 },
  { code: "2059Z", label: "Fabrication d'autres produits chimiques n.c.a.", na17: "C5", na38: "CE", jobs: 0.8, size: 50, creations: 0.5 },
  { code: "2120Z", label: "Fabrication de préparations pharmaceutiques", na17: "C5", na38: "CF", jobs: 1.0, size: 150, creations: 0.2 },
  { code: "2222Z", label: "Fabrication d'emballages en matières plastiques", na17: "C5", na38: "CG", jobs: 1.0, size: 50, creations: 1 },
  { code: "2229A", label: "Fabrication de pièces techniques à base de matières plastiques", na17: "C5", na38: "CG", jobs: 0.9, size: 40, creations: 1 },
  { code: "2313Z", label: "Fabrication de verre creux", na17: "C5", na38: "CG", jobs: 0.7, size: 150, creations: 0.2 },
  { code: "2361Z", label: "Fabrication d'éléments en béton pour la construction", na17: "C5", na38: "CG", jobs: 0.4, size: 25, creations: 1 },
  { code: "2511Z", label: "Fabrication de structures métalliques et de parties de structures", na17: "C5", na38: "CH", jobs: 1.3, size: 20, creations: 6 },
  { code: "2562B", label: "Mécanique industrielle", na17: "C5", na38: "CH", jobs: 1.4, size: 10, creations: 10 },
  { code: "2573B", label: "Fabrication d'autres outillages", na17: "C5", na38: "CH", jobs: 0.4, size: 12, creations: 1 },
  { code: "2599B", label: "Fabrication d'autres articles métalliques", na17: "C5", na38: "CH", jobs: 0.6, size: 20, creations: 4 },
  { code: "2712Z", label: "Fabrication de matériel de distribution et de commande électrique", na17: "C3", na38: "CJ", jobs: 0.8, size: 80, creations: 0.5 },
  { code: "2751Z", label: "Fabrication d'appareils électroménagers", na17: "C3", na38: "CJ", jobs: 0.7, size: 200, creations: 0.2 },
  { code: "2822Z", label: "Fabrication de matériel de levage et de manutention", na17: "C3", na38: "CK", jobs: 0.6, size: 60, creations: 0.5 },
  { code: "2830Z", label: "Fabrication de machines agricoles et forestières", na17: "C3", na38: "CK", jobs: 0.6, size: 50, creations: 0.5 },
  { code: "2932Z", label: "Fabrication d'autres équipements automobiles", na17: "C4", na38: "CL", jobs: 1.0, size: 100, creations: 0.3 },
  { code: "3020Z", label: "Construction de locomotives et d'autre matériel ferroviaire roulant", na17: "C4", na38: "CL", jobs: 1.0, size: 150, creations: 0.2 },
  { code: "3312Z", label: "Réparation de machines et équipements mécaniques", na17: "C5", na38: "CM", jobs: 0.8, size: 8, creations: 15 },
  { code: "3511Z", label: "Production d'électricité", na17: "DE", na38: "DZ", jobs: 0.2, size: 10, creations: 4 },
  { code: "3600Z", label: "Captage, traitement et distribution d'eau", na17: "DE", na38: "EZ", jobs: 0.3, size: 15, creations: 0.3 },
  { code: "3811Z", label: "Collecte des déchets non dangereux", na17: "DE", na38: "EZ", jobs: 0.5, size: 25, creations: 2 },
  // Agriculture: in Sirene, not in the URSSAF private-sector file (farm workers are covered by the MSA).
  { code: "0111Z", label: "Culture de céréales (à l'exception du riz), de légumineuses et de graines oléagineuses", na17: "AZ", na38: "AZ", jobs: 0, size: 1, creations: 60 },
  // Construction.
  { code: "4120A", label: "Construction de maisons individuelles", na17: "FZ", na38: "FZ", jobs: 1.5, size: 8, creations: 20 },
  { code: "4321A", label: "Travaux d'installation électrique dans tous locaux", na17: "FZ", na38: "FZ", jobs: 2.5, size: 6, creations: 35 },
  { code: "4322A", label: "Travaux d'installation d'eau et de gaz en tous locaux", na17: "FZ", na38: "FZ", jobs: 2.0, size: 5, creations: 30 },
  { code: "4399C", label: "Travaux de maçonnerie générale et gros œuvre de bâtiment", na17: "FZ", na38: "FZ", jobs: 2.5, size: 6, creations: 45 },
  // Trade.
  { code: "4511Z", label: "Commerce de voitures et de véhicules automobiles légers", na17: "GZ", na38: "GZ", jobs: 2.0, size: 10, creations: 20 },
  { code: "4520A", label: "Entretien et réparation de véhicules automobiles légers", na17: "GZ", na38: "GZ", jobs: 1.8, size: 4, creations: 20 },
  { code: "4621Z", label: "Commerce de gros (commerce interentreprises) de céréales, de tabac non manufacturé, de semences et d'aliments pour le bétail", na17: "GZ", na38: "GZ", jobs: 1.5, size: 15, creations: 5 },
  { code: "4690Z", label: "Commerce de gros (commerce interentreprises) non spécialisé", na17: "GZ", na38: "GZ", jobs: 1.2, size: 10, creations: 10 },
  { code: "4711D", label: "Supermarchés", na17: "GZ", na38: "GZ", jobs: 5.0, size: 35, creations: 3 },
  { code: "4711F", label: "Hypermarchés", na17: "GZ", na38: "GZ", jobs: 3.5, size: 150, creations: 1 },
  { code: "4773Z", label: "Commerce de détail de produits pharmaceutiques en magasin spécialisé", na17: "GZ", na38: "GZ", jobs: 1.2, size: 6, creations: 3 },
  { code: "4791B", label: "Vente à distance sur catalogue spécialisé", na17: "GZ", na38: "GZ", jobs: 0, size: 1, creations: 80 },
  // Services.
  { code: "4932Z", label: "Transports de voyageurs par taxis", na17: "HZ", na38: "HZ", jobs: 0, size: 1, creations: 25 },
  { code: "4941A", label: "Transports routiers de fret interurbains", na17: "HZ", na38: "HZ", jobs: 4.0, size: 25, creations: 20 },
  { code: "5210B", label: "Entreposage et stockage non frigorifique", na17: "HZ", na38: "HZ", jobs: 3.5, size: 60, creations: 3 },
  { code: "5320Z", label: "Autres activités de poste et de courrier", na17: "HZ", na38: "HZ", jobs: 0, size: 1, creations: 70 },
  { code: "5610A", label: "Restauration traditionnelle", na17: "IZ", na38: "IZ", jobs: 3.0, size: 5, creations: 40 },
  { code: "5610C", label: "Restauration de type rapide", na17: "IZ", na38: "IZ", jobs: 2.0, size: 6, creations: 50 },
  { code: "6419Z", label: "Autres intermédiations monétaires", na17: "KZ", na38: "KZ", jobs: 2.0, size: 10, creations: 8 },
  { code: "6820B", label: "Location de terrains et d'autres biens immobiliers", na17: "LZ", na38: "LZ", jobs: 0, size: 1, creations: 70 },
  { code: "6920Z", label: "Activités comptables", na17: "MN", na38: "MA", jobs: 1.5, size: 8, creations: 10 },
  { code: "7022Z", label: "Conseil pour les affaires et autres conseils de gestion", na17: "MN", na38: "MA", jobs: 1.0, size: 3, creations: 70 },
  { code: "7820Z", label: "Activités des agences de travail temporaire", na17: "MN", na38: "NZ", jobs: 6.0, size: 40, creations: 3 },
  { code: "8121Z", label: "Nettoyage courant des bâtiments", na17: "MN", na38: "NZ", jobs: 4.0, size: 30, creations: 30 },
  { code: "8553Z", label: "Enseignement de la conduite", na17: "OQ", na38: "PZ", jobs: 0.5, size: 4, creations: 10 },
  { code: "8610Z", label: "Activités hospitalières", na17: "OQ", na38: "QA", jobs: 5.0, size: 150, creations: 2 },
  { code: "8710A", label: "Hébergement médicalisé pour personnes âgées", na17: "OQ", na38: "QB", jobs: 4.0, size: 50, creations: 2 },
  { code: "8810A", label: "Aide à domicile", na17: "OQ", na38: "QB", jobs: 5.0, size: 40, creations: 20 },
  { code: "9499Z", label: "Autres organisations fonctionnant par adhésion volontaire", na17: "RU", na38: "SZ", jobs: 3.0, size: 5, creations: 40 },
  { code: "9602A", label: "Coiffure", na17: "RU", na38: "SZ", jobs: 1.5, size: 3, creations: 30 },
  { code: "9609Z", label: "Autres services personnels n.c.a.", na17: "RU", na38: "SZ", jobs: 0, size: 1, creations: 60 },
];

export const NA17_LABELS: Readonly<Record<string, string>> = {
  AZ: "Agriculture, sylviculture et pêche",
  C1: "Fabrication de denrées alimentaires, de boissons et de produits à base de tabac",
  C3: "Fabrication d'équipements électriques, électroniques, informatiques ; fabrication de machines",
  C4: "Fabrication de matériels de transport",
  C5: "Fabrication d'autres produits industriels",
  DE: "Industries extractives, énergie, eau, gestion des déchets et dépollution",
  FZ: "Construction",
  GZ: "Commerce ; réparation d'automobiles et de motocycles",
  HZ: "Transports et entreposage",
  IZ: "Hébergement et restauration",
  KZ: "Activités financières et d'assurance",
  LZ: "Activités immobilières",
  MN: "Activités scientifiques et techniques ; services administratifs et de soutien",
  OQ: "Administration publique, enseignement, santé humaine et action sociale",
  RU: "Autres activités de services",
};

/** NA38 labels: the product's own list (src/geography/naf-a38-labels.ts), as URSSAF writes them after the code. */
export { NA38_LABELS } from "../../geography/naf-a38-labels.ts";

/** NA88 = NAF division: label by two-digit code. */
export const NA88_LABELS: Readonly<Record<string, string>> = {
  "01": "Culture et production animale, chasse et services annexes",
  "08": "Autres industries extractives",
  "10": "Industries alimentaires",
  "13": "Fabrication de textiles",
  "16": "Travail du bois et fabrication d'articles en bois et en liège, à l'exception des meubles ; fabrication d'articles en vannerie et sparterie",
  "17": "Industrie du papier et du carton",
  "18": "Imprimerie et reproduction d'enregistrements",
  "20": "Industrie chimique",
  "21": "Industrie pharmaceutique",
  "22": "Fabrication de produits en caoutchouc et en plastique",
  "23": "Fabrication d'autres produits minéraux non métalliques",
  "25": "Fabrication de produits métalliques, à l'exception des machines et des équipements",
  "27": "Fabrication d'équipements électriques",
  "28": "Fabrication de machines et équipements n.c.a.",
  "29": "Industrie automobile",
  "30": "Fabrication d'autres matériels de transport",
  "33": "Réparation et installation de machines et d'équipements",
  "35": "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
  "36": "Captage, traitement et distribution d'eau",
  "38": "Collecte, traitement et élimination des déchets ; récupération",
  "41": "Construction de bâtiments",
  "43": "Travaux de construction spécialisés",
  "45": "Commerce et réparation d'automobiles et de motocycles",
  "46": "Commerce de gros, à l'exception des automobiles et des motocycles",
  "47": "Commerce de détail, à l'exception des automobiles et des motocycles",
  "49": "Transports terrestres et transport par conduites",
  "52": "Entreposage et services auxiliaires des transports",
  "53": "Activités de poste et de courrier",
  "56": "Restauration",
  "64": "Activités des services financiers, hors assurance et caisses de retraite",
  "68": "Activités immobilières",
  "69": "Activités juridiques et comptables",
  "70": "Activités des sièges sociaux ; conseil de gestion",
  "78": "Activités liées à l'emploi",
  "81": "Services relatifs aux bâtiments et aménagement paysager",
  "85": "Enseignement",
  "86": "Activités pour la santé humaine",
  "87": "Hébergement médico-social et social",
  "88": "Action sociale sans hébergement",
  "94": "Activités des organisations associatives",
  "96": "Autres services personnels",
};

export function division(code: string): number {
  return Number(code.slice(0, 2));
}

/** Industry in INSEE's aggregate BE: NAF divisions 05 to 39. */
export function isIndustry(code: string): boolean {
  const d = division(code);
  return d >= 5 && d <= 39;
}

export function grandSecteur(code: string): GrandSecteur {
  const d = division(code);
  if (d >= 5 && d <= 39) return "Industrie";
  if (d >= 41 && d <= 43) return "Construction";
  if (d >= 45 && d <= 47) return "Commerce";
  return "Services";
}

/** `2511Z` -> `25.11Z` (Sirene writes the dot). */
export function dotted(code: string): string {
  return `${code.slice(0, 2)}.${code.slice(2)}`;
}

/** Activity codes of the former NAF rév. 1 (2003) and NAF 1993 (same shape), found on establishments closed before 2008. */
export const NAF_V1_CODES: readonly string[] = ["28.5D", "52.1D", "15.8C", "45.2A", "74.1G", "29.5M", "51.2A"];

/** Activity codes of the NAP (1973-1992), as the Sirene stock writes them (`22.02`), on establishments closed before 1993. */
export const NAP_CODES: readonly string[] = ["22.02", "79.06", "64.42"];

// ---------------------------------------------------------------------------------------------
// BMO (France Travail) métiers: codes and labels of the 2024 nomenclature (FAP), a subset.

export const BMO_FAMILIES: Readonly<Record<string, string>> = {
  A: "Fonctions administratives",
  C: "Fonctions d'encadrement",
  I: "Ouvriers des secteurs de l'industrie",
  O: "Ouvriers de la construction et du bâtiment",
  S: "Fonctions sociales et médico-sociales",
  T: "Autres techniciens et employés",
  V: "Fonctions liées à la vente, au tourisme et aux services",
  Z: "Autres métiers",
};

export interface Metier {
  code: string;
  label: string;
  family: string;
  /** Relative weight in recruitment projects. */
  weight: number;
  /** Share of seasonal projects. */
  seasonal: number;
  /** Multiplier of the yearly share of projects judged difficult. */
  difficulty: number;
  /** Agricultural métier: heavier in rural bassins. */
  farm?: boolean;
}

// prettier-ignore
export const METIERS: readonly Metier[] = [
  { code: "A0X40", label: "Agriculteurs", family: "Z", weight: 3, seasonal: 0.8, difficulty: 0.9, farm: true },
  { code: "A0X43", label: "Conducteurs d'engins agricoles ou forestiers", family: "Z", weight: 2, seasonal: 0.7, difficulty: 1.1, farm: true },
  { code: "A1X40", label: "Maraîchers et horticulteurs", family: "Z", weight: 4, seasonal: 0.9, difficulty: 0.8, farm: true },
  { code: "A1X41", label: "Jardiniers des espaces verts et naturels", family: "Z", weight: 2, seasonal: 0.5, difficulty: 1.0 },
  { code: "A1X42", label: "Viticulteurs, arboriculteurs", family: "Z", weight: 4, seasonal: 0.95, difficulty: 0.7, farm: true },
  { code: "B0X30", label: "Ouvriers peu qualifiés de l'extraction et des travaux publics", family: "O", weight: 1.5, seasonal: 0.1, difficulty: 1.2 },
  { code: "B1X30", label: "Maçons peu qualifiés", family: "O", weight: 1.2, seasonal: 0.1, difficulty: 1.2 },
  { code: "B1X31", label: "Maçons qualifiés", family: "O", weight: 1.5, seasonal: 0.05, difficulty: 1.4 },
  { code: "B1X34", label: "Couvreurs", family: "O", weight: 0.6, seasonal: 0.05, difficulty: 1.5 },
  { code: "B2X32", label: "Ouvriers en électricité du bâtiment", family: "O", weight: 1.2, seasonal: 0.05, difficulty: 1.4 },
  { code: "B2X33", label: "Plombiers chauffagistes", family: "O", weight: 1.2, seasonal: 0.05, difficulty: 1.5 },
  { code: "B2X36", label: "Ouvriers en peinture en bâtiment", family: "O", weight: 0.8, seasonal: 0.1, difficulty: 1.2 },
  { code: "B2X38", label: "Ouvriers qualifiés en menuiserie et en agencement du BTP", family: "O", weight: 0.7, seasonal: 0.05, difficulty: 1.4 },
  { code: "B5X40", label: "Conducteurs d'engins du bâtiment et des travaux publics", family: "O", weight: 0.5, seasonal: 0.1, difficulty: 1.3 },
  { code: "B6X74", label: "Conducteurs de travaux et chefs de chantier non cadres", family: "T", weight: 0.4, seasonal: 0.02, difficulty: 1.4 },
  { code: "C0X30", label: "Ouvriers de l'électricité et de l'électronique", family: "I", weight: 0.5, seasonal: 0.05, difficulty: 1.1 },
  { code: "C2X70", label: "Techniciens, agents de maîtrise et assimilés en électricité et en électronique", family: "T", weight: 0.3, seasonal: 0.02, difficulty: 1.3 },
  { code: "D0X30", label: "Ouvriers peu qualifiés en conduite d'équipement d'usinage", family: "I", weight: 0.8, seasonal: 0.05, difficulty: 1.0 },
  { code: "D0X31", label: "Ouvriers qualifiés en conduite d'équipement d'usinage", family: "I", weight: 0.6, seasonal: 0.03, difficulty: 1.4 },
  { code: "D1X30", label: "Ouvriers en chaudronnerie et tôlerie", family: "I", weight: 0.5, seasonal: 0.03, difficulty: 1.5 },
  { code: "D1X33", label: "Soudeurs", family: "I", weight: 0.6, seasonal: 0.03, difficulty: 1.5 },
  { code: "D2X30", label: "Ouvriers peu qualifiés en ajustement, montage et assemblage mécanique", family: "I", weight: 1.0, seasonal: 0.1, difficulty: 1.0 },
  { code: "D2X31", label: "Ouvriers qualifiés en ajustement, montage et assemblage mécanique", family: "I", weight: 0.7, seasonal: 0.05, difficulty: 1.3 },
  { code: "D6X80", label: "Agents de maîtrise et assimilés en fabrication mécanique", family: "T", weight: 0.2, seasonal: 0.02, difficulty: 1.3 },
  { code: "E1X30", label: "Ouvriers de l'industrie verrière, céramique et matériaux de construction", family: "I", weight: 0.3, seasonal: 0.05, difficulty: 1.1 },
  { code: "E2X20", label: "Ouvriers peu qualifiés des industries chimiques et plastiques", family: "I", weight: 1.0, seasonal: 0.15, difficulty: 0.9 },
  { code: "E2X40", label: "Ouvriers qualifiés des industries chimiques et plastiques", family: "I", weight: 0.5, seasonal: 0.05, difficulty: 1.2 },
  { code: "E3X20", label: "Ouviers peu qualifiés des industries agro-alimentaires", family: "I", weight: 3.5, seasonal: 0.6, difficulty: 0.8 },
  { code: "E3X40", label: "Ouviers qualifiés des industries agro-alimentaires", family: "I", weight: 1.2, seasonal: 0.4, difficulty: 1.0 },
  { code: "E4X32", label: "Ouvriers du conditionnement, du tri et de l'emballage", family: "I", weight: 2.5, seasonal: 0.4, difficulty: 0.7 },
  { code: "E5X80", label: "Agents de maitrise et assimilés des industries de process", family: "T", weight: 0.2, seasonal: 0.02, difficulty: 1.2 },
  { code: "G0A40", label: "Ouvriers de la maintenance générale et mécanique", family: "I", weight: 0.9, seasonal: 0.05, difficulty: 1.4 },
  { code: "G0A43", label: "Ouvriers polyvalents d'entretien du bâtiment", family: "I", weight: 0.8, seasonal: 0.1, difficulty: 1.0 },
  { code: "G0B41", label: "Ouvriers mécaniciens de véhicules", family: "I", weight: 0.8, seasonal: 0.05, difficulty: 1.5 },
  { code: "G1X72", label: "Techniciens et agents de maîtrise en maintenance générale et mécanique industrielle", family: "T", weight: 0.8, seasonal: 0.02, difficulty: 1.5 },
  { code: "G1X77", label: "Techniciens et agents de maîtrise en maintenance électrique, électronique et automatismes", family: "T", weight: 0.4, seasonal: 0.02, difficulty: 1.5 },
  { code: "H0X40", label: "Ouvriers qualifiés du contrôle qualité et de laboratoire", family: "I", weight: 0.3, seasonal: 0.1, difficulty: 1.0 },
  { code: "H0X90", label: "Techniciens du contrôle qualité", family: "T", weight: 0.3, seasonal: 0.05, difficulty: 1.2 },
  { code: "H0X92", label: "Techniciens et agents de maîtrise de la logistique, du planning, de l'ordonnancement et méthodes en industrialisation", family: "T", weight: 0.4, seasonal: 0.05, difficulty: 1.1 },
  { code: "H1X90", label: "Ingénieurs et cadres de fabrication et de la production", family: "T", weight: 0.3, seasonal: 0.01, difficulty: 1.3 },
  { code: "J0X30", label: "Manutentionnaires et déménageurs peu qualifiés", family: "Z", weight: 2.5, seasonal: 0.3, difficulty: 0.7 },
  { code: "J0X32", label: "Conducteurs d’engins légers de déplacement de charges, cariste", family: "Z", weight: 1.0, seasonal: 0.15, difficulty: 0.9 },
  { code: "J0X33", label: "Magasiniers et préparateurs de commandes peu qualifiés", family: "Z", weight: 2.0, seasonal: 0.25, difficulty: 0.7 },
  { code: "J3X41", label: "Conducteurs de transport en commun sur route", family: "Z", weight: 0.6, seasonal: 0.1, difficulty: 1.5 },
  { code: "J3X42", label: "Conducteurs et livreurs sur courte distance (hors distribution de documents)", family: "Z", weight: 1.2, seasonal: 0.15, difficulty: 1.1 },
  { code: "J3X43", label: "Conducteurs routiers", family: "Z", weight: 2.0, seasonal: 0.1, difficulty: 1.4 },
  { code: "L0X60", label: "Secrétaires bureautiques et assimilés", family: "A", weight: 0.8, seasonal: 0.05, difficulty: 0.7 },
  { code: "L1X60", label: "Employés de la comptabilité", family: "A", weight: 0.5, seasonal: 0.03, difficulty: 0.9 },
  { code: "L2X60", label: "Agents d'accueil et d'information", family: "A", weight: 0.6, seasonal: 0.2, difficulty: 0.6 },
  { code: "L2X61", label: "Agents administratifs", family: "A", weight: 0.8, seasonal: 0.1, difficulty: 0.6 },
  { code: "L5X90", label: "Cadres administratifs, comptables et financiers (hors juristes)", family: "C", weight: 0.4, seasonal: 0.01, difficulty: 1.1 },
  { code: "R0X60", label: "Employés de libre service", family: "V", weight: 2.5, seasonal: 0.3, difficulty: 0.7 },
  { code: "R0X61", label: "Caissiers", family: "V", weight: 1.5, seasonal: 0.3, difficulty: 0.6 },
  { code: "R1X60", label: "Vendeurs en produits alimentaires", family: "V", weight: 1.5, seasonal: 0.25, difficulty: 1.0 },
  { code: "R1X62", label: "Vendeurs en habillement et accessoires, articles de luxe, de sport, de loisirs et culturels", family: "V", weight: 1.0, seasonal: 0.3, difficulty: 0.7 },
  { code: "R2X80", label: "Attachés commerciaux", family: "V", weight: 0.8, seasonal: 0.03, difficulty: 1.1 },
  { code: "R4X91", label: "Technico-commerciaux", family: "C", weight: 0.5, seasonal: 0.02, difficulty: 1.3 },
  { code: "S0X42", label: "Boulangers, pâtissiers", family: "V", weight: 0.8, seasonal: 0.1, difficulty: 1.4 },
  { code: "S1X20", label: "Aides de cuisine et employés polyvalents de la restauration", family: "V", weight: 3.0, seasonal: 0.5, difficulty: 1.0 },
  { code: "S1X40", label: "Cuisiniers", family: "V", weight: 2.0, seasonal: 0.4, difficulty: 1.4 },
  { code: "S2X61", label: "Serveurs de cafés restaurants", family: "V", weight: 3.0, seasonal: 0.6, difficulty: 1.2 },
  { code: "T0X60", label: "Coiffeurs, esthéticiens", family: "V", weight: 0.6, seasonal: 0.05, difficulty: 1.2 },
  { code: "T2A60", label: "Aides à domicile et auxiliaires de vie", family: "V", weight: 4.0, seasonal: 0.15, difficulty: 1.4 },
  { code: "T3X61", label: "Agents de sécurité et de surveillance", family: "V", weight: 0.8, seasonal: 0.3, difficulty: 0.9 },
  { code: "T4X60", label: "Agents d'entretien de locaux", family: "V", weight: 5.0, seasonal: 0.3, difficulty: 0.9 },
  { code: "T4X61", label: "Agents de service hospitaliers", family: "V", weight: 1.5, seasonal: 0.15, difficulty: 1.0 },
  { code: "V0X60", label: "Aides-soignants", family: "S", weight: 3.0, seasonal: 0.15, difficulty: 1.4 },
  { code: "V1X80", label: "Infirmiers et sages-femmes", family: "S", weight: 1.5, seasonal: 0.1, difficulty: 1.5 },
  { code: "V2X90", label: "Médecins", family: "C", weight: 0.3, seasonal: 0.02, difficulty: 1.6 },
  { code: "V4X83", label: "Educateurs spécialisés et autres intervenants socio-éducatifs", family: "S", weight: 1.0, seasonal: 0.1, difficulty: 1.3 },
  { code: "V4X85", label: "Professionnels de l'action sociale", family: "S", weight: 0.6, seasonal: 0.05, difficulty: 1.1 },
  { code: "V5X81", label: "Professionnels de l'animation socioculturelle", family: "S", weight: 3.0, seasonal: 0.7, difficulty: 0.8 },
  { code: "V5X82", label: "Sportifs et animateurs sportifs", family: "S", weight: 0.8, seasonal: 0.5, difficulty: 0.9 },
  { code: "W0X90", label: "Professeurs du secondaire", family: "C", weight: 0.6, seasonal: 0.05, difficulty: 0.8 },
  { code: "W1X80", label: "Formateurs", family: "S", weight: 0.4, seasonal: 0.05, difficulty: 0.9 },
];

export interface Bassin {
  code: number;
  name: string;
  departement: string;
  /** Recruitment projects of the bassin in 2023 (invented order of magnitude). */
  projects2023: number;
  /** Weight multiplier of agricultural métiers. */
  farm: number;
}

/** BMO bassins d'emploi of Aisne and Somme (codes and names as in the 2024 file). */
export const BMO_BASSINS: readonly Bassin[] = [
  { code: 3202, name: "AMIENS", departement: "80", projects2023: 13000, farm: 0.6 },
  { code: 3203, name: "SANTERRE SOMME", departement: "80", projects2023: 5000, farm: 3.5 },
  { code: 3204, name: "SAINT QUENTIN", departement: "02", projects2023: 3400, farm: 1.2 },
  { code: 3205, name: "CHAUNY", departement: "02", projects2023: 1200, farm: 1.0 },
  { code: 3207, name: "SOISSONS", departement: "02", projects2023: 2600, farm: 1.5 },
  { code: 3212, name: "LAON", departement: "02", projects2023: 2800, farm: 1.5 },
];

// ---------------------------------------------------------------------------------------------
// Vocational diplomas (MEF labels as the Ministry of Education writes them, upper case, no accents).

export interface Formation {
  /** Five digits of the speciality inside the 11-digit MEF code. */
  speciality: string;
  /** Label suffix, optionally replaced from a given rentrée (renovated diplomas). */
  label: string;
  renamed?: { from: number; label: string };
  /** Share of girls. */
  girls: number;
  /** CAP (two years) instead of bac pro (three years). */
  cap?: boolean;
  /** Industrial speciality: taught in the schools with an industrial profile. */
  industry: boolean;
}

// prettier-ignore
export const FORMATIONS: readonly Formation[] = [
  { speciality: "25003", label: "MAINTENANCE DES EQUIPEMENTS INDUSTRIELS", renamed: { from: 2019, label: "MAINTENANCE DES SYSTEMES DE PRODUCTION CONNECTES" }, girls: 0.04, industry: true },
  { speciality: "25510", label: "ELECTROTECHNIQUE ENERGIE EQUIPEMENTS COMMUNICANTS", renamed: { from: 2020, label: "METIERS DE L'ELECTRICITE ET DE SES ENVIRONNEMENTS CONNECTES" }, girls: 0.05, industry: true },
  { speciality: "25104", label: "TECHNICIEN D'USINAGE", renamed: { from: 2021, label: "TECHNICIEN EN REALISATION DE PRODUITS MECANIQUES OPTION REALISATION ET SUIVI DE PRODUCTIONS" }, girls: 0.06, industry: true },
  { speciality: "25404", label: "TECHNICIEN EN CHAUDRONNERIE INDUSTRIELLE", girls: 0.05, industry: true },
  { speciality: "22105", label: "PILOTE DE LIGNE DE PRODUCTION", girls: 0.2, industry: true },
  { speciality: "25207", label: "MAINTENANCE DES VEHICULES OPTION A VOITURES PARTICULIERES", girls: 0.05, industry: false },
  { speciality: "31205", label: "COMMERCE", renamed: { from: 2020, label: "METIERS DU COMMERCE ET DE LA VENTE OPTION A ANIMATION ET GESTION DE L'ESPACE COMMERCIAL" }, girls: 0.55, industry: false },
  { speciality: "32403", label: "GESTION-ADMINISTRATION", renamed: { from: 2020, label: "ASSISTANCE A LA GESTION DES ORGANISATIONS ET DE LEURS ACTIVITES" }, girls: 0.75, industry: false },
  { speciality: "33002", label: "ACCOMPAGNEMENT, SOINS ET SERVICES A LA PERSONNE OPTION A A DOMICILE", girls: 0.9, industry: false },
  { speciality: "31104", label: "LOGISTIQUE", girls: 0.2, industry: false },
  { speciality: "25011", label: "ELECTRICIEN", cap: true, girls: 0.03, industry: true },
  { speciality: "25008", label: "CONDUCTEUR D'INSTALLATIONS DE PRODUCTION", cap: true, girls: 0.15, industry: true },
  { speciality: "33004", label: "ACCOMPAGNANT EDUCATIF PETITE ENFANCE", cap: true, girls: 0.95, industry: false },
];

/** From rentrée 2019 the first year of bac pro is taught by "famille de métiers". */
export const SECONDE_FAMILLES: Readonly<Record<string, string>> = {
  "25003": "METIERS DE LA MAINTENANCE DES MATERIELS ET DES VEHICULES",
  "25510": "METIERS DES TRANSITIONS NUMERIQUE ET ENERGETIQUE",
  "25104": "METIERS DE LA PRODUCTION MECANIQUE",
  "25404": "METIERS DE LA REALISATION D'ENSEMBLES MECANIQUES ET INDUSTRIELS",
  "22105": "METIERS DU PILOTAGE ET DE LA MAINTENANCE D'INSTALLATIONS AUTOMATISEES",
  "25207": "METIERS DE LA MAINTENANCE DES MATERIELS ET DES VEHICULES",
  "31205": "METIERS DE LA RELATION CLIENT",
  "32403": "METIERS DE LA GESTION ADMINISTRATIVE, DU TRANSPORT ET DE LA LOGISTIQUE",
  "31104": "METIERS DE LA GESTION ADMINISTRATIVE, DU TRANSPORT ET DE LA LOGISTIQUE",
};
