import L from 'leaflet';

/**
 * Data maps: a `[data-map]` element names a GeoJSON address, the data's extent and the base map.
 * The features are drawn over the tiles (points as circles, lines and shapes as outlines); a
 * feature opens its properties when chosen. Leaflet's map takes the keyboard (arrows pan, + and −
 * zoom); the page's data table lists the same rows for those who do not use the map.
 */
for (const element of document.querySelectorAll<HTMLElement>('[data-map]')) void drawMap(element);

async function drawMap(element: HTMLElement): Promise<void> {
  const { geojson, tiles, attribution, bbox } = element.dataset;
  if (!geojson || !tiles) return;
  element.hidden = false;
  const map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(tiles, { attribution: attribution ?? '', maxZoom: 19 }).addTo(map);
  const extent = bbox ? (JSON.parse(bbox) as [number, number, number, number] | null) : null;
  map.fitBounds(
    extent
      ? [
          [extent[1], extent[0]],
          [extent[3], extent[2]],
        ]
      : [
          [45, -79.8],
          [62.6, -57.1],
        ],
  );
  const response = await fetch(geojson, { headers: { accept: 'application/geo+json' } });
  if (!response.ok) return;
  const data = (await response.json()) as GeoJSON.FeatureCollection;
  const layer = L.geoJSON(data, {
    pointToLayer: (_feature, position) =>
      L.circleMarker(position, { radius: 5, weight: 1, fillOpacity: 0.7 }),
    style: { color: '#095797', weight: 2 },
    onEachFeature: (feature, shape) => shape.bindPopup(() => properties(feature.properties ?? {})),
  }).addTo(map);
  const bounds = layer.getBounds();
  if (!extent && bounds.isValid()) map.fitBounds(bounds, { maxZoom: 14 });
  element.setAttribute('data-map-ready', String(data.features.length));
}

/** A feature's properties as a small table, built from text (never from HTML). */
function properties(values: Record<string, unknown>): HTMLElement {
  const table = document.createElement('table');
  table.className = 'quai-map-properties';
  for (const [name, value] of Object.entries(values).slice(0, 12)) {
    const row = table.insertRow();
    const head = document.createElement('th');
    head.scope = 'row';
    head.textContent = name;
    row.append(head);
    row.insertCell().textContent = value === null || value === undefined ? '' : String(value);
  }
  return table;
}
