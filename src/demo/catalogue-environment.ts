import { boxFeature, csv, featureCollection, pointFeature, pointNear } from './files.js';
import { CITIES, QUEBEC_BBOX } from './places.js';
import { type DemoDataset, fictitious } from './publishers.js';
import { Random } from './random.js';

const ENV_CONTACT = {
  maintainer: "Direction de la qualité de l'eau et de l'air",
  maintainerEmail: 'qualite-milieu@quai.example',
};

function waterQuality(): string {
  const random = new Random(11);
  const parameters: [string, string, number, number, number][] = [
    ['Coliformes totaux', 'UFC/100 mL', 0, 12, 10],
    ['E. coli', 'UFC/100 mL', 0, 2, 0],
    ['Plomb', 'µg/L', 0, 8, 5],
    ['Nitrites et nitrates', 'mg/L', 0.1, 6, 10],
    ['Turbidité', 'UTN', 0.05, 1.4, 1],
  ];
  const rows = [];
  for (let i = 0; i < 600; i++) {
    const city = random.pick(CITIES);
    const [parameter, unit, min, max, norm] = random.pick(parameters);
    const value = random.float(min, max, 2);
    rows.push([
      city.code,
      city.name,
      random.date('2024-01-01', '2024-12-31'),
      parameter,
      value,
      unit,
      norm,
      value <= norm ? 'oui' : 'non',
    ]);
  }
  rows.sort((a, b) => String(a[2]).localeCompare(String(b[2])));
  return csv(
    [
      'code_geographique',
      'municipalite',
      'date_prelevement',
      'parametre',
      'valeur',
      'unite',
      'norme',
      'conforme',
    ],
    rows,
  );
}

function airStations(): string {
  const random = new Random(12);
  return featureCollection(
    CITIES.slice(0, 18).map((city, i) =>
      pointFeature(pointNear(random, city, 3), {
        station: `ST-${String(1000 + i)}`,
        nom: `Station ${city.name}${i % 3 === 0 ? ' centre' : ''}`,
        municipalite: city.name,
        code_geographique: city.code,
        polluants: random.pick(['PM2,5; O3', 'PM2,5; NO2; O3', 'SO2; PM2,5', 'O3']),
        mise_en_service: random.int(1975, 2020),
      }),
    ),
  );
}

function airIndex(): string {
  const random = new Random(13);
  const rows = [];
  for (let day = 0; day < 120; day++) {
    const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
    for (const city of CITIES.slice(0, 6)) {
      const index = random.int(8, 75);
      rows.push([date, city.name, index, index < 25 ? 'bon' : index < 50 ? 'acceptable' : 'mauvais']);
    }
  }
  return csv(['date', 'municipalite', 'indice_qualite_air', 'qualification'], rows);
}

function protectedAreas(): string {
  const random = new Random(14);
  const kinds = ['Parc national', 'Réserve écologique', 'Réserve de biodiversité', 'Refuge faunique'];
  return featureCollection(
    Array.from({ length: 30 }, (_, i) => {
      const city = random.pick(CITIES);
      const centre = pointNear(random, city, 40);
      const kind = random.pick(kinds);
      return boxFeature(centre, random.float(0.03, 0.2, 4), random.float(0.02, 0.12, 4), {
        identifiant: `AP-${String(i + 1).padStart(4, '0')}`,
        nom: `${kind} ${['du Lac', 'de la Rivière', 'des Monts', 'de la Pointe'][i % 4]}-${city.name}`,
        designation: kind,
        superficie_km2: random.float(2, 900, 1),
      });
    }),
  );
}

function emissions(): string {
  const random = new Random(15);
  const sectors = [
    'Transport',
    'Industrie',
    'Résidentiel, commercial et institutionnel',
    'Agriculture',
    'Déchets',
    'Électricité',
  ];
  const rows = [];
  for (let year = 1990; year <= 2023; year++) {
    for (const sector of sectors) rows.push([year, sector, random.float(1, 35, 2)]);
  }
  return csv(['annee', 'secteur', 'emissions_mt_eq_co2'], rows);
}

