import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Centres of Québec cities (public geographic facts), with their code géographique. */
export interface City {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

export const CITIES: readonly City[] = [
  { code: '66023', name: 'Montréal', lat: 45.5019, lon: -73.5674 },
  { code: '23027', name: 'Québec', lat: 46.8139, lon: -71.208 },
  { code: '65005', name: 'Laval', lat: 45.5758, lon: -73.7519 },
  { code: '81017', name: 'Gatineau', lat: 45.4765, lon: -75.7013 },
  { code: '58227', name: 'Longueuil', lat: 45.5312, lon: -73.5181 },
  { code: '43027', name: 'Sherbrooke', lat: 45.4042, lon: -71.8929 },
  { code: '94068', name: 'Saguenay', lat: 48.428, lon: -71.0686 },
  { code: '25213', name: 'Lévis', lat: 46.8033, lon: -71.1779 },
  { code: '37067', name: 'Trois-Rivières', lat: 46.3432, lon: -72.5435 },
  { code: '64008', name: 'Terrebonne', lat: 45.7004, lon: -73.6473 },
  { code: '56083', name: 'Saint-Jean-sur-Richelieu', lat: 45.3076, lon: -73.2625 },
  { code: '49058', name: 'Drummondville', lat: 45.8833, lon: -72.4833 },
  { code: '75017', name: 'Saint-Jérôme', lat: 45.7805, lon: -74.0036 },
  { code: '47017', name: 'Granby', lat: 45.4001, lon: -72.7333 },
  { code: '54048', name: 'Saint-Hyacinthe', lat: 45.6307, lon: -72.957 },
  { code: '36033', name: 'Shawinigan', lat: 46.5668, lon: -72.7491 },
  { code: '10043', name: 'Rimouski', lat: 48.4489, lon: -68.523 },
  { code: '39062', name: 'Victoriaville', lat: 46.0571, lon: -71.9658 },
  { code: '86042', name: 'Rouyn-Noranda', lat: 48.2366, lon: -79.0231 },
  { code: '89008', name: "Val-d'Or", lat: 48.0975, lon: -77.7828 },
  { code: '97007', name: 'Sept-Îles', lat: 50.2169, lon: -66.3817 },
  { code: '96020', name: 'Baie-Comeau', lat: 49.2177, lon: -68.1484 },
  { code: '93042', name: 'Alma', lat: 48.5502, lon: -71.6491 },
  { code: '03005', name: 'Gaspé', lat: 48.8316, lon: -64.4869 },
  { code: '61025', name: 'Joliette', lat: 46.0167, lon: -73.4497 },
];

/** The bounding box of inhabited southern Québec and of the whole province, for coverage. */
export const QUEBEC_BBOX = { west: -79.76, south: 44.99, east: -57.1, north: 62.59 };

export function cityBbox(city: City, margin = 0.25) {
  const round = (value: number) => Number(value.toFixed(4));
  return {
    west: round(city.lon - margin),
    south: round(city.lat - margin * 0.7),
    east: round(city.lon + margin),
    north: round(city.lat + margin * 0.7),
  };
}

export interface Subdivision {
  sgc: string;
  code: string;
  name: string;
  classification: string;
  division: string;
}

export interface Division {
  code: string;
  name: string;
  classification: string;
}

const DATA = new URL('./data/', import.meta.url);

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(new URL(file, DATA), 'utf8'), { columns: true, skip_empty_lines: true });
}

/** The real 2016 census subdivisions (CC0), with the 5-digit Québec code derived from the SGC code. */
export function readSubdivisions(): Subdivision[] {
  return readCsv('qc_census_subdivisions_sgc2016.csv').map((row) => {
    const sgc = (row.id ?? '').split(':').pop() ?? '';
    return {
      sgc,
      code: sgc.slice(2),
      name: row.name_fr ?? row.name ?? '',
      classification: row.classification ?? '',
      division: sgc.slice(0, 4),
    };
  });
}

export function readDivisions(): Division[] {
  return readCsv('qc_census_divisions_sgc2016.csv').map((row) => ({
    code: (row.id ?? '').split(':').pop() ?? '',
    name: row.name_fr ?? row.name ?? '',
    classification: row.classification ?? '',
  }));
}

/** Statistics Canada's census subdivision types, in French and English. */
export const SUBDIVISION_TYPES: Record<string, { fr: string; en: string }> = {
  MÉ: { fr: 'Municipalité', en: 'Municipality' },
  V: { fr: 'Ville', en: 'City' },
  PE: { fr: 'Paroisse', en: 'Parish' },
  VL: { fr: 'Village', en: 'Village' },
  CT: { fr: 'Canton', en: 'Township' },
  CU: { fr: 'Cantons unis', en: 'United townships' },
  NO: { fr: 'Territoire non organisé', en: 'Unorganized territory' },
  IRI: { fr: 'Réserve indienne', en: 'Indian reserve' },
  'S-É': { fr: 'Établissement indien', en: 'Indian settlement' },
  VN: { fr: 'Village nordique', en: 'Northern village' },
  TI: { fr: 'Terre inuite', en: 'Inuit land' },
  VC: { fr: 'Village cri', en: 'Cree village' },
  TC: { fr: 'Terre réservée crie', en: 'Cree reserved land' },
  VK: { fr: 'Village naskapi', en: 'Naskapi village' },
  TK: { fr: 'Terre réservée naskapie', en: 'Naskapi reserved land' },
};
