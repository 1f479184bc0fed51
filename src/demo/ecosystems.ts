import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { type Actor, ANONYMOUS, SYSTEM } from '../modules/accounts/index.js';
import { Random } from './random.js';
import { bromontPermits } from './schemas.js';

const CATALOGUE = new URL('../modules/schemas/catalogue/', import.meta.url);

/** A dataset of one organisation whose single CSV follows a shared schema. */
interface SchemaDataset {
  name: string;
  organization: string;
  title: { fr: string; en: string };
  notes: { fr: string; en: string };
  tags: string[];
  keywordsEn: string[];
  frequency: string;
  temporal: [string, string] | null;
  schema: string;
  filename: string;
  content: string;
}

async function putSchemaDataset(ctx: Context, publisher: Actor, dataset: SchemaDataset): Promise<void> {
  if (await ctx.catalog.datasets.exists(dataset.name)) return;
  const stored = await ctx.blobs.put(Readable.from([Buffer.from(dataset.content, 'utf8')]), {
    maxBytes: ctx.config.maxUploadBytes,
  });
  await ctx.catalog.datasets.create(publisher, {
    name: dataset.name,
    title: dataset.title,
    notes: dataset.notes,
    ownerOrg: dataset.organization,
    author: null,
    authorEmail: null,
    maintainer: null,
    maintainerEmail: `donnees@${dataset.organization}.example`,
    licenseId: 'cc-by',
    url: null,
    version: null,
    updateFrequency: dataset.frequency,
    temporalStart: dataset.temporal?.[0] ?? null,
    temporalEnd: dataset.temporal?.[1] ?? null,
    bbox: null,
    languages: ['fr'],
    tags: dataset.tags,
    keywordsEn: dataset.keywordsEn,
    groups: [],
    extras: {},
    resources: [
      {
        name: { fr: dataset.title.fr, en: dataset.title.en },
        description: {
          fr: `Suit le schéma partagé ${dataset.schema}.`,
          en: `Follows the shared schema ${dataset.schema}.`,
        },
        format: 'CSV',
        mimetype: 'text/csv',
        resourceType: null,
        extras: { schema: dataset.schema },
        url: null,
        upload: { ...stored, filename: dataset.filename, mimetype: 'text/csv' },
      },
    ],
  });
}

