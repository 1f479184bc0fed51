import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import type { Actor } from '../modules/accounts/index.js';
import { builtinSnapshots, fictitiousMunicipalities } from '../modules/reference/index.js';

/**
 * The reference sets' first versions (2016 files, the 17 regions, ISO countries), then the
 * municipalities' second version — FICTITIOUS, marked so everywhere — to show versions,
 * successors and retirements.
 */
export async function loadReferenceDemo(ctx: Context): Promise<void> {
  const snapshots = await builtinSnapshots();
  for (const snapshot of snapshots) await ctx.reference.publishing.publish(snapshot, { by: 'demo' });
  const municipalities = snapshots.find((snapshot) => snapshot.set === 'municipalites');
  if (municipalities)
    await ctx.reference.publishing.publish(fictitiousMunicipalities(municipalities), { by: 'demo' });
}

/** Fictitious eco-centres of the MRC Brome-Missisquoi, with the code of their municipality. */
const ECOCENTRES = [
  ['Écocentre de Bromont', '46078', 'Bromont', '2026-09-01'],
  ['Écocentre de Cowansville', '46080', 'Cowansville', '2026-09-01'],
  ['Écocentre de Lac-Brome', '46075', 'Lac-Brome', '2026-09-01'],
  ['Dépôt de Stanbridge Station', '46030', 'Stanbridge Station', '2026-09-01'],
  ['Dépôt de Brome', '46070', 'Brome', '2026-09-01'],
  ['Écocentre de Sutton', '46058', 'Sutton-Ouest', '2026-09-01'],
  ['Dépôt de Farnham', '46112', 'Farnham', '2026-09-01'],
  ['Dépôt sans code valide', '46999', 'Inconnue', '2026-09-01'],
  ['Écocentre de Bedford', '46035', 'Bedford', '2026-09-01'],
  ['Dépôt de Frelighsburg', '46010', 'Frelighsburg', '2026-09-01'],
] as const;

/**
 * A dataset whose column of municipality codes is bound to the reference set: its integrity
 * report shows codes retired since (with their successors), an unknown code and a name that is
 * not the official one. Written through the DataStore API, then bound in its data dictionary.
 */
export async function loadIntegrityDemo(ctx: Context, publisher: Actor): Promise<void> {
  const name = 'ecocentres-brome-missisquoi';
  if (await ctx.catalog.datasets.exists(name)) return;
  const dataset = await ctx.catalog.datasets.create(publisher, {
    name,
    title: {
      fr: 'Écocentres de Brome-Missisquoi (démonstration)',
      en: 'Eco-centres of Brome-Missisquoi (demonstration)',
    },
    notes: {
      fr: 'Écocentres et dépôts avec le code géographique de leur municipalité, vérifié contre le référentiel des municipalités. Données fictives de démonstration : le référentiel courant de la démonstration est une version FICTIVE.',
      en: 'Eco-centres and drop-off points with the geographic code of their municipality, checked against the municipalities reference set. Fictitious demo data: the demo’s current reference version is FICTITIOUS.',
    },
    ownerOrg: 'affaires-municipales',
    author: null,
    authorEmail: null,
    maintainer: null,
    maintainerEmail: null,
    licenseId: 'cc-by',
    url: null,
    version: null,
    updateFrequency: 'irregular',
    temporalStart: null,
    temporalEnd: null,
    bbox: null,
    languages: ['fr'],
    tags: ['écocentres', 'matières résiduelles', 'municipalités'],
    keywordsEn: ['eco-centres', 'waste', 'municipalities'],
    groups: ['environnement'],
    extras: {},
  });
  const id = randomUUID();
  await ctx.catalog.resources.create(publisher, dataset.id, {
    id,
    url: `${ctx.config.baseUrl}/datastore/dump/${id}`,
    name: { fr: 'Écocentres', en: 'Eco-centres' },
    description: { fr: 'Une ligne par lieu.', en: 'One row per place.' },
    format: 'CSV',
    mimetype: 'text/csv',
    resourceType: null,
    extras: {},
    upload: null,
  });
  await ctx.datastore.writes.create(publisher, {
    resourceId: id,
    fields: [
      { id: 'nom', type: 'text', info: { label: 'Nom' } },
      { id: 'code_municipalite', type: 'text', info: { label: 'Code géographique de la municipalité' } },
      { id: 'municipalite', type: 'text', info: { label: 'Municipalité' } },
      { id: 'date_releve', type: 'date', info: { label: 'Date du relevé' } },
    ],
    primaryKey: ['nom'],
    records: ECOCENTRES.map(([nom, code, municipalite, date]) => ({
      nom,
      code_municipalite: code,
      municipalite,
      date_releve: date,
    })),
  });
  await ctx.datastore.dictionary.update(publisher, id, [
    {
      id: 'code_municipalite',
      label: { fr: 'Code géographique de la municipalité', en: 'Municipality geographic code' },
      description: {},
      type: 'auto',
      reference: { set: 'municipalites', asOfColumn: 'date_releve', nameColumn: 'municipalite' },
    },
  ]);
}
