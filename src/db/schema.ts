// Canonical tables: what every loader writes and every indicator reads.
// Commune codes are 5-character text; an unknown (secret, missing, not published) value is NULL, never 0.
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS communes (
  code VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, departement VARCHAR NOT NULL,
  epci VARCHAR NOT NULL, population INTEGER);
CREATE TABLE IF NOT EXISTS epcis (
  siren VARCHAR PRIMARY KEY, nom VARCHAR NOT NULL, population INTEGER);

-- URSSAF, long format: one row per commune x APE x year (jobs at 31 December of annee).
CREATE TABLE IF NOT EXISTS urssaf (
  code_commune VARCHAR NOT NULL, code_ape VARCHAR NOT NULL, -- code_ape with a dot: '25.11Z'
  annee INTEGER NOT NULL, etablissements INTEGER, effectifs INTEGER,
  fichier VARCHAR NOT NULL);

-- Sirene establishments of the territory. activite is read in its nomenclature (canonical spelling NAFRev2, NAFRev1,
-- NAF1993, NAP); activite_naf25 is the NAF 2025 code of the 2025 stock, kept for the 2027 switch (not used yet);
-- date_millesime is the date the file's stock was taken (its newest dateDernierTraitementEtablissement), the same
-- on every row of a file, NULL when the file does not say.
CREATE TABLE IF NOT EXISTS sirene (
  siret VARCHAR NOT NULL, code_commune VARCHAR NOT NULL, date_creation DATE,
  activite VARCHAR, nomenclature VARCHAR, activite_naf25 VARCHAR, etat VARCHAR, employeur VARCHAR, siege BOOLEAN,
  date_millesime DATE, fichier VARCHAR NOT NULL);

-- Sirene establishments of every commune each file speaks of, in the territory or not (src/sources/sirene/loader.ts), counted for
-- the reference levels (src/references/sirene-levels.ts): annee = creation year from 2008 (NULL for the others),
-- classe 'industrie' | 'autre' (activity in NAF rév. 2) or 'inconnue' (older nomenclature, no activity); the file's
-- stock date (date_millesime, as in sirene) and newest creation date.
CREATE TABLE IF NOT EXISTS sirene_agregats (
  code_commune VARCHAR NOT NULL, annee INTEGER, classe VARCHAR, etablissements BIGINT NOT NULL,
  date_millesime DATE, derniere_creation DATE, fichier VARCHAR NOT NULL);

-- Cerema ENAF flows, one row per commune x year of flow (annee = Y for the flow from 1 Jan Y to 1 Jan Y+1), in m2.
CREATE TABLE IF NOT EXISTS cerema (
  code_commune VARCHAR NOT NULL, annee INTEGER NOT NULL, derniere_annee INTEGER NOT NULL,
  naf_m2 DOUBLE, activite_m2 DOUBLE, habitat_m2 DOUBLE, mixte_m2 DOUBLE, routes_m2 DOUBLE, fer_m2 DOUBLE, inconnu_m2 DOUBLE,
  fichier VARCHAR NOT NULL);

-- DARES job seekers registered at France Travail, end of quarter. code_source: the commune code as published, a
-- municipal arrondissement (75105) for a row summed into its city (code_commune 75056); ligne: line in the file.
CREATE TABLE IF NOT EXISTS dares (
  code_commune VARCHAR NOT NULL, annee INTEGER NOT NULL, trimestre INTEGER NOT NULL,
  categorie VARCHAR NOT NULL, sexe VARCHAR NOT NULL, tranche_age VARCHAR NOT NULL, demandeurs INTEGER,
  fichier VARCHAR NOT NULL, code_source VARCHAR, ligne INTEGER);

-- Pupils of vocational schools (lycées professionnels), school year starting in rentree.
CREATE TABLE IF NOT EXISTS lycees_pro (
  rentree INTEGER NOT NULL, uai VARCHAR NOT NULL, code_commune VARCHAR NOT NULL,
  mef VARCHAR, mef_libelle VARCHAR, eleves INTEGER,
  fichier VARCHAR NOT NULL);

-- France Travail BMO: recruitment projects by bassin d'emploi x métier (all bassins of the file are kept).
CREATE TABLE IF NOT EXISTS bmo (
  annee INTEGER NOT NULL, code_bassin VARCHAR NOT NULL, nom_bassin VARCHAR NOT NULL,
  departement VARCHAR, code_metier VARCHAR NOT NULL, nom_metier VARCHAR, famille VARCHAR,
  met INTEGER, xmet INTEGER, smet INTEGER,
  fichier VARCHAR NOT NULL);

-- Communes of the territory that the loaded files of a communal source cover (src/pipeline/coverage.ts):
-- a covered commune without a row has none; an uncovered one is unknown. lignes_rejetees > 0: covered in part.
CREATE TABLE IF NOT EXISTS couverture (
  source VARCHAR NOT NULL, code_commune VARCHAR NOT NULL, lignes_rejetees INTEGER NOT NULL);

-- Cartofriches (Cerema, CNIG « friches » standard): the brownfield sites of the territory, one row per site_id.
-- statut: 'friche potentielle' | 'friche avec projet' | 'friche sans projet' | 'friche reconvertie';
-- type NULL when unknown (NA or 'inconnu'); surface_m2 NULL when unknown, never 0; longitude/latitude WGS84, NULL when unknown.
CREATE TABLE IF NOT EXISTS friches (
  site_id VARCHAR NOT NULL, nom VARCHAR, code_commune VARCHAR NOT NULL, statut VARCHAR NOT NULL, type VARCHAR,
  surface_m2 DOUBLE, longitude DOUBLE, latitude DOUBLE, date_identification DATE, date_actualisation DATE,
  source_nom VARCHAR, source_producteur VARCHAR,
  fichier VARCHAR NOT NULL);

-- What each Cartofriches file covers: every département with a row in it (in the territory or not), with the file's
-- vintage year (its newest site_actu_date). A commune of a covered département without a site has none (0); a commune
-- of a département no file covers is unknown.
CREATE TABLE IF NOT EXISTS friches_couverture (
  departement VARCHAR NOT NULL, annee INTEGER NOT NULL,
  fichier VARCHAR NOT NULL);

-- France Travail: commune -> BMO bassin d'emploi.
CREATE TABLE IF NOT EXISTS bassins_bmo (
  code_commune VARCHAR NOT NULL, code_bassin VARCHAR NOT NULL, nom_bassin VARCHAR,
  fichier VARCHAR NOT NULL);

-- URSSAF aggregates of every row of each file, inside the territory or not (src/sources/urssaf/aggregator.ts):
-- niveau 'territoire' | 'epci' | 'departement' | 'region' | 'france' | 'territoire_industrie', by year and NA38 sector
-- ('ND' = unknown sector). Sums of the known cells (NULL when none), and the unknown cells counted beside them.
CREATE TABLE IF NOT EXISTS urssaf_agregats (
  niveau VARCHAR NOT NULL, code_geo VARCHAR NOT NULL, annee INTEGER NOT NULL, secteur_na38 VARCHAR NOT NULL,
  etablissements DOUBLE, effectifs DOUBLE, inconnus_etablissements INTEGER NOT NULL, inconnus_effectifs INTEGER NOT NULL,
  fichier VARCHAR NOT NULL);
-- The current communes each URSSAF file has rows for (in the territory or not): which levels the files cover wholly.
CREATE TABLE IF NOT EXISTS urssaf_communes_vues (code_commune VARCHAR NOT NULL, fichier VARCHAR NOT NULL);
`;
