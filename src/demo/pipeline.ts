import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import type { Actor } from '../modules/accounts/index.js';
import { Random } from './random.js';

const STATIONS = [
  { code: '023402', name: 'Rivière Chaudière à Saint-Lambert-de-Lauzon' },
  { code: '030101', name: 'Rivière Richelieu aux rapides Fryers' },
  { code: '050408', name: 'Rivière Saint-Maurice à Grand-Mère' },
  { code: '040110', name: 'Rivière des Outaouais à Carillon' },
  { code: '022704', name: 'Rivière du Loup près de Saint-Modeste' },
];
const DAYS = 120;

/**
 * A table a monitoring system fills through CKAN's DataStore API (datastore_create, then
 * datastore_upsert by station and day), as a publisher's pipeline does: its resource has no
 * file, its data is the table (downloads come from /datastore/dump).
 */
export async function loadPipelineDemo(ctx: Context, publisher: Actor): Promise<void> {
  const name = 'niveaux-stations-hydrometriques';
  if (await ctx.catalog.datasets.exists(name)) return;
  const dataset = await ctx.catalog.datasets.create(publisher, {
    name,
    title: {
      fr: 'Débits journaliers des stations hydrométriques (flux du réseau de surveillance)',
      en: 'Daily flows of hydrometric stations (monitoring network feed)',
    },
    notes: {
      fr: 'Débit moyen journalier mesuré à cinq stations du réseau hydrométrique, versé chaque jour par le système de surveillance au moyen de l’API DataStore (datastore_upsert par station et par jour). Données fictives de démonstration.',
      en: 'Mean daily flow at five stations of the hydrometric network, pushed every day by the monitoring system through the DataStore API (datastore_upsert by station and day). Fictitious demo data.',
    },
    ownerOrg: 'ministere-environnement',
    author: null,
    authorEmail: null,
    maintainer: 'Direction de l’expertise hydrique',
    maintainerEmail: null,
    licenseId: 'cc-by',
    url: null,
    version: null,
    updateFrequency: 'daily',
    temporalStart: null,
    temporalEnd: null,
    bbox: null,
    languages: ['fr'],
    tags: ['hydrométrie', 'débit', 'rivières', 'eau'],
    keywordsEn: ['hydrometry', 'flow', 'rivers', 'water'],
    groups: ['environnement'],
    extras: {},
  });
  const id = randomUUID();
  await ctx.catalog.resources.create(publisher, dataset.id, {
    id,
    url: `${ctx.config.baseUrl}/datastore/dump/${id}`,
    name: { fr: 'Débits journaliers', en: 'Daily flows' },
    description: { fr: 'Une ligne par station et par jour.', en: 'One row per station and day.' },
    format: 'CSV',
    mimetype: 'text/csv',
    resourceType: null,
    extras: {},
    upload: null,
  });
  await ctx.datastore.writes.create(publisher, {
    resourceId: id,
    fields: [
      {
        id: 'station',
        type: 'text',
        info: { label: 'Station', notes: 'Numéro de la station hydrométrique' },
      },
      { id: 'nom_station', type: 'text', info: { label: 'Nom de la station' } },
      { id: 'date', type: 'date', info: { label: 'Date', notes: 'Jour de la mesure' } },
      { id: 'debit_m3s', type: 'numeric', info: { label: 'Débit (m³/s)', notes: 'Débit moyen journalier' } },
      { id: 'valide', type: 'bool', info: { label: 'Validé', notes: 'Mesure validée par un hydrologue' } },
    ],
    primaryKey: ['station', 'date'],
    records: [],
  });
  const random = new Random(7);
  const start = Date.UTC(2026, 6, 1);
  // Day by day, as the feed arrives; the last week is still provisional.
  for (let week = 0; week < DAYS / 7; week++) {
    const records = [];
    for (let day = week * 7; day < Math.min(DAYS, week * 7 + 7); day++) {
      for (const [index, station] of STATIONS.entries()) {
        const seasonal = 40 + 25 * Math.cos(((day + index * 9) / DAYS) * Math.PI * 2);
        records.push({
          station: station.code,
          nom_station: station.name,
          date: new Date(start + day * 86_400_000).toISOString().slice(0, 10),
          debit_m3s: Math.round((seasonal * (1 + index * 0.6) + random.float(-4, 4)) * 10) / 10,
          valide: day < DAYS - 7,
        });
      }
    }
    await ctx.datastore.writes.upsert(publisher, {
      resourceId: id,
      records,
      method: 'upsert',
      dryRun: false,
    });
  }
}
