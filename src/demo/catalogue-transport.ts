import { csv, featureCollection, lineFeature, pointNear, sites } from './files.js';
import { CITIES, QUEBEC_BBOX } from './places.js';
import { type DemoDataset, fictitious } from './publishers.js';
import { Random } from './random.js';

const TRANSPORT_CONTACT = {
  maintainer: 'Direction des données de mobilité',
  maintainerEmail: 'mobilite@quai.example',
};

function chargers(): { geojson: string; table: string } {
  const random = new Random(21);
  const networks = ['Circuit électrique', 'FLO', 'Tesla', 'Petro-Canada'];
  return sites(random, 240, 6, (city, i) => {
    const level = random.pick(['Niveau 2', 'Niveau 2', 'Recharge rapide']);
    return {
      identifiant: `BR-${String(i + 1).padStart(5, '0')}`,
      reseau: random.pick(networks),
      niveau: level,
      puissance_kw: level === 'Recharge rapide' ? random.pick([50, 100, 150]) : 7.2,
      nombre_bornes: random.int(1, 8),
      municipalite: city.name,
      code_geographique: city.code,
    };
  });
}

function trafficCounts(): string {
  const random = new Random(22);
  const roads = ['A-10', 'A-15', 'A-20', 'A-40', 'A-55', 'A-73', 'R-117', 'R-132', 'R-138', 'R-175'];
  const rows = [];
  for (let i = 0; i < 400; i++) {
    const road = random.pick(roads);
    const city = random.pick(CITIES);
    rows.push([
      `S${String(i + 1).padStart(5, '0')}`,
      road,
      city.name,
      random.pick([2021, 2022, 2023, 2024]),
      random.int(1200, 140000),
      random.float(4, 18, 1),
    ]);
  }
  return csv(
    ['section', 'route', 'municipalite', 'annee', 'debit_journalier_moyen_annuel', 'pourcentage_camions'],
    rows,
  );
}

function roadWorks(): string {
  const random = new Random(23);
  return featureCollection(
    Array.from({ length: 45 }, (_, i) => {
      const city = random.pick(CITIES);
      return lineFeature(random, pointNear(random, city, 10), random.int(2, 6), {
        chantier: `CH-2025-${String(i + 1).padStart(3, '0')}`,
        nature: random.pick(['Réfection de chaussée', 'Réparation de pont', 'Marquage', 'Glissières']),
        entrave: random.pick(['Fermeture complète', 'Une voie fermée', 'Circulation en alternance']),
        debut: random.date('2025-04-01', '2025-08-01'),
        fin: random.date('2025-08-02', '2025-11-15'),
        municipalite: city.name,
      });
    }),
  );
}

export function transportDatasets(): DemoDataset[] {
  const charging = chargers();
  return [
    {
      name: 'bornes-recharge-vehicules-electriques',
      title: {
        fr: 'Bornes de recharge pour véhicules électriques',
        en: 'Electric vehicle charging stations',
      },
      notes: fictitious(
        'Bornes de recharge publiques : réseau, niveau de recharge, puissance et nombre de bornes par emplacement.',
        'Public charging stations: network, charging level, power and number of chargers per site.',
      ),
      organization: 'transports',
      groups: ['transport', 'infrastructures'],
      tags: ['électrification des transports', 'bornes de recharge', 'mobilité durable', 'démonstration'],
      keywordsEn: ['electric vehicles', 'charging stations'],
      license: 'cc-by',
      frequency: 'weekly',
      bbox: QUEBEC_BBOX,
      ...TRANSPORT_CONTACT,
      resources: [
        {
          filename: 'bornes-recharge.geojson',
          name: { fr: 'Bornes (carte)', en: 'Stations (map)' },
          content: () => charging.geojson,
        },
        {
          filename: 'bornes-recharge.csv',
          name: { fr: 'Bornes (tableau)', en: 'Stations (table)' },
          content: () => charging.table,
        },
      ],
    },
    {
      name: 'debits-circulation-routiere',
      title: { fr: 'Débits de circulation sur le réseau routier', en: 'Traffic volumes on the road network' },
      notes: fictitious(
        'Débit journalier moyen annuel (DJMA) et part des camions par section de route.',
        'Annual average daily traffic (AADT) and share of trucks by road section.',
      ),
      organization: 'transports',
      groups: ['transport'],
      tags: ['circulation', 'réseau routier', 'DJMA', 'démonstration'],
      keywordsEn: ['traffic', 'roads'],
      license: 'cc-by',
      frequency: 'annual',
      temporal: ['2021-01-01', '2024-12-31'],
      bbox: QUEBEC_BBOX,
      ...TRANSPORT_CONTACT,
      resources: [
        {
          filename: 'debits-circulation.csv',
          name: { fr: 'Débits par section', en: 'Volumes by section' },
          content: trafficCounts,
        },
      ],
    },
    {
      name: 'chantiers-routiers',
      title: { fr: 'Chantiers routiers en cours', en: 'Current road works' },
      notes: fictitious(
        'Chantiers du réseau supérieur : nature des travaux, entraves et dates prévues.',
        'Road works on the provincial network: nature of the work, closures and planned dates.',
      ),
      organization: 'transports',
      groups: ['transport', 'infrastructures'],
      tags: ['chantiers', 'entraves', 'réseau routier', 'démonstration'],
      keywordsEn: ['road works'],
      license: 'cc-by',
      frequency: 'daily',
      temporal: ['2025-04-01', '2025-11-15'],
      bbox: QUEBEC_BBOX,
      ...TRANSPORT_CONTACT,
      resources: [
        {
          filename: 'chantiers-routiers.geojson',
          name: { fr: 'Chantiers (tracés)', en: 'Road works (lines)' },
          content: roadWorks,
        },
        { url: 'https://www.quebec511.info/', format: 'HTML', name: { fr: 'Québec 511', en: 'Québec 511' } },
      ],
    },
    {
      name: 'indicateurs-mobilite-brouillon',
      title: {
        fr: 'Indicateurs de mobilité durable (en préparation)',
        en: 'Sustainable mobility indicators (in preparation)',
      },
      notes: fictitious(
        'Brouillon : indicateurs de part modale et de kilomètres parcourus, en cours de validation.',
        'Draft: modal share and distance travelled indicators, being validated.',
      ),
      organization: 'transports',
      groups: ['transport'],
      tags: ['mobilité durable', 'indicateurs', 'démonstration'],
      keywordsEn: ['mobility'],
      license: 'cc-by',
      frequency: 'annual',
      ...TRANSPORT_CONTACT,
      draft: true,
      // Ready to publish: its publication page shows what would become public.
      resources: [
        {
          filename: 'indicateurs-mobilite-2025.csv',
          name: { fr: 'Indicateurs 2025 (à valider)', en: '2025 indicators (to be validated)' },
          content: () =>
            [
              'region;indicateur;valeur;unite',
              'Montréal;Part modale du transport collectif;24,5;%',
              'Capitale-Nationale;Part modale du transport collectif;12,1;%',
              'Montréal;Kilomètres parcourus par personne;18,2;km/jour',
              'Capitale-Nationale;Kilomètres parcourus par personne;27,4;km/jour',
            ].join('\n'),
        },
      ],
    },
  ];
}
