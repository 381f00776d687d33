// The geographic levels the evaluation speaks of: an indicator is computed at some of them, and a local file
// (cibles, suivi) names one on each row. Declared with the geography, which every later stage reads.
export type Level = "commune" | "epci" | "territoire" | "bassin_emploi";
