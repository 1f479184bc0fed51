import { randomUUID } from 'node:crypto';
import { readSubdivisions } from '../src/demo/places.js';
import { Random } from '../src/demo/random.js';
import { createDatasetRepo } from '../src/modules/catalog/datasets/dataset.repo.js';
import type { Db } from '../src/platform/db/index.js';

/** Themes with their subjects and tags: French vocabulary with realistic overlaps between themes. */
const THEMES: { name: string; title: string; euTheme: string; subjects: string[]; tags: string[] }[] = [
  {
    name: 'environnement',
    title: 'Environnement',
    euTheme: 'ENVI',
    subjects: [
      "Qualité de l'eau potable",
      "Qualité de l'air",
      'Émissions de gaz à effet de serre',
      'Aires protégées',
      'Milieux humides',
      'Espèces menacées',
      'Qualité des eaux de baignade',
      'Inventaire forestier',
      'Niveaux des lacs et rivières',
      'Déversements d’eaux usées',
    ],
    tags: ['environnement', 'eau', 'air', 'climat', 'biodiversité', 'forêt', 'pollution'],
  },
  {
    name: 'transport',
    title: 'Transport',
    euTheme: 'TRAN',
    subjects: [
      'Débits de circulation',
      'Pistes cyclables',
      'Bornes de recharge',
      'Horaires du transport collectif',
      'Collisions routières',
      'Stationnements',
      'Chantiers routiers',
      'Ponts et viaducs',
      'Déplacements à vélo',
      'Traverses maritimes',
    ],
    tags: ['transport', 'mobilité', 'vélo', 'routes', 'circulation', 'autobus'],
  },
  {
    name: 'economie',
    title: 'Économie et entreprises',
    euTheme: 'ECON',
    subjects: [
      'Permis de construction',
      'Entreprises inscrites',
      'Emplois par secteur',
      'Exportations',
      'Tourisme et nuitées',
      'Commerces de détail',
      'Mises en chantier',
      'Investissements privés',
    ],
    tags: ['économie', 'entreprises', 'emploi', 'tourisme', 'permis', 'construction'],
  },
  {
    name: 'finances',
    title: 'Gouvernement et finances',
    euTheme: 'GOVE',
    subjects: [
      'Budget de fonctionnement',
      'Contrats octroyés',
      'Dépenses par programme',
      'Rémunération des élus',
      'Évaluation foncière',
      'Taxes municipales',
      'Subventions versées',
      'Dette à long terme',
    ],
    tags: ['finances', 'budget', 'contrats', 'fiscalité', 'dépenses', 'gouvernement'],
  },
  {
    name: 'sante',
    title: 'Santé',
    euTheme: 'HEAL',
    subjects: [
      'Temps d’attente aux urgences',
      'Vaccination',
      'Cliniques et CLSC',
      'Naissances',
      'Maladies à déclaration obligatoire',
      'Lits de soins de longue durée',
    ],
    tags: ['santé', 'hôpitaux', 'vaccination', 'urgences', 'soins'],
  },
  {
    name: 'education',
    title: 'Éducation',
    euTheme: 'EDUC',
    subjects: [
      'Écoles primaires et secondaires',
      'Effectifs scolaires',
      'Taux de diplomation',
      'Services de garde éducatifs',
      'Bibliothèques scolaires',
      'Cégeps et universités',
    ],
    tags: ['éducation', 'écoles', 'élèves', 'diplomation', 'garderies'],
  },
  {
    name: 'culture',
    title: 'Société et culture',
    euTheme: 'SOCI',
    subjects: [
      'Lieux culturels',
      'Fréquentation des musées',
      'Bibliothèques publiques',
      'Patrimoine bâti',
      'Événements et festivals',
      'Art public',
    ],
    tags: ['culture', 'patrimoine', 'musées', 'bibliothèques', 'loisirs'],
  },
  {
    name: 'territoire',
    title: 'Territoire',
    euTheme: 'REGI',
    subjects: [
      'Limites administratives',
      'Adresses',
      'Zonage municipal',
      'Cadastre',
      'Toponymie',
      'Utilisation du sol',
      'Population par municipalité',
    ],
    tags: ['territoire', 'municipalités', 'géographie', 'adresses', 'zonage', 'population'],
  },
  {
    name: 'infrastructures',
    title: 'Infrastructures',
    euTheme: 'TECH',
    subjects: [
      "Réseau d'aqueduc",
      'Éclairage public',
      'Bâtiments municipaux',
      'Déneigement',
      'Collectes des matières résiduelles',
      'Bornes-fontaines',
    ],
    tags: ['infrastructures', 'aqueduc', 'déneigement', 'collectes', 'recyclage'],
  },
  {
    name: 'securite',
    title: 'Justice et sécurité publique',
    euTheme: 'JUST',
    subjects: [
      'Interventions des pompiers',
      'Infractions criminelles',
      'Appels au 911',
      'Sinistres et inondations',
    ],
    tags: ['sécurité', 'incendies', 'police', 'inondations'],
  },
  {
    name: 'agriculture',
    title: 'Agriculture et alimentation',
    euTheme: 'AGRI',
    subjects: [
      'Exploitations agricoles',
      'Inspections des aliments',
      'Marchés publics',
      'Production acéricole',
    ],
    tags: ['agriculture', 'alimentation', 'érable', 'fermes'],
  },
  {
    name: 'energie',
    title: 'Énergie',
    euTheme: 'ENER',
    subjects: [
      'Consommation d’électricité',
      'Production hydroélectrique',
      'Efficacité énergétique des bâtiments',
    ],
    tags: ['énergie', 'électricité', 'hydroélectricité'],
  },
];

