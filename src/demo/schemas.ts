import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { type Actor, SYSTEM } from '../modules/accounts/index.js';

const CATALOGUE = new URL('../modules/schemas/catalogue/', import.meta.url);

/** The two demo ecosystems' schemas: building permits (urban planning) and film works (culture). */
const SCHEMAS = [
  {
    name: 'permis-de-construction',
    title: { fr: 'Permis de construction', en: 'Building permits' },
    description: {
      fr: 'Les permis de construction délivrés par les municipalités, un par ligne, avec le code géographique de la municipalité vérifié contre le référentiel des municipalités.',
      en: 'Building permits issued by municipalities, one per row, with the municipality’s geographic code checked against the municipalities reference set.',
    },
    contact: 'schemas-urbanisme@quai.example',
    ecosystems: ['urbanisme'],
  },
  {
    name: 'oeuvres-cinematographiques',
    title: { fr: 'Œuvres cinématographiques', en: 'Film works' },
    description: {
      fr: 'Les œuvres d’un catalogue de films : titres, année, réalisation, production, durée, langue, pays et identifiants partagés (Wikidata), pour leur découvrabilité.',
      en: 'The works of a film catalogue: titles, year, direction, production, running time, language, country and shared identifiers (Wikidata), for their discoverability.',
    },
    contact: 'schemas-culture@quai.example',
    ecosystems: ['culture'],
  },
];

/** Publishes the demo schemas (version 1.0.0), once. */
export async function loadSchemasDemo(ctx: Context): Promise<void> {
  const published = new Set((await ctx.schemas.catalogue.list()).map((schema) => schema.name));
  for (const schema of SCHEMAS) {
    if (published.has(schema.name)) continue;
    await ctx.schemas.catalogue.publish(SYSTEM, {
      ...schema,
      version: '1.0.0',
      changelog: { fr: 'Première version.', en: 'First version.' },
      descriptor: JSON.parse(await readFile(new URL(`${schema.name}.json`, CATALOGUE), 'utf8')),
      example: await readFile(new URL(`${schema.name}.csv`, CATALOGUE), 'utf8'),
    });
  }
}

/** A year of fictitious permits of Bromont, with a few mistakes its report points out. */
export function bromontPermits(): string {
  const lines = [
    'numero,code_municipalite,municipalite,date_depot,date_emission,categorie,type_travaux,nombre_logements,valeur_travaux,adresse,latitude,longitude',
  ];
  const kinds = ['Construction neuve', 'Agrandissement', 'Rénovation', 'Démolition'];
  const categories = ['Résidentiel', 'Résidentiel', 'Commercial', 'Institutionnel'];
  for (let i = 1; i <= 120; i++) {
    const month = String(((i - 1) % 12) + 1).padStart(2, '0');
    const day = String(((i * 7) % 27) + 1).padStart(2, '0');
    const depot = i === 17 ? `${day}/${month}/2025` : `2025-${month}-${day}`;
    const category = i === 42 ? 'Mixte' : categories[i % 4];
    const code = i === 88 ? '46999' : '46078';
    lines.push(
      `BRO-2025-${String(i).padStart(3, '0')},${code},Bromont,${depot},,${category},${kinds[i % 4]},${i % 4 === 0 ? 1 : 0},${1000 * ((i * 37) % 400)},"${i}, rue des Érables",${(45.3 + (i % 50) / 1000).toFixed(4)},${(-72.65 - (i % 40) / 1000).toFixed(4)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Bromont publishes its permits following the urban-planning schema (validated after the load). */
export async function loadPermitsDemo(ctx: Context, publisher: Actor): Promise<void> {
  const name = 'permis-de-construction-bromont';
  if (await ctx.catalog.datasets.exists(name)) return;
  const stored = await ctx.blobs.put(Readable.from([Buffer.from(bromontPermits(), 'utf8')]), {
    maxBytes: ctx.config.maxUploadBytes,
  });
  await ctx.catalog.datasets.create(publisher, {
    name,
    title: {
      fr: 'Permis de construction de Bromont (2025, démonstration)',
      en: 'Bromont building permits (2025, demonstration)',
    },
    notes: {
      fr: 'Les permis de construction délivrés en 2025, selon le schéma partagé « permis-de-construction » de l’écosystème urbanisme. Données fictives de démonstration : le rapport de validation montre trois erreurs.',
      en: 'Building permits issued in 2025, following the urban-planning ecosystem’s shared schema "permis-de-construction". Fictitious demo data: the validation report shows three errors.',
    },
    ownerOrg: 'affaires-municipales',
    author: null,
    authorEmail: null,
    maintainer: null,
    maintainerEmail: null,
    licenseId: 'cc-by',
    url: null,
    version: null,
    updateFrequency: 'monthly',
    temporalStart: '2025-01-01',
    temporalEnd: '2025-12-31',
    bbox: null,
    languages: ['fr'],
    tags: ['permis', 'urbanisme', 'construction'],
    keywordsEn: ['permits', 'urban planning', 'construction'],
    groups: [],
    extras: {},
    resources: [
      {
        name: { fr: 'Permis 2025', en: '2025 permits' },
        description: { fr: 'Un permis par ligne.', en: 'One permit per row.' },
        format: 'CSV',
        mimetype: 'text/csv',
        resourceType: null,
        extras: { schema: 'permis-de-construction@1.0.0' },
        url: null,
        upload: { ...stored, filename: 'permis-bromont-2025.csv', mimetype: 'text/csv' },
      },
    ],
  });
}
