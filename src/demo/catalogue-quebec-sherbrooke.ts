import { boxFeature, csv, featureCollection, pointFeature, pointNear } from './files.js';
import { CITIES, type City, cityBbox } from './places.js';
import { type DemoDataset, fictitious } from './publishers.js';
import { Random } from './random.js';

const QUEBEC = CITIES[1] as City;
const SHERBROOKE = CITIES[5] as City;
const QUEBEC_DISTRICTS = [
  'La Cité-Limoilou',
  'Les Rivières',
  'Sainte-Foy–Sillery–Cap-Rouge',
  'Charlesbourg',
  'Beauport',
  'La Haute-Saint-Charles',
];
const SHERBROOKE_SECTORS = [
  'Brompton–Rock Forest–Saint-Élie–Deauville',
  'Fleurimont',
  'Lennoxville',
  'Des Nations',
];

function permits(): string {
  const random = new Random(41);
  const kinds = ['Construction neuve', 'Rénovation', 'Agrandissement', 'Démolition', 'Changement d’usage'];
  const rows = [];
  for (let i = 0; i < 900; i++) {
    rows.push([
      `2024-${String(i + 1).padStart(5, '0')}`,
      random.date('2024-01-01', '2024-12-31'),
      random.pick(kinds),
      random.pick(QUEBEC_DISTRICTS),
      random.int(5_000, 2_500_000),
      random.int(0, 12),
    ]);
  }
  return csv(
    ['numero_permis', 'date_emission', 'type_travaux', 'arrondissement', 'valeur_travaux', 'logements_crees'],
    rows,
  );
}

function budget(): string {
  const random = new Random(42);
  const activities = [
    'Administration générale',
    'Sécurité publique',
    'Transport',
    'Hygiène du milieu',
    'Santé et bien-être',
    'Aménagement et urbanisme',
    'Loisirs et culture',
    'Frais de financement',
  ];
  const rows = [];
  for (const year of [2022, 2023, 2024, 2025]) {
    for (const activity of activities)
      rows.push([year, activity, random.int(20, 420) * 1_000_000, random.int(18, 430) * 1_000_000]);
  }
  return csv(['exercice', 'activite', 'budget_adopte', 'depenses_reelles'], rows);
}

function parks(): string {
  const random = new Random(43);
  return featureCollection(
    Array.from({ length: 50 }, (_, i) =>
      boxFeature(pointNear(random, QUEBEC, 9), random.float(0.002, 0.01, 4), random.float(0.001, 0.006, 4), {
        identifiant: i + 1,
        nom: `Parc ${['des Saules', 'du Moulin', 'de la Falaise', 'des Érables', 'Maizerets', 'de la Chute'][i % 6]} ${i + 1}`,
        arrondissement: random.pick(QUEBEC_DISTRICTS),
        aire_de_jeux: random.next() < 0.6,
        patinoire: random.next() < 0.3,
      }),
    ),
  );
}

function snowRemoval(): string {
  const random = new Random(44);
  const rows = [];
  for (let day = 0; day < 90; day++) {
    const date = new Date(Date.UTC(2024, 11, 1 + day)).toISOString().slice(0, 10);
    for (const district of QUEBEC_DISTRICTS)
      rows.push([
        date,
        district,
        random.int(0, 35),
        random.pick(['Aucune', 'Déblaiement', 'Chargement', 'Épandage']),
      ]);
  }
  return csv(['date', 'arrondissement', 'precipitations_cm', 'operation'], rows);
}

function collections(): string {
  const random = new Random(51);
  const rows = [];
  for (const sector of SHERBROOKE_SECTORS) {
    for (let week = 0; week < 52; week++) {
      const date = new Date(Date.UTC(2025, 0, 6 + week * 7 + random.int(0, 4))).toISOString().slice(0, 10);
      rows.push([sector, date, week % 2 === 0 ? 'Ordures' : 'Recyclage', 'Compost']);
    }
  }
  return csv(['secteur', 'date', 'collecte_principale', 'collecte_secondaire'], rows);
}