const QUALIFIERS = [
  'par secteur',
  'par arrondissement',
  'annuel',
  'mensuel',
  'détaillé',
  'historique',
  'en temps réel',
  'par municipalité',
  'sommaire',
  'géoréférencé',
];
const FORMATS = ['CSV', 'CSV', 'CSV', 'GeoJSON', 'JSON', 'XLSX', 'PDF', 'SHP', 'ZIP'];
const LICENSES = ['cc-by', 'cc-by', 'cc-by', 'cc-by', 'cc-zero', 'ogl-canada-2.0', 'odc-odbl'];
const SENTENCES = [
  'Ce jeu de données présente {subject} pour {place}.',
  'Les données sont mises à jour régulièrement par {org}.',
  'Il comprend les informations détaillées sur {subject} depuis {year}.',
  'Les valeurs proviennent des systèmes de gestion de {org}.',
  'Utile pour les analyses régionales et la planification.',
  'Les coordonnées sont exprimées en degrés (WGS 84).',
];

export interface GeneratedCatalogue {
  datasets: number;
  seconds: number;
}

/** Fills an empty, migrated database with `count` datasets across 60 publishers and 12 themes. */
export async function generateCatalogue(db: Db, count: number, seed = 42): Promise<GeneratedCatalogue> {
  const started = performance.now();
  const random = new Random(seed);
  const places = readSubdivisions().map((subdivision) => subdivision.name);
  const organizations = Array.from({ length: 60 }, (_, i) => {
    const place = places[(i * 97) % places.length] as string;
    const kind = i < 20 ? 'Ministère' : i < 50 ? 'Ville de' : 'Organisme';
    return { id: randomUUID(), name: `org-${i}`, title: `${kind} ${place}` };
  });
  const groups = THEMES.map((theme) => ({ id: randomUUID(), ...theme }));
  await db.query(
    `INSERT INTO catalog.groups (id, name, is_organization, title_fr, eu_theme)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::text[])`,
    [
      [...organizations.map((o) => o.id), ...groups.map((g) => g.id)],
      [...organizations.map((o) => o.name), ...groups.map((g) => g.name)],
      [...organizations.map(() => true), ...groups.map(() => false)],
      [...organizations.map((o) => o.title), ...groups.map((g) => g.title)],
      [...organizations.map(() => null), ...groups.map((g) => g.euTheme)],
    ],
  );

  const batch = 2000;
  for (let offset = 0; offset < count; offset += batch) {
    const rows = Array.from({ length: Math.min(batch, count - offset) }, (_, i) =>
      datasetRow(random, offset + i, places, organizations, groups),
    );
    await insertDatasets(db, rows);
    await insertResources(db, rows, random);
  }
  const ids = (await db.query<{ id: string }>('SELECT id FROM catalog.datasets')).map((row) => row.id);
  const repo = createDatasetRepo(db);
  for (let offset = 0; offset < ids.length; offset += 10_000)
    await repo.refreshSearch(ids.slice(offset, offset + 10_000));
  // As autovacuum would: merge the GIN pending list (searches scan it linearly) and gather statistics.
  await db.exec('VACUUM ANALYZE');
  return { datasets: count, seconds: (performance.now() - started) / 1000 };
}

