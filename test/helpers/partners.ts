import type { FastifyInstance } from 'fastify';
import type { Context } from '../../src/context.js';
import { ANONYMOUS, SYSTEM } from '../../src/modules/accounts/index.js';
import { call, datasetBody, multipart } from './fixtures.js';

/**
 * A partner whose first request was approved (its organisation created, a member of the
 * urban-planning ecosystem) and whose second was refused with a reason: what its requests page
 * and the sysadmins' page show once decisions are made.
 */
export async function seedDecidedRequests(
  ctx: Context,
  partner: { email: string; password: string },
): Promise<void> {
  const { partners } = ctx.schemas;
  const approved = await partners.submit(ANONYMOUS, {
    organizationTitle: 'Régie intermunicipale exemple (essai)',
    kind: 'organisme-public',
    municipalityCode: null,
    contactName: 'Responsable des données de la régie',
    contactEmail: partner.email,
    password: partner.password,
    plans: 'Les collectes de matières résiduelles, chaque semaine.',
    ecosystem: 'urbanisme',
  });
  await partners.approve(SYSTEM, approved.id);
  const user = await ctx.accounts.findUser(approved.userId);
  if (!user) throw new Error('the partner has no account');
  const actor = { user: { id: user.id, name: user.name, sysadmin: false }, memberships: new Map() };
  const refused = await partners.submit(actor, {
    organizationTitle: 'Club de lecture exemple (essai)',
    kind: 'societe-civile',
    municipalityCode: null,
    contactName: 'Responsable des données de la régie',
    contactEmail: partner.email,
    password: null,
    plans: 'Peut-être des listes de livres.',
    ecosystem: null,
  });
  await partners.refuse(SYSTEM, refused.id, 'Aucune donnée ouverte prévue pour le moment.');
}

/** Granby's permits, all valid (its code, 47017, is a current municipality's). */
export function granbyPermits(rows = 12): string {
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `GRA-2025-${String(i + 1).padStart(3, '0')},47017,Granby,2025-03-${String((i % 28) + 1).padStart(2, '0')},,Résidentiel,Rénovation,0,${20000 + i},"${i + 1}, rue Principale",45.4000,-72.7300`,
  );
  return `${[PERMITS_HEADER, ...lines].join('\n')}\n`;
}

const PERMITS_HEADER =
  'numero,code_municipalite,municipalite,date_depot,date_emission,categorie,type_travaux,nombre_logements,valeur_travaux,adresse,latitude,longitude';

/** A dataset through the API whose one file declares the building-permits schema; its resource id. */
export async function publishPermits(
  app: FastifyInstance,
  token: string,
  dataset: Record<string, unknown> & { name: string; owner_org: string },
  content: string,
): Promise<string> {
  const created = await call(app, 'POST', '/api/v1/datasets', {
    token,
    body: datasetBody(dataset.name, dataset.owner_org, dataset),
  });
  if (created.status !== 201) throw new Error(`dataset ${dataset.name}: ${created.body}`);
  const form = multipart(
    { metadata: JSON.stringify({ extras: { schema: 'permis-de-construction@1.0.0' } }) },
    { field: 'file', filename: `${dataset.name}.csv`, content },
  );
  const uploaded = await app.inject({
    method: 'POST',
    url: `/api/v1/datasets/${dataset.name}/resources/upload`,
    headers: { authorization: token, 'content-type': form.contentType },
    payload: form.payload,
  });
  if (uploaded.statusCode !== 201) throw new Error(`file of ${dataset.name}: ${uploaded.body}`);
  return JSON.parse(uploaded.body).id;
}
