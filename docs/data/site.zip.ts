// Framework data loader: the site's data, packed in one archive. Pages reference members as
// FileAttachment("data/site/<name>"). The evaluation is computed once per build: `npm run build` (or, without it,
// the configuration's report years) computed it before this loader runs, which reads it from the cache
// (src/site/cached-bundle.ts); it computes it only when no cache answers for the current data and code.
import { siteData } from "../../src/site/cached-bundle.ts";

const { zip } = await siteData(process.env.TI_DATA_DIR ?? "data");
process.stdout.write(zip);