type Organization = { id: string; name: string; title: string };
type Theme = (typeof THEMES)[number] & { id: string };

function datasetRow(
  random: Random,
  index: number,
  places: string[],
  organizations: Organization[],
  groups: Theme[],
) {
  const theme = random.pick(groups);
  const second = random.next() < 0.25 ? random.pick(groups) : null;
  const subject = random.pick(theme.subjects);
  const place = random.pick(places);
  const year = random.int(2005, 2025);
  const organization = random.pick(organizations);
  const title = `${subject} ${random.pick(QUALIFIERS)} — ${place} ${year}`;
  const notes = Array.from({ length: random.int(2, 5) }, () =>
    random
      .pick(SENTENCES)
      .replace('{subject}', subject.toLowerCase())
      .replace('{place}', place)
      .replace('{org}', organization.title)
      .replace('{year}', String(year)),
  ).join(' ');
  const tags = new Set<string>();
  while (tags.size < random.int(2, 5)) tags.add(random.pick([...theme.tags, ...(second?.tags ?? [])]));
  const modified = new Date(Date.UTC(2015, 0, 1) + random.next() * 11 * 365 * 86_400_000);
  return {
    id: randomUUID(),
    name: `jeu-${index}-${subject
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`.slice(0, 100),
    owner_org: organization.id,
    title_fr: title,
    notes_fr: notes,
    license_id: random.pick(LICENSES),
    private: random.next() < 0.03,
    tags: [...tags],
    group_ids: second && second.id !== theme.id ? [theme.id, second.id] : [theme.id],
    modified,
  };
}

type DatasetRow = ReturnType<typeof datasetRow>;

async function insertDatasets(db: Db, rows: DatasetRow[]): Promise<void> {
  await db.query(
    `INSERT INTO catalog.datasets (id, name, state, private, owner_org, title_fr, notes_fr, license_id, tags, group_ids,
       metadata_created, metadata_modified)
     SELECT id, name, 'active', private, owner_org, title_fr, notes_fr, license_id,
       string_to_array(tags, '|'), string_to_array(group_ids, '|')::uuid[], modified, modified
     FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
       AS t(id, name, private, owner_org, title_fr, notes_fr, license_id, tags, group_ids, modified)`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.name),
      rows.map((r) => r.private),
      rows.map((r) => r.owner_org),
      rows.map((r) => r.title_fr),
      rows.map((r) => r.notes_fr),
      rows.map((r) => r.license_id),
      rows.map((r) => r.tags.join('|')),
      rows.map((r) => r.group_ids.join('|')),
      rows.map((r) => r.modified.toISOString()),
    ],
  );
}

async function insertResources(db: Db, rows: DatasetRow[], random: Random): Promise<void> {
  const resources = rows.flatMap((row) =>
    Array.from({ length: random.int(1, 4) }, (_, position) => {
      const format = random.pick(FORMATS);
      return { id: randomUUID(), dataset: row.id, position, format, name: `${format} ${position + 1}` };
    }),
  );
  await db.query(
    `INSERT INTO catalog.resources (id, dataset_id, position, url, name_fr, format)
     SELECT id, dataset, position, 'https://donnees.example/' || id || '.' || lower(format), name, format
     FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[]) AS t(id, dataset, position, format, name)`,
    [
      resources.map((r) => r.id),
      resources.map((r) => r.dataset),
      resources.map((r) => r.position),
      resources.map((r) => r.format),
      resources.map((r) => r.name),
    ],
  );
}

