// Four square communes in a 2 × 2 grid (lon 3.0-3.2, lat 49.7-49.9) as the site's contours.json holds them
// (a TopoJSON topology of "communes"), for the map tests: the west column (02001, 02003) in EPCI "A", the east one
// (02002, 02004) in EPCI "B".
import { topology } from "topojson-server";

// Corners taken from one grid (49.7 + 0.1 is not 49.8 in floating point: shared edges must be the same numbers).
const LON = [3.0, 3.1, 3.2];
const LAT = [49.7, 49.8, 49.9];
const square = (code: string, nom: string, i: number, j: number) => {
  const [x0, x1, y0, y1] = [LON[i]!, LON[i + 1]!, LAT[j]!, LAT[j + 1]!];
  return { type: "Feature" as const, id: code, properties: { nom }, geometry: { type: "Polygon" as const, coordinates: [[[x0, y0], [x0, y1], [x1, y1], [x1, y0], [x0, y0]]] } };
};
export const contours = {
  topology: topology({
    communes: {
      type: "FeatureCollection",
      features: [square("02001", "Aubigny", 0, 1), square("02002", "Bélin", 1, 1), square("02003", "Cerny", 0, 0), square("02004", "Dury", 1, 0)],
    } as GeoJSON.FeatureCollection,
  }),
};
