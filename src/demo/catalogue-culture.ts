import { csv, sites } from './files.js';
import { CITIES, QUEBEC_BBOX } from './places.js';
import { type DemoDataset, fictitious } from './publishers.js';
import { Random } from './random.js';

const CONTACT = {
  maintainer: 'Direction des données culturelles',
  maintainerEmail: 'donnees-culture@quai.example',
};

function venues(): { geojson: string; table: string } {
  const random = new Random(61);
  const kinds = [
    'Salle de spectacle',
    'Musée',
    'Bibliothèque',
    'Centre d’artistes',
    'Cinéma',
    'Lieu patrimonial',
  ];
  return sites(random, 180, 5, (city, i) => ({
    identifiant: `LC-${i + 1}`,
    nom: `${random.pick(kinds)} ${city.name} ${i + 1}`,
    categorie: random.pick(kinds),
    municipalite: city.name,
    code_geographique: city.code,
    accessible_fauteuil: random.next() < 0.7,
  }));
}

function attendance(): string {
  const random = new Random(62);
  const museums = [
    'Musée de la civilisation',
    'Musée national des beaux-arts',
    'Musée d’art contemporain',
    'Pointe-à-Callière',
    'Musée régional de Rimouski',
    'Musée des beaux-arts de Sherbrooke',
  ];
  const rows = [];
  for (let year = 2015; year <= 2024; year++) {
    for (const museum of museums) {
      const closed = year === 2020 || year === 2021;
      rows.push([year, museum, closed ? random.int(20_000, 150_000) : random.int(60_000, 900_000)]);
    }
  }
  return csv(['annee', 'musee', 'visiteurs'], rows);
}

function grants(): string {
  const random = new Random(63);
  const programs = [
    'Aide au fonctionnement',
    'Aide aux projets',
    'Entente de développement culturel',
    'Patrimoine religieux',
  ];
  const rows = [];
  for (let i = 0; i < 500; i++) {
    const city = random.pick(CITIES);
    rows.push([
      `OC-${1000 + i}`,
      `Organisme culturel ${i + 1}`,
      city.name,
      random.pick(programs),
      random.pick([2023, 2024, 2025]),
      random.int(5, 300) * 1000,
    ]);
  }
  return csv(['numero_dossier', 'organisme', 'municipalite', 'programme', 'exercice', 'montant'], rows);
}

export function cultureDatasets(): DemoDataset[] {
  const places = venues();
  const common = { organization: 'culture', bbox: QUEBEC_BBOX, ...CONTACT };
  return [
    {
      ...common,
      name: 'repertoire-lieux-culturels',
      title: { fr: 'Répertoire des lieux culturels', en: 'Directory of cultural venues' },
      notes: fictitious(
        'Salles de spectacle, musées, bibliothèques et lieux patrimoniaux, avec leur accessibilité.',
        'Performance halls, museums, libraries and heritage sites, with their accessibility.',
      ),
      groups: ['societe-et-culture'],
      tags: ['culture', 'lieux culturels', 'patrimoine', 'démonstration'],
      keywordsEn: ['culture', 'venues', 'heritage'],
      license: 'cc-by',
      frequency: 'quarterly',
      resources: [
        {
          filename: 'lieux-culturels.geojson',
          name: { fr: 'Lieux (carte)', en: 'Venues (map)' },
          content: () => places.geojson,
        },
        {
          filename: 'lieux-culturels.csv',
          name: { fr: 'Lieux (tableau)', en: 'Venues (table)' },
          content: () => places.table,
        },
      ],
    },
    {
      ...common,
      name: 'frequentation-musees',
      title: { fr: 'Fréquentation des musées', en: 'Museum attendance' },
      notes: fictitious(
        'Nombre annuel de visiteurs des principaux musées depuis 2015.',
        'Annual number of visitors to the main museums since 2015.',
      ),
      groups: ['societe-et-culture'],
      tags: ['musées', 'fréquentation', 'démonstration'],
      keywordsEn: ['museums', 'attendance'],
      license: 'cc-by',
      frequency: 'annual',
      temporal: ['2015-01-01', '2024-12-31'],
      resources: [
        {
          filename: 'frequentation-musees.csv',
          name: { fr: 'Visiteurs par année', en: 'Visitors by year' },
          content: attendance,
        },
      ],
    },
    {
      ...common,
      name: 'aide-financiere-organismes-culturels',
      title: {
        fr: 'Aide financière aux organismes culturels',
        en: 'Financial support to cultural organisations',
      },
      notes: fictitious(
        'Montants accordés par programme, organisme et exercice financier.',
        'Amounts granted by programme, organisation and fiscal year.',
      ),
      groups: ['societe-et-culture', 'gouvernement-et-finances'],
      tags: ['subventions', 'culture', 'démonstration'],
      keywordsEn: ['grants', 'culture'],
      license: 'cc-by',
      frequency: 'annual',
      temporal: ['2023-01-01', '2025-12-31'],
      resources: [
        {
          filename: 'aide-financiere.csv',
          name: { fr: 'Aides accordées', en: 'Grants awarded' },
          content: grants,
        },
      ],
    },
    {
      ...common,
      name: 'inventaire-interne-actifs-numeriques',
      organization: 'affaires-municipales',
      title: { fr: 'Inventaire interne des actifs numériques', en: 'Internal inventory of digital assets' },
      notes: fictitious(
        'Jeu de données privé : visible des seuls membres de l’organisation.',
        'Private dataset: visible to the organisation’s members only.',
      ),
      groups: ['gouvernement-et-finances'],
      tags: ['interne', 'démonstration'],
      keywordsEn: ['internal'],
      license: 'other-closed',
      frequency: 'irregular',
      private: true,
      resources: [
        {
          filename: 'actifs-numeriques.csv',
          name: { fr: 'Inventaire', en: 'Inventory' },
          content: () =>
            csv(
              ['actif', 'responsable'],
              [
                ['Serveur de fichiers', 'Direction des TI'],
                ['Portail intranet', 'Communications'],
              ],
            ),
        },
      ],
    },
  ];
}
