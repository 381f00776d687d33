// French number formatting for TypeScript modules: the implementation is src/format/french.js, plain JavaScript
// shared as it is with the pages (docs/components/format.js links to it).
export * from "./french.js";
