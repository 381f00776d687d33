// The parts of the site bundle. A page's data = one part; add a part here to give pages new files.
import type { SitePart } from "../context.ts";
import { actionFiles } from "./actions.ts";
import { contourFiles } from "./contours.ts";
import { downloadFiles } from "./downloads.ts";
import { dynamiqueFiles } from "./dynamique.ts";
import { frichesFiles } from "./friches.ts";
import { homeFiles } from "./home.ts";
import { indicatorFiles } from "./indicators.ts";
import { referenceFiles } from "./references.ts";
import { reportFiles } from "./reports.ts";
import { territoryListFiles } from "./territory-list.ts";

export const SITE_PARTS: SitePart[] = [
  actionFiles,
  homeFiles,
  indicatorFiles,
  downloadFiles,
  contourFiles,
  reportFiles,
  frichesFiles,
  territoryListFiles,
  dynamiqueFiles,
  referenceFiles,
];
