// Stand-in for Framework's `observablehq:stdlib` under vitest: components that fetch a site file themselves
// (references.js) get an empty site, so a chart snapshot shows the chart alone and never waits on the network.
export function FileAttachment(name: string) {
  return { json: async () => (name.endsWith("references.json") ? { territoires: {}, comparables: [] } : {}) };
}