/** Realistic queries: single words and pairs, with and without accents, some filtered. */
export const QUERY_MIX: { q: string; fq?: string }[] = [
  { q: 'eau' },
  { q: 'qualité de l’eau' },
  { q: 'ecoles' },
  { q: 'municipalité' },
  { q: 'budget' },
  { q: 'vélo' },
  { q: 'transport collectif' },
  { q: 'permis de construction' },
  { q: 'santé urgences' },
  { q: 'forêt' },
  { q: 'déneigement' },
  { q: 'Montréal' },
  { q: 'bornes de recharge', fq: 'res_format:CSV' },
  { q: 'contrats', fq: 'organization:org-3' },
  { q: 'patrimoine', fq: 'groups:culture' },
  { q: 'population 2020' },
];

type Query = { q: string; fq?: string };

function vocabulary(): string[] {
  return THEMES.flatMap((theme) => [
    ...theme.subjects.map((subject) => subject.toLowerCase()),
    ...theme.tags,
  ]);
}

/**
 * Broad queries: each word of the catalogue's vocabulary alone, once, then with a theme filter —
 * the searches that match thousands of datasets, the costliest ones for ranking and facets.
 */
export function broadQueries(seed = 13): Query[] {
  const random = new Random(seed);
  const words = [...new Set(vocabulary())];
  return [
    ...words.map((q) => ({ q })),
    ...words.map((q) => ({ q, fq: `groups:${random.pick(THEMES).name}` })),
  ];
}

/** The `count` popular queries of a portal: words of its vocabulary, some with a theme filter. */
export function popularQueries(count: number, seed = 7): Query[] {
  const random = new Random(seed);
  const words = vocabulary();
  const head = new Map<string, Query>();
  while (head.size < count) {
    const query =
      random.next() < 0.7
        ? { q: random.pick(words) }
        : { q: random.pick(words), fq: `groups:${random.pick(THEMES).name}` };
    head.set(JSON.stringify(query), query);
  }
  return [...head.values()];
}

/**
 * Distinct queries, none asked twice, as new visitors and crawlers send them: a word alone, a word
 * with a place, with a year or with another word; a quarter of them filtered by a theme.
 */
export function distinctQueries(count: number, seed = 11): Query[] {
  const random = new Random(seed);
  const words = vocabulary();
  const places = readSubdivisions().map((subdivision) => subdivision.name);
  const queries = new Map<string, Query>();
  for (let tries = 0; queries.size < count && tries < count * 20; tries++) {
    const word = random.pick(words);
    const kind = random.next();
    const q =
      kind < 0.1
        ? word
        : kind < 0.45
          ? `${word} ${random.pick(places)}`
          : kind < 0.7
            ? `${word} ${random.int(2005, 2025)}`
            : `${word} ${random.pick(words)}`;
    const query = random.next() < 0.25 ? { q, fq: `groups:${random.pick(THEMES).name}` } : { q };
    queries.set(JSON.stringify(query), query);
  }
  return [...queries.values()];
}

/**
 * Search traffic as a portal sees it: 70 % of the requests ask one of the popular queries, drawn
 * with a Zipf law (a few very often, most rarely); 30 % are a long tail of specific queries asked
 * once (a word with a place or a year). Broad popular words match thousands of datasets.
 */
export function realisticTraffic(popular: Query[], requests: number, seed: number): Query[] {
  const random = new Random(seed);
  const weights = popular.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const fromHead = () => {
    let target = random.next() * total;
    for (const [index, weight] of weights.entries()) {
      target -= weight;
      if (target <= 0) return popular[index] as Query;
    }
    return popular[0] as Query;
  };
  // The tail: distinct queries, each used once, none of them a popular one.
  const asked = new Set(popular.map((query) => JSON.stringify(query)));
  const tail = distinctQueries(requests, seed + 1000).filter((query) => !asked.has(JSON.stringify(query)));
  let next = 0;
  const fromTail = () => tail[next++ % tail.length] as Query;
  return Array.from({ length: requests }, () => (random.next() < 0.7 ? fromHead() : fromTail()));
}
