import { csv, featureCollection, lineFeature, pointFeature, pointNear } from './files.js';
import { CITIES, type City, cityBbox } from './places.js';
import { type DemoDataset, fictitious } from './publishers.js';
import { Random } from './random.js';

const MONTREAL = CITIES[0] as City;
const BOROUGHS = [
  'Ville-Marie',
  'Le Plateau-Mont-Royal',
  'Rosemont–La Petite-Patrie',
  'Verdun',
  'Ahuntsic-Cartierville',
  'Côte-des-Neiges–Notre-Dame-de-Grâce',
  'Mercier–Hochelaga-Maisonneuve',
  'Villeray–Saint-Michel–Parc-Extension',
];

function bikePaths(): string {
  const random = new Random(31);
  return featureCollection(
    Array.from({ length: 60 }, (_, i) =>
      lineFeature(random, pointNear(random, MONTREAL, 7), random.int(3, 12), {
        identifiant: i + 1,
        type: random.pick(['Piste cyclable', 'Bande cyclable', 'Chaussée désignée', 'Réseau express vélo']),
        arrondissement: random.pick(BOROUGHS),
        quatre_saisons: random.next() < 0.4,
        longueur_m: random.int(300, 4200),
      }),
    ),
  );
}

function trees(): string {
  const random = new Random(32);
  const species = [
    'Érable argenté',
    'Érable de Norvège',
    'Frêne de Pennsylvanie',
    'Tilleul à petites feuilles',
    'Févier inerme',
    'Chêne rouge',
    'Orme de Sibérie',
    'Micocoulier occidental',
  ];
  const rows = [];
  for (let i = 0; i < 2500; i++) {
    const [lon, lat] = pointNear(random, MONTREAL, 8);
    rows.push([
      i + 1,
      random.pick(BOROUGHS),
      random.pick(species),
      random.int(5, 95),
      random.date('1970-01-01', '2024-10-31'),
      lat,
      lon,
    ]);
  }
  return csv(
    ['identifiant', 'arrondissement', 'essence', 'diametre_cm', 'date_plantation', 'latitude', 'longitude'],
    rows,
  );
}

function requests311(): string {
  const random = new Random(33);
  const kinds = [
    'Nid-de-poule',
    'Déneigement',
    'Collecte non effectuée',
    'Graffiti',
    'Éclairage de rue',
    'Bruit',
    'Arbre à élaguer',
  ];
  const rows = [];
  for (let i = 0; i < 1500; i++) {
    const opened = random.date('2025-01-01', '2025-06-30');
    rows.push([
      `R${100000 + i}`,
      opened,
      random.pick(kinds),
      random.pick(BOROUGHS),
      random.pick(['Ouverte', 'En traitement', 'Fermée', 'Fermée']),
    ]);
  }
  return csv(['numero', 'date_creation', 'nature', 'arrondissement', 'etat'], rows);
}

function parkingLots(): string {
  const random = new Random(34);
  return featureCollection(
    Array.from({ length: 80 }, (_, i) =>
      pointFeature(pointNear(random, MONTREAL, 9), {
        identifiant: `P-${i + 1}`,
        places: random.int(20, 600),
        tarif_horaire: random.pick([0, 2.5, 3, 3.5, 4]),
        bornes_recharge: random.int(0, 6),
        arrondissement: random.pick(BOROUGHS),
      }),
    ),
  );
}

export function montrealDatasets(): DemoDataset[] {
  const montreal = {
    organization: 'ville-de-montreal',
    bbox: cityBbox(MONTREAL),
    place: 'municipalites:66023',
    maintainer: 'Service des données ouvertes',
    maintainerEmail: 'donnees.ouvertes@montreal.quai.example',
  };
  return [
    {
      name: 'pistes-cyclables-montreal',
      title: { fr: 'Réseau cyclable', en: 'Cycling network' },
      notes: fictitious(
        'Pistes et bandes cyclables, voies du Réseau express vélo et tronçons ouverts en hiver.',
        'Bike paths and lanes, express bike network and sections open in winter.',
      ),
      ...montreal,
      groups: ['transport'],
      tags: ['vélo', 'mobilité active', 'pistes cyclables', 'démonstration'],
      keywordsEn: ['cycling', 'bike paths'],
      license: 'cc-by',
      frequency: 'quarterly',
      resources: [
        {
          filename: 'reseau-cyclable.geojson',
          name: { fr: 'Réseau cyclable (tracés)', en: 'Cycling network (lines)' },
          content: bikePaths,
        },
      ],
    },
    {
      name: 'arbres-publics-montreal',
      title: { fr: 'Arbres publics sur le territoire de la ville', en: 'Public trees in the city' },
      notes: fictitious(
        'Inventaire des arbres publics : essence, diamètre à hauteur de poitrine, date de plantation et position.',
        'Inventory of public trees: species, diameter at breast height, planting date and position.',
      ),
      ...montreal,
      groups: ['environnement'],
      tags: ['arbres', 'canopée', 'forêt urbaine', 'démonstration'],
      keywordsEn: ['trees', 'urban forest'],
      license: 'cc-by',
      frequency: 'monthly',
      resources: [
        {
          filename: 'arbres-publics.csv',
          name: { fr: 'Inventaire des arbres', en: 'Tree inventory' },
          content: trees,
        },
      ],
    },
    {
      name: 'requetes-311-montreal',
      title: { fr: 'Requêtes 311', en: '311 requests' },
      notes: fictitious(
        'Demandes des citoyens au 311 : nature, arrondissement et état de traitement.',
        'Residents’ 311 requests: nature, borough and status.',
      ),
      ...montreal,
      groups: ['gouvernement-et-finances', 'infrastructures'],
      tags: ['311', 'services aux citoyens', 'démonstration'],
      keywordsEn: ['311', 'service requests'],
      license: 'cc-by',
      frequency: 'daily',
      temporal: ['2025-01-01', '2025-06-30'],
      resources: [
        {
          filename: 'requetes-311-2025.csv',
          name: { fr: 'Requêtes 2025', en: '2025 requests' },
          content: requests311,
        },
      ],
    },
    {
      name: 'stationnements-municipaux-montreal',
      title: { fr: 'Stationnements municipaux', en: 'Municipal parking lots' },
      notes: fictitious(
        'Stationnements hors rue : nombre de places, tarif horaire et bornes de recharge.',
        'Off-street parking: spaces, hourly rate and charging stations.',
      ),
      ...montreal,
      groups: ['transport', 'infrastructures'],
      tags: ['stationnement', 'démonstration'],
      keywordsEn: ['parking'],
      license: 'cc-by',
      frequency: 'quarterly',
      resources: [
        {
          filename: 'stationnements.geojson',
          name: { fr: 'Stationnements (carte)', en: 'Parking lots (map)' },
          content: parkingLots,
        },
      ],
    },
  ];
}
