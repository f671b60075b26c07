/**
 * TSP exports: the tour as CSV, as a TSPLIB `.tour` file, as GeoJSON and as an SVG plot.
 */
import { toCsv } from "./csv";

export interface TourInput {
  name: string;
  /** City coordinates [x, y]; for geographic instances x = longitude and y = latitude in degrees. */
  coords: readonly (readonly [number, number])[];
  /** Visiting order as 0-based city indices (a permutation; the tour closes back to the first). */
  tour: readonly number[];
  /** Tour length under the instance's metric. */
  length: number;
  /** Names of the cities (TSPLIB node numbers by default: index + 1). */
  cityIds?: readonly string[];
  geographic?: boolean;
}

const cityId = (t: TourInput, i: number) => t.cityIds?.[i] ?? String(i + 1);

export function tourCsv(t: TourInput): string {
  return toCsv([["order", "city", "x", "y"], ...t.tour.map((c, k) => [k + 1, cityId(t, c), t.coords[c][0], t.coords[c][1]])]);
}

/** TSPLIB tour file: 1-based node numbers, terminated by -1 and EOF. */
export function tourTsplib(t: TourInput): string {
  return [`NAME : ${t.name}.tour`, `COMMENT : Length = ${t.length}`, "TYPE : TOUR", `DIMENSION : ${t.tour.length}`, "TOUR_SECTION", ...t.tour.map((c) => String(c + 1)), "-1", "EOF", ""].join("\n");
}

/** GeoJSON FeatureCollection: the closed tour as a LineString, and one Point per city. */
export function tourGeoJson(t: TourInput): object {
  const line = [...t.tour, t.tour[0]].map((c) => [t.coords[c][0], t.coords[c][1]]);
  return {
    type: "FeatureCollection",
    // RFC 7946 positions are WGS84 lon/lat; planar instances say so instead of pretending.
    properties: { name: t.name, length: t.length, coordinates: t.geographic ? "wgs84" : "planar" },
    features: [
      { type: "Feature", properties: { kind: "tour", name: t.name, length: t.length }, geometry: { type: "LineString", coordinates: line } },
      ...t.tour.map((c, k) => ({
        type: "Feature",
        properties: { kind: "city", city: cityId(t, c), order: k + 1 },
        geometry: { type: "Point", coordinates: [t.coords[c][0], t.coords[c][1]] },
      })),
    ],
  };
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

/** SVG plot of the tour (y axis up, as on a map), scaled into a 800×800 viewBox with a margin. */
export function tourSvg(t: TourInput, size = 800): string {
  const xs = t.coords.map((c) => c[0]);
  const ys = t.coords.map((c) => c[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  const margin = 20;
  const k = (size - 2 * margin) / span;
  const px = (i: number) => fmt(margin + (t.coords[i][0] - minX) * k);
  const py = (i: number) => fmt(size - margin - (t.coords[i][1] - minY) * k);
  const points = t.tour.map((c) => `${px(c)},${py(c)}`).join(" ");
  const r = t.coords.length > 500 ? 1.5 : 3;
  const cities = t.coords.map((_, i) => `<circle cx="${px(i)}" cy="${py(i)}" r="${r}"/>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}">
<title>${t.name.replace(/[<&>]/g, "")} — length ${fmt(t.length)}</title>
<rect width="100%" height="100%" fill="#fff"/>
<polygon points="${points}" fill="none" stroke="#2563eb" stroke-width="1.5" stroke-linejoin="round"/>
<g fill="#111">${cities}</g>
</svg>
`;
}