function waterUse(): string {
  const random = new Random(52);
  const rows = [];
  for (let month = 1; month <= 24; month++) {
    const date = `${2023 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
    for (const sector of SHERBROOKE_SECTORS) rows.push([date, sector, random.int(180_000, 520_000)]);
  }
  return csv(['mois', 'secteur', 'consommation_m3'], rows);
}

function libraries(): string {
  const random = new Random(53);
  return featureCollection(
    ['Éva-Senécal', 'Memphrémagog', 'de Fleurimont', 'de Lennoxville', 'de Rock Forest', 'de Brompton'].map(
      (name, i) =>
        pointFeature(pointNear(random, SHERBROOKE, 6), {
          identifiant: i + 1,
          nom: `Bibliothèque ${name}`,
          secteur: random.pick(SHERBROOKE_SECTORS),
          heures_semaine: random.int(30, 70),
        }),
    ),
  );
}

export function quebecAndSherbrookeDatasets(): DemoDataset[] {
  const quebec = {
    organization: 'ville-de-quebec',
    bbox: cityBbox(QUEBEC),
    maintainer: 'Bureau des données',
    maintainerEmail: 'donnees@quebec.quai.example',
  };
  const sherbrooke = {
    organization: 'ville-de-sherbrooke',
    bbox: cityBbox(SHERBROOKE),
    maintainer: 'Service des technologies',
    maintainerEmail: 'donnees@sherbrooke.quai.example',
  };
  return [
    {
      name: 'permis-construction-quebec',
      title: { fr: 'Permis de construction délivrés', en: 'Building permits issued' },
      notes: fictitious(
        'Permis délivrés par type de travaux, valeur déclarée et logements créés.',
        'Permits issued by type of work, declared value and housing units created.',
      ),
      ...quebec,
      groups: ['economie-et-entreprises', 'territoire'],
      tags: ['permis', 'construction', 'habitation', 'démonstration'],
      keywordsEn: ['building permits', 'housing'],
      license: 'cc-by',
      frequency: 'monthly',
      temporal: ['2024-01-01', '2024-12-31'],
      resources: [
        { filename: 'permis-2024.csv', name: { fr: 'Permis 2024', en: '2024 permits' }, content: permits },
      ],
    },
    {
      name: 'budget-fonctionnement-quebec',
      title: { fr: 'Budget de fonctionnement par activité', en: 'Operating budget by activity' },
      notes: fictitious(
        'Budget adopté et dépenses réelles par grande activité municipale.',
        'Adopted budget and actual spending by municipal activity.',
      ),
      ...quebec,
      groups: ['gouvernement-et-finances'],
      tags: ['budget', 'finances municipales', 'démonstration'],
      keywordsEn: ['budget', 'municipal finance'],
      license: 'cc-by',
      frequency: 'annual',
      temporal: ['2022-01-01', '2025-12-31'],
      resources: [
        {
          filename: 'budget-2022-2025.csv',
          name: { fr: 'Budget 2022-2025', en: '2022-2025 budget' },
          content: budget,
          // Last year's edition, before 2025 was added: the resource's version 1.
          earlier: {
            filename: 'budget-2022-2024.csv',
            content: () =>
              budget()
                .split('\n')
                .filter((line) => !line.startsWith('2025,'))
                .join('\n'),
          },
        },
      ],
    },
    {
      name: 'parcs-espaces-verts-quebec',
      title: { fr: 'Parcs et espaces verts', en: 'Parks and green spaces' },
      notes: fictitious(
        'Parcs municipaux avec leurs équipements (aires de jeux, patinoires).',
        'Municipal parks with their facilities (playgrounds, rinks).',
      ),
      ...quebec,
      groups: ['societe-et-culture', 'environnement'],
      tags: ['parcs', 'loisirs', 'espaces verts', 'démonstration'],
      keywordsEn: ['parks', 'leisure'],
      license: 'cc-by',
      frequency: 'annual',
      resources: [
        {
          filename: 'parcs.geojson',
          name: { fr: 'Parcs (polygones)', en: 'Parks (polygons)' },
          content: parks,
        },
      ],
    },
    {
      name: 'operations-deneigement-quebec',
      title: { fr: 'Opérations de déneigement', en: 'Snow removal operations' },
      notes: fictitious(
        'Précipitations et opérations de déneigement par arrondissement, jour par jour.',
        'Snowfall and snow removal operations by borough, day by day.',
      ),
      ...quebec,
      groups: ['infrastructures', 'transport'],
      tags: ['déneigement', 'hiver', 'démonstration'],
      keywordsEn: ['snow removal', 'winter'],
      license: 'cc-by',
      frequency: 'daily',
      temporal: ['2024-12-01', '2025-02-28'],
      resources: [
        {
          filename: 'deneigement-2024-2025.csv',
          name: { fr: 'Hiver 2024-2025', en: 'Winter 2024-2025' },
          content: snowRemoval,
        },
      ],
    },
    {
      name: 'collectes-matieres-residuelles-sherbrooke',
      title: { fr: 'Calendrier des collectes de matières résiduelles', en: 'Waste collection calendar' },
      notes: fictitious(
        'Dates de collecte des ordures, du recyclage et du compost par secteur.',
        'Garbage, recycling and compost collection dates by sector.',
      ),
      ...sherbrooke,
      groups: ['environnement', 'infrastructures'],
      tags: ['collectes', 'recyclage', 'compost', 'démonstration'],
      keywordsEn: ['waste collection', 'recycling'],
      license: 'cc-by',
      frequency: 'annual',
      temporal: ['2025-01-01', '2025-12-31'],
      resources: [
        {
          filename: 'collectes-2025.csv',
          name: { fr: 'Calendrier 2025', en: '2025 calendar' },
          content: collections,
        },
      ],
    },
    {
      name: 'consommation-eau-potable-sherbrooke',
      title: { fr: "Consommation d'eau potable par secteur", en: 'Drinking water use by sector' },
      notes: fictitious(
        "Volumes d'eau potable distribués chaque mois par secteur.",
        'Monthly drinking water volumes distributed by sector.',
      ),
      ...sherbrooke,
      groups: ['environnement', 'infrastructures'],
      tags: ['eau potable', 'consommation', 'démonstration'],
      keywordsEn: ['water use'],
      license: 'cc-by',
      frequency: 'monthly',
      temporal: ['2023-01-01', '2024-12-31'],
      resources: [
        {
          filename: 'consommation-eau.csv',
          name: { fr: 'Consommation mensuelle', en: 'Monthly use' },
          content: waterUse,
        },
      ],
    },
    {
      name: 'bibliotheques-sherbrooke',
      title: { fr: 'Bibliothèques et points de service', en: 'Libraries and service points' },
      notes: fictitious(
        'Bibliothèques municipales et heures d’ouverture hebdomadaires.',
        'Municipal libraries and weekly opening hours.',
      ),
      ...sherbrooke,
      groups: ['societe-et-culture'],
      tags: ['bibliothèques', 'culture', 'démonstration'],
      keywordsEn: ['libraries'],
      license: 'cc-by',
      frequency: 'irregular',
      resources: [
        {
          filename: 'bibliotheques.geojson',
          name: { fr: 'Bibliothèques (carte)', en: 'Libraries (map)' },
          content: libraries,
        },
      ],
    },
  ];
}
