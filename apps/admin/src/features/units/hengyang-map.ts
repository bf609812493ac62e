import type { MapSeriesOption } from 'echarts/charts';
import { getMap, registerMap } from 'echarts/core';

/** The name the county boundaries are registered under in ECharts. */
export const HENGYANG_MAP = 'hengyang';
const GEOJSON_URL = '/hengyang-counties.geojson';

type MapSource = Parameters<typeof registerMap>[1];

interface FeatureCollection {
  features: { id?: string | number; properties?: { name?: string } }[];
}

/** One region of the map: its name and, where the file has it, its GB/T 2260 code. */
export interface MapRegion {
  name: string;
  adcode: string | null;
}

let loading: Promise<MapRegion[]> | null = null;

function isFeatureCollection(value: unknown): value is FeatureCollection {
  return typeof value === 'object' && value !== null && 'features' in value && Array.isArray(value.features);
}

/** Fetches the boundaries once per page load and registers them with ECharts. */
export function loadHengyangMap(): Promise<MapRegion[]> {
  loading ??= fetch(GEOJSON_URL)
    .then(async (response) => {
      if (!response.ok) throw new Error(`${GEOJSON_URL}: HTTP ${response.status}`);
      const json: unknown = await response.json();
      if (!isFeatureCollection(json)) throw new Error(`${GEOJSON_URL}: not a GeoJSON feature collection`);
      if (!getMap(HENGYANG_MAP)) registerMap(HENGYANG_MAP, json as MapSource);
      return json.features.map((f) => ({
        name: f.properties?.name ?? '',
        adcode: f.id === undefined ? null : String(f.id),
      }));
    })
    .catch((err: unknown) => {
      loading = null;
      throw err;
    });
  return loading;
}

/** Joins a map region to its unit by name, falling back to the GB/T 2260 code. */
export function matchRegion<U extends { name: string; adcode: string | null }>(region: MapRegion, units: readonly U[]): U | undefined {
  return units.find((u) => u.name === region.name) ?? (region.adcode ? units.find((u) => u.adcode === region.adcode) : undefined);
}

/** The map series' fixed part: the boundaries filling their box, not to be dragged or zoomed. */
export const HENGYANG_SERIES: Pick<MapSeriesOption, 'type' | 'map' | 'roam' | 'layoutCenter' | 'layoutSize'> = { type: 'map', map: HENGYANG_MAP, roam: false, layoutCenter: ['50%', '50%'], layoutSize: '98%' };