/** A year of Sherbrooke's permits, all valid: the consolidated table's second municipality. */
export function sherbrookePermits(): string {
  const random = new Random(43027);
  const lines = [
    'numero,code_municipalite,municipalite,date_depot,date_emission,categorie,type_travaux,nombre_logements,valeur_travaux,adresse,latitude,longitude',
  ];
  const kinds = ['Construction neuve', 'Agrandissement', 'Rénovation', 'Démolition'];
  const categories = ['Résidentiel', 'Commercial', 'Industriel', 'Institutionnel'];
  const streets = ['rue King Ouest', 'rue Wellington Sud', 'boulevard de Portland', 'rue Galt Est'];
  for (let i = 1; i <= 80; i++) {
    const month = String(((i - 1) % 12) + 1).padStart(2, '0');
    const day = String(((i * 5) % 27) + 1).padStart(2, '0');
    const issued =
      i % 3 === 0 ? '' : `2025-${month}-${String(Math.min(28, Number(day) + 1)).padStart(2, '0')}`;
    lines.push(
      `SHE-2025-${String(i).padStart(4, '0')},43027,Sherbrooke,2025-${month}-${day},${issued},${categories[i % 4]},${kinds[(i * 3) % 4]},${i % 5 === 0 ? random.int(1, 12) : 0},${random.int(5, 900) * 1000},"${random.int(10, 3000)}, ${streets[i % 4]}",${(45.38 + random.int(0, 60) / 1000).toFixed(4)},${(-71.93 + random.int(0, 60) / 1000).toFixed(4)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const WORDS = {
  first: [
    'Les Aurores',
    'Nordet',
    'La Traversée',
    'Brume',
    'Le Quai',
    'Les Glaces',
    'Marée basse',
    'Le Rang',
  ],
  second: [
    'du fleuve',
    'de novembre',
    'des Appalaches',
    'sous la neige',
    'de l’aube',
    'du large',
    'à rebours',
    '',
  ],
  people: ['A. Exemple', 'B. Fictif', 'C. Modèle', 'D. Démo', 'E. Essai', 'F. Spécimen'],
  studios: ['Productions Exemple inc.', 'Coop Images fictives', 'Films Démo ltée', 'Studio Spécimen'],
};

/**
 * Fictitious film works (no real title, person, company or Wikidata item): the culture
 * ecosystem's two partners describe some of the same works with their own identifiers.
 */
export function filmWorks(seed: number, count: number, prefix: string, withCinematheque: boolean): string {
  const random = new Random(seed);
  const header = [
    'identifiant',
    'titre',
    'titre_original',
    'annee',
    'realisation',
    'production',
    'duree_minutes',
    'langue',
    'pays',
    'wikidata',
    ...(withCinematheque ? ['cinematheque'] : []),
  ];
  const lines = [header.join(',')];
  for (let i = 1; i <= count; i++) {
    const title = `${random.pick(WORDS.first)} ${random.pick(WORDS.second)}`.trim();
    const english = i % 4 === 0;
    const row = [
      `${prefix}-${String(i).padStart(4, '0')}`,
      title,
      english ? `The ${title.split(' ').pop()}` : '',
      String(random.int(1958, 2025)),
      `${random.pick(WORDS.people)}${i % 5 === 0 ? `; ${random.pick(WORDS.people)}` : ''}`,
      random.pick(WORDS.studios),
      String(i % 6 === 0 ? random.int(8, 30) : random.int(70, 150)),
      english ? 'en' : 'fr',
      i % 7 === 0 ? 'FR' : 'CA',
      '',
      ...(withCinematheque ? [String(10_000 + i * 13)] : []),
    ];
    lines.push(
      row.map((value) => (/[,"]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Version 1.1.0 of the film-works schema: the Cinémathèque's identifier, optional. */
async function publishFilmSchema11(ctx: Context): Promise<void> {
  const schema = await ctx.schemas.catalogue.get('oeuvres-cinematographiques');
  if (schema.versions.some((version) => version.version === '1.1.0')) return;
  const descriptor = JSON.parse(
    await readFile(new URL('oeuvres-cinematographiques.json', CATALOGUE), 'utf8'),
  );
  descriptor.version = '1.1.0';
  descriptor.fields.push({
    name: 'cinematheque',
    title: 'Identifiant de l’œuvre à la Cinémathèque',
    type: 'string',
    constraints: { pattern: '[0-9]{1,10}' },
  });
  const example = (await readFile(new URL('oeuvres-cinematographiques.csv', CATALOGUE), 'utf8'))
    .trim()
    .split('\n')
    .map((line, i) => `${line},${i === 0 ? 'cinematheque' : String(1000 + i)}`)
    .join('\n');
  await ctx.schemas.catalogue.publish(SYSTEM, {
    name: schema.name,
    version: '1.1.0',
    title: schema.title,
    description: schema.description,
    contact: schema.contact,
    ecosystems: schema.ecosystems,
    changelog: {
      fr: 'Ajout de la colonne facultative « cinematheque » : l’identifiant de l’œuvre à la Cinémathèque.',
      en: 'New optional column "cinematheque": the work’s identifier at the Cinémathèque.',
    },
    descriptor,
    example: `${example}\n`,
  });
}

/**
 * The two demo ecosystems: culture / cinema (the ministry with two fictitious partners and their
 * film catalogues) and urban planning (the ministry with Bromont and Sherbrooke and their
 * permits), their consolidated tables built by the jobs; and a municipality waiting to join.
 */
export async function loadEcosystemsDemo(ctx: Context, publisher: Actor): Promise<void> {
  await publishFilmSchema11(ctx);
  const { ecosystems } = ctx.schemas;
  if (!(await ecosystems.repo.get('culture'))) {
    await ecosystems.put(SYSTEM, {
      slug: 'culture',
      title: { fr: 'Culture — cinéma', en: 'Culture — film' },
      purpose: {
        fr: 'Rendre les œuvres cinématographiques québécoises découvrables : une dizaine de partenaires publient leurs catalogues de films sous licence ouverte, selon un même schéma, pour qu’un service de découvrabilité les réunisse.',
        en: 'Make Québec film works discoverable: about ten partners publish their film catalogues under open licences, following one schema, so that a discoverability service can bring them together.',
      },
      governance: {
        fr: 'Le ministère de la Culture anime l’écosystème et tient le schéma « oeuvres-cinematographiques » ; les membres proposent les changements, adoptés à la rencontre trimestrielle ; toute nouvelle version reste compatible un an.',
        en: 'The Ministry of Culture leads the ecosystem and keeps the "oeuvres-cinematographiques" schema; members propose changes, adopted at the quarterly meeting; every new version stays compatible for a year.',
      },
      leadOrganization: 'culture',
      contact: 'ecosysteme-culture@quai.example',
    });
    await ecosystems.repo.putMember(
      'culture',
      await orgId(ctx, 'cinematheque-exemple'),
      'member',
      'catalogue@cinematheque-exemple.example',
    );
    await ecosystems.repo.putMember(
      'culture',
      await orgId(ctx, 'cineclub-de-la-riviere'),
      'member',
      'programmation@cineclub.example',
    );
  }
  if (!(await ecosystems.repo.get('urbanisme'))) {
    await ecosystems.put(SYSTEM, {
      slug: 'urbanisme',
      title: { fr: 'Urbanisme', en: 'Urban planning' },
      purpose: {
        fr: 'Les municipalités publient leurs permis de construction selon un même schéma, chaque code de municipalité vérifié contre le référentiel : une seule table pour tout le Québec.',
        en: 'Municipalities publish their building permits following one schema, each municipality code checked against the reference set: one table for all of Québec.',
      },
      governance: {
        fr: 'Le ministère des Affaires municipales tient le schéma « permis-de-construction » et accompagne les municipalités qui se joignent ; jalon : deux nouvelles municipalités ou organismes publient au moins un jeu de données.',
        en: 'The municipal affairs ministry keeps the "permis-de-construction" schema and helps the municipalities that join; milestone: two new municipalities or bodies publish at least one dataset.',
      },
      leadOrganization: 'affaires-municipales',
      contact: 'ecosysteme-urbanisme@quai.example',
    });
    await ecosystems.repo.putMember(
      'urbanisme',
      await orgId(ctx, 'ville-de-bromont'),
      'member',
      'urbanisme@bromont.example',
    );
    await ecosystems.repo.putMember(
      'urbanisme',
      await orgId(ctx, 'ville-de-sherbrooke'),
      'member',
      'urbanisme@sherbrooke.example',
    );
    await ecosystems.repo.putMember('urbanisme', await orgId(ctx, 'ville-de-montreal'), 'observer', null);
  }
  for (const dataset of datasets()) await putSchemaDataset(ctx, publisher, dataset);
  // A municipality waiting for a sysadmin's decision (its account: granby-demo@quai.example).
  if ((await ctx.schemas.partners.repo.list({ status: null, userId: null, limit: 1 })).length === 0)
    await ctx.schemas.partners.submit(ANONYMOUS, {
      organizationTitle: 'Ville de Granby',
      kind: 'municipalite',
      municipalityCode: '47017',
      contactName: 'Responsable des données de Granby (démo)',
      contactEmail: 'granby-demo@quai.example',
      password: 'motdepasse-granby-demo',
      plans:
        'Nos permis de construction chaque mois, selon le schéma de l’écosystème urbanisme, puis nos parcs et nos collectes.',
      ecosystem: 'urbanisme',
    });
}

async function orgId(ctx: Context, name: string): Promise<string> {
  return (await ctx.catalog.groups.require('organization', name)).id;
}

function datasets(): SchemaDataset[] {
  const permits = {
    tags: ['permis', 'urbanisme', 'construction'],
    keywordsEn: ['permits', 'urban planning', 'construction'],
    frequency: 'monthly',
    temporal: ['2025-01-01', '2025-12-31'] as [string, string],
    schema: 'permis-de-construction@1.0.0',
  };
  const films = {
    tags: ['cinéma', 'films', 'culture'],
    keywordsEn: ['film', 'culture'],
    frequency: 'quarterly',
    temporal: null,
  };
  return [
    {
      ...permits,
      name: 'permis-de-construction-bromont',
      organization: 'ville-de-bromont',
      title: {
        fr: 'Permis de construction de Bromont (2025, démonstration)',
        en: 'Bromont building permits (2025, demonstration)',
      },
      notes: {
        fr: 'Les permis de construction délivrés en 2025, selon le schéma partagé « permis-de-construction » de l’écosystème urbanisme. Données fictives de démonstration : le rapport de validation montre trois erreurs.',
        en: 'Building permits issued in 2025, following the urban-planning ecosystem’s shared schema "permis-de-construction". Fictitious demo data: the validation report shows three errors.',
      },
      filename: 'permis-bromont-2025.csv',
      content: bromontPermits(),
    },
    {
      ...permits,
      name: 'permis-de-construction-sherbrooke',
      organization: 'ville-de-sherbrooke',
      title: {
        fr: 'Permis de construction de Sherbrooke (2025, démonstration)',
        en: 'Sherbrooke building permits (2025, demonstration)',
      },
      notes: {
        fr: 'Les permis délivrés en 2025, selon le schéma « permis-de-construction ». Données fictives de démonstration, toutes valides.',
        en: 'Permits issued in 2025, following the "permis-de-construction" schema. Fictitious demo data, all valid.',
      },
      filename: 'permis-sherbrooke-2025.csv',
      content: sherbrookePermits(),
    },
    {
      ...films,
      name: 'catalogue-oeuvres-cinematheque-exemple',
      organization: 'cinematheque-exemple',
      title: {
        fr: 'Catalogue des œuvres de la Cinémathèque Exemple (fictif)',
        en: 'Cinémathèque Exemple catalogue of works (fictitious)',
      },
      notes: {
        fr: 'Les œuvres conservées, selon le schéma « oeuvres-cinematographiques » 1.1.0, avec l’identifiant de chaque œuvre à la Cinémathèque. Œuvres, personnes et sociétés fictives (démonstration).',
        en: 'The works it keeps, following the "oeuvres-cinematographiques" schema 1.1.0, with each work’s Cinémathèque identifier. Fictitious works, people and companies (demonstration).',
      },
      schema: 'oeuvres-cinematographiques@1.1.0',
      filename: 'oeuvres-cinematheque.csv',
      content: filmWorks(1961, 60, 'CIN', true),
    },
    {
      ...films,
      name: 'films-presentes-cineclub-de-la-riviere',
      organization: 'cineclub-de-la-riviere',
      title: {
        fr: 'Films présentés par le Ciné-club de la Rivière (fictif)',
        en: 'Films shown by the Ciné-club de la Rivière (fictitious)',
      },
      notes: {
        fr: 'Les films présentés depuis la fondation du ciné-club, selon le schéma « oeuvres-cinematographiques » 1.0.0. Œuvres fictives (démonstration).',
        en: 'The films shown since the club was founded, following the "oeuvres-cinematographiques" schema 1.0.0. Fictitious works (demonstration).',
      },
      schema: 'oeuvres-cinematographiques@1.0.0',
      filename: 'films-cineclub.csv',
      content: filmWorks(1987, 24, 'CCR', false),
    },
  ];
}
