// Types of the reference levels, the comparison territories and the shift-share decomposition.
import type { IndicatorRow } from "../indicators/types.ts";
import type { ReferenceLevel } from "../geography/reference-levels.ts";

export type { ReferenceLevel };

/** A row of indicateurs.csv at a reference level (département, région, France, Territoire d'industrie). */
export type ReferenceRow = Omit<IndicatorRow, "niveau"> & { niveau: ReferenceLevel };

/** Any published row of indicateurs.csv. */
export type PublishedRow = IndicatorRow | ReferenceRow;
