// Framework data loader: runs the pipeline once at build time and packs the files the pages read.
// Pages reference members as FileAttachment("data/site/<name>").
import JSZip from "jszip";
import { buildSiteBundle } from "../../src/site/bundle.ts";

const dataDir = process.env.TI_DATA_DIR ?? "data";
// Notes go to stderr, which the build shows: stdout is the archive.
const files = await buildSiteBundle(dataDir, (note) => process.stderr.write(`note : ${note}\n`));
const zip = new JSZip();
// A fixed date keeps the archive byte-identical from one build to the next.
const date = new Date("2000-01-01T00:00:00Z");
for (const [name, content] of Object.entries(files)) {
  const data = typeof content === "string" || content instanceof Uint8Array ? content : JSON.stringify(content);
  zip.file(name, data, { date });
}
process.stdout.write(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