export function environmentDatasets(): DemoDataset[] {
  return [
    {
      name: 'qualite-eau-potable-resultats-analyses',
      title: {
        fr: "Qualité de l'eau potable — résultats d'analyses",
        en: 'Drinking water quality — test results',
      },
      notes: fictitious(
        "Résultats des analyses de l'eau distribuée par les réseaux municipaux : paramètre mesuré, valeur, norme du *Règlement sur la qualité de l'eau potable* et conformité.",
        'Results of tests of the water supplied by municipal systems: parameter, value, standard of the *Regulation respecting the quality of drinking water* and compliance.',
      ),
      organization: 'ministere-environnement',
      groups: ['environnement', 'sante'],
      tags: ["qualité de l'eau", 'eau potable', 'santé publique', 'démonstration'],
      keywordsEn: ['water quality', 'drinking water'],
      license: 'cc-by',
      frequency: 'monthly',
      temporal: ['2024-01-01', '2024-12-31'],
      bbox: QUEBEC_BBOX,
      ...ENV_CONTACT,
      resources: [
        {
          filename: 'eau-potable-analyses-2024.csv',
          name: { fr: 'Analyses 2024', en: '2024 results' },
          content: waterQuality,
        },
      ],
    },
    {
      name: 'stations-qualite-air',
      title: { fr: "Stations de surveillance de la qualité de l'air", en: 'Air quality monitoring stations' },
      notes: fictitious(
        "Emplacement des stations du réseau de surveillance de la qualité de l'atmosphère et indice quotidien de la qualité de l'air (IQA).",
        'Locations of the atmospheric monitoring network stations and the daily air quality index (AQI).',
      ),
      organization: 'ministere-environnement',
      groups: ['environnement', 'sante'],
      tags: ["qualité de l'air", 'pollution', 'IQA', 'démonstration'],
      keywordsEn: ['air quality', 'pollution'],
      license: 'cc-by',
      frequency: 'daily',
      temporal: ['2025-01-01', '2025-04-30'],
      bbox: QUEBEC_BBOX,
      ...ENV_CONTACT,
      resources: [
        {
          filename: 'stations-qualite-air.geojson',
          name: { fr: 'Stations (carte)', en: 'Stations (map)' },
          content: airStations,
        },
        {
          filename: 'indice-qualite-air-2025.csv',
          name: { fr: 'Indice quotidien 2025', en: 'Daily index 2025' },
          content: airIndex,
        },
      ],
    },
    {
      name: 'aires-protegees',
      title: { fr: 'Aires protégées', en: 'Protected areas' },
      notes: fictitious(
        'Parcs nationaux, réserves écologiques et autres aires protégées, avec leur désignation et leur superficie.',
        'National parks, ecological reserves and other protected areas, with their designation and area.',
      ),
      organization: 'ministere-environnement',
      groups: ['environnement', 'territoire'],
      tags: ['aires protégées', 'biodiversité', 'parcs', 'démonstration'],
      keywordsEn: ['protected areas', 'biodiversity'],
      license: 'cc-by',
      frequency: 'annual',
      temporal: ['2025-01-01', '2025-12-31'],
      bbox: QUEBEC_BBOX,
      ...ENV_CONTACT,
      resources: [
        {
          filename: 'aires-protegees.geojson',
          name: { fr: 'Aires protégées (polygones)', en: 'Protected areas (polygons)' },
          content: protectedAreas,
          // Every column described: the demo's example of a dataset that meets every criterion.
          dictionary: {
            identifiant: {
              fr: 'Identifiant de l’aire protégée (AP-0001…)',
              en: 'Protected area identifier (AP-0001…)',
            },
            nom: { fr: 'Nom officiel de l’aire protégée', en: 'Official name of the protected area' },
            designation: {
              fr: 'Désignation légale : parc national, réserve écologique, réserve de biodiversité, refuge faunique',
              en: 'Legal designation: national park, ecological reserve, biodiversity reserve, wildlife refuge',
            },
            superficie_km2: { fr: 'Superficie, en kilomètres carrés', en: 'Area, in square kilometres' },
            geometry: {
              fr: 'Contour de l’aire (polygone, WGS 84)',
              en: 'Outline of the area (polygon, WGS 84)',
            },
          },
        },
      ],
    },
    {
      name: 'inventaire-emissions-gaz-effet-serre',
      title: {
        fr: 'Inventaire des émissions de gaz à effet de serre',
        en: 'Greenhouse gas emissions inventory',
      },
      notes: fictitious(
        'Émissions annuelles de gaz à effet de serre par secteur, en mégatonnes d’équivalent CO₂, depuis 1990.',
        'Annual greenhouse gas emissions by sector, in megatonnes of CO₂ equivalent, since 1990.',
      ),
      organization: 'ministere-environnement',
      groups: ['environnement'],
      tags: ['climat', 'gaz à effet de serre', 'changements climatiques', 'démonstration'],
      keywordsEn: ['climate', 'greenhouse gases'],
      license: 'cc-by',
      frequency: 'annual',
      temporal: ['1990-01-01', '2023-12-31'],
      bbox: QUEBEC_BBOX,
      ...ENV_CONTACT,
      resources: [
        {
          filename: 'emissions-ges-1990-2023.csv',
          name: { fr: 'Émissions par secteur', en: 'Emissions by sector' },
          content: emissions,
        },
      ],
    },
  ];
}
