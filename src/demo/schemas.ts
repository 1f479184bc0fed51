import { readFile } from 'node:fs/promises';
import type { Context } from '../context.js';
import { SYSTEM } from '../modules/accounts/index.js';

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
