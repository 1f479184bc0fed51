import L from 'leaflet';

/**
 * Data maps: a `[data-map]` element names a GeoJSON address, the data's extent and the base map.
 * The features are drawn over the tiles (points as circles, lines and shapes as outlines); a
 * feature opens its properties when chosen. Leaflet's map takes the keyboard (arrows pan, + and −
 * zoom); the page's data table lists the same rows for those who do not use the map.
 */
for (const element of document.querySelectorAll<HTMLElement>('[data-map]')) void drawMap(element);
for (const element of document.querySelectorAll<HTMLElement>('[data-box-map]')) drawBox(element);

/**
 * A dataset's coverage: its rectangle over the base map, fitted to it. A picture of what the
 * words beside it say: nothing to pan, zoom or focus; the tiles' credit follows it as text.
 */
function drawBox(element: HTMLElement): void {
  const { boxMap, tiles } = element.dataset;
  if (!boxMap || !tiles) return;
  const [west, south, east, north] = JSON.parse(boxMap) as [number, number, number, number];
  element.hidden = false;
  const credit = element.nextElementSibling;
  if (credit instanceof HTMLElement && credit.classList.contains('quai-box-map-credit'))
    credit.hidden = false;
  const map = L.map(element, {
    attributionControl: false,
    zoomControl: false,
    keyboard: false,
    dragging: false,
    scrollWheelZoom: false,
    doubleClickZoom: false,
    boxZoom: false,
    touchZoom: false,
  });
  L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  const box = L.rectangle(
    [
      [south, west],
      [north, east],
    ],
    { color: '#095797', weight: 2, fillOpacity: 0.15, interactive: false },
  ).addTo(map);
  map.fitBounds(box.getBounds(), { padding: [12, 12] });
  element.setAttribute('data-map-ready', 'box');
}

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
  featurePicker(element, map, layer);
  element.setAttribute('data-map-ready', String(data.features.length));
}

/** Features a picker lists at most (the data table lists them all). */
const PICKED_FEATURES = 1000;

/**
 * The map's features for the keyboard: a list before the map; choosing one centres the map on
 * it, opens its properties, and says them in a status line (markers themselves take no focus).
 */
function featurePicker(element: HTMLElement, map: L.Map, layer: L.GeoJSON): void {
  type Shape = L.Layer & {
    feature?: GeoJSON.Feature;
    getLatLng?: () => L.LatLng;
    getBounds?: () => L.LatLngBounds;
    openPopup: () => void;
  };
  const shapes = layer.getLayers() as Shape[];
  if (shapes.length === 0) return;
  const { pickLabel = '', pickNone = '', pickItem = '' } = element.dataset;
  const field = document.createElement('div');
  field.className = 'quai-field quai-map-picker';
  const label = document.createElement('label');
  label.className = 'quai-label';
  label.htmlFor = `${element.id}-entite`;
  label.textContent = pickLabel;
  const select = document.createElement('select');
  select.className = 'quai-input quai-select';
  select.id = `${element.id}-entite`;
  select.add(new Option(pickNone, ''));
  shapes.slice(0, PICKED_FEATURES).forEach((shape, index) => {
    const values = Object.values(shape.feature?.properties ?? {});
    const name = values.find((value) => typeof value === 'string' && value.trim() !== '');
    select.add(
      new Option(
        typeof name === 'string' ? name : pickItem.replace('{number}', String(index + 1)),
        String(index),
      ),
    );
  });
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'quai-map-said';
  select.addEventListener('change', () => {
    const shape = shapes[Number(select.value)];
    if (!shape || select.value === '') return;
    if (shape.getLatLng) map.setView(shape.getLatLng(), Math.max(map.getZoom(), 15));
    else if (shape.getBounds) map.fitBounds(shape.getBounds(), { maxZoom: 16 });
    shape.openPopup();
    status.textContent = Object.entries(shape.feature?.properties ?? {})
      .slice(0, 12)
      .map(([key, value]) => `${key} : ${value === null || value === undefined ? '' : String(value)}`)
      .join(' ; ');
  });
  field.append(label, select, status);
  element.before(field);
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
