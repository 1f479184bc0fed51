import { createHash } from 'node:crypto';
import { type AccountsService, SYSTEM } from '../../accounts/index.js';
import type {
  CatalogService,
  DatasetInput,
  GroupInput,
  ReceivedUpload,
  ResourceInput,
} from '../../catalog/index.js';
import { createFetcher, excerpt, type FetchLimits, parseJson, SourceError } from '../fetch.js';
import { downloadFile, settleAll } from '../files.js';
import { ckanRoot, mapCkanPackage } from '../readers/ckan.js';
import { matchLicense, text } from '../readers/common.js';
import type { createMigratedRepo, MigratedKind } from './migrated.repo.js';
import { type CkanCall, counts, type Dict, describe, list, type MigrationReport } from './migration.types.js';
import { migrateUsers } from './users.js';
import { migrateViews, type ViewDeps } from './views.js';

/**
 * `quai ckan migrate`: a CKAN portal's organisations, groups, datasets (ids and names kept, so
 * CKAN's addresses keep working), their resources (links kept; uploaded files and DataStore-only
 * tables downloaded and stored, hashes checked; tabular files are loaded into the datastore as
 * uploads are) — private datasets and drafts too when the API key allows. Run again, it changes
 * only what changed upstream.
 */
export async function migrateCkan(
  deps: {
    catalog: CatalogService;
    accounts: AccountsService;
    views: ViewDeps;
    migrated: ReturnType<typeof createMigratedRepo>;
    limits: FetchLimits;
  },
  options: { url: string; apiKey: string | null },
): Promise<MigrationReport> {
  const { catalog, migrated } = deps;
  const root = ckanRoot(options.url);
  const report: MigrationReport = {
    portal: root,
    organizations: counts(),
    groups: counts(),
    users: counts(),
    memberships: { ...counts(), removed: 0 },
    datasets: counts(),
    views: { tables: 0, saved: 0, pending: 0 },
    files: 0,
    requests: 0,
    withoutPassword: 0,
    problems: [],
  };
  const auth: Record<string, string> = options.apiKey ? { authorization: options.apiKey } : {};
  const fetchText = createFetcher(deps.limits, () => report.requests++, undefined, auth);
  const call: CkanCall = async (action, params) => {
    const url = new URL(`${root}/api/3/action/${action}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const body = parseJson(await fetchText(url.toString(), 'application/json')) as Dict;
    if (body?.success !== true) throw new SourceError(`${action}: ${excerpt(body?.error ?? body, 300)}`);
    return body.result;
  };
  const changed = async (kind: MigratedKind, id: string, version: string) =>
    (await migrated.version(root, kind, id)) !== version;

  // Organisations and groups, ids and names kept.
  const organizationIds: string[] = [];
  for (const [kind, action] of [
    ['organization', 'organization_list'],
    ['group', 'group_list'],
  ] as const) {
    const tally = kind === 'organization' ? report.organizations : report.groups;
    for (let offset = 0; ; offset += 1000) {
      const page = list(
        await call(action, {
          all_fields: 'true',
          include_extras: 'true',
          limit: '1000',
          offset: String(offset),
        }),
      );
      for (const group of page) {
        const id = text(group.id) ?? '';
        if (kind === 'organization') organizationIds.push(id);
        const version = createHash('sha256').update(JSON.stringify(group)).digest('hex');
        if (!(await changed(kind, id, version))) {
          tally.unchanged++;
          continue;
        }
        try {
          const input = groupInput(group);
          const existing = await catalog.groups.find(kind, id);
          if (existing) {
            await catalog.groups.update(SYSTEM, kind, existing.id, input);
            tally.updated++;
          } else {
            await catalog.groups.create(SYSTEM, kind, { ...input, id });
            tally.created++;
          }
          await migrated.put(root, kind, id, version);
        } catch (error) {
          report.problems.push({ kind, id, reason: describe(error) });
        }
      }
      if (page.length < 1000) break;
    }
  }

  // Accounts and their roles (a sysadmin's key), before the datasets that name their creators.
  const users = options.apiKey
    ? await migrateUsers({ accounts: deps.accounts, migrated, call, report }, organizationIds)
    : new Set<string>();
  if (!options.apiKey)
    report.problems.push({
      kind: 'user',
      id: '*',
      reason: 'users and memberships need a sysadmin’s API key',
    });

  // Datasets, with drafts and private ones when the key may read them.
  for (let start = 0; ; start += 1000) {
    const result = (await call('package_search', {
      q: '*:*',
      rows: '1000',
      start: String(start),
      sort: 'name asc',
      include_private: 'true',
      include_drafts: 'true',
    })) as Dict;
    const page = list(result.results);
    for (const pkg of page) {
      const id = text(pkg.id) ?? '';
      const version = text(pkg.metadata_modified) ?? '';
      if (!(await changed('dataset', id, version))) {
        report.datasets.unchanged++;
        continue;
      }
      try {
        const exists = await catalog.datasets.exists(id);
        const uploads: ReceivedUpload[] = [];
        const input = await datasetInput(pkg, root, async (resource) => {
          const upload = await download(resource);
          if (upload) uploads.push(upload);
          return upload;
        });
        const creator = text(pkg.creator_user_id);
        const written = { creatorUserId: creator && users.has(creator) ? creator : null };
        const write = () =>
          exists
            ? catalog.datasets.update(SYSTEM, id, input, written)
            : catalog.datasets.create(SYSTEM, { ...input, id }, written);
        // Files no resource ended up using are removed.
        await settleAll(catalog, uploads, write);
        if (exists) report.datasets.updated++;
        else report.datasets.created++;
        for (const resource of list(pkg.resources))
          await migrateViews({ call, migrated, views: deps.views, report }, text(resource.id) ?? '');
        await migrated.put(root, 'dataset', id, version);
      } catch (error) {
        report.problems.push({ kind: 'dataset', id: text(pkg.name) ?? id, reason: describe(error) });
      }
    }
    if (page.length < 1000 || start + page.length >= Number(result.count ?? 0)) break;
  }
  const passwordless = new Set((await deps.accounts.passwordLinks.withoutPassword()).map((user) => user.id));
  report.withoutPassword = [...users].filter((id) => passwordless.has(id)).length;
  return report;

  /** An uploaded file or a DataStore-only table, downloaded and stored (its hash checked). */
  async function download(resource: Dict): Promise<ReceivedUpload | null> {
    const type = text(resource.url_type);
    const resourceId = text(resource.id) ?? '';
    const url = type === 'datastore' ? `${root}/datastore/dump/${resourceId}` : text(resource.url);
    if ((type !== 'upload' && type !== 'datastore') || !url) return null;
    report.requests++;
    const fetched = await downloadFile(catalog, deps.limits, url, {
      headers: auth,
      filename: type === 'datastore' ? `${resourceId}.csv` : undefined,
      mimetype: text(resource.mimetype),
    });
    if (fetched.notModified) return null;
    const { upload } = fetched;
    const expected =
      text(resource.hash)
        ?.replace(/^sha256:/, '')
        .toLowerCase() ?? '';
    if (
      type === 'upload' &&
      /^[0-9a-f]{64}$/.test(expected) &&
      upload.file &&
      upload.file.sha256 !== expected
    ) {
      await catalog.uploads.settle(upload, async () => undefined);
      throw new SourceError(`${url}: the file's SHA-256 differs from the hash the portal gives`);
    }
    report.files++;
    return upload;
  }
}

function groupInput(group: Dict): GroupInput {
  const titles = (group.title_translated ?? {}) as Dict;
  const descriptions = (group.description_translated ?? {}) as Dict;
  const extras: Record<string, string> = {};
  for (const extra of list(group.extras))
    if (text(extra.key)) extras[String(extra.key)] = String(extra.value ?? '');
  return {
    name: text(group.name) ?? '',
    title: {
      fr: text(titles.fr) ?? text(group.title) ?? text(group.display_name) ?? text(group.name) ?? '',
      en: text(titles.en),
    },
    description: { fr: text(descriptions.fr) ?? text(group.description), en: text(descriptions.en) },
    imageUrl:
      text(group.image_url) && /^https?:/.test(String(group.image_url)) ? String(group.image_url) : null,
    euTheme: text(extras.eu_theme) ?? null,
    extras,
  };
}

async function datasetInput(
  pkg: Dict,
  root: string,
  download: (resource: Dict) => Promise<ReceivedUpload | null>,
): Promise<DatasetInput> {
  const mapped = mapCkanPackage(root, pkg);
  const resources: ResourceInput[] = [];
  for (const resource of list(pkg.resources)) {
    const upload = await download(resource);
    const names = (resource.name_translated ?? {}) as Dict;
    const descriptions = (resource.description_translated ?? {}) as Dict;
    resources.push({
      id: text(resource.id) ?? undefined,
      url: upload ? null : text(resource.url),
      name: { fr: text(names.fr) ?? text(resource.name), en: text(names.en) },
      description: { fr: text(descriptions.fr) ?? text(resource.description), en: text(descriptions.en) },
      format: text(resource.format),
      mimetype: text(resource.mimetype),
      resourceType: text(resource.resource_type),
      extras: {},
      upload: upload?.file ?? null,
    });
  }
  return {
    name: text(pkg.name) ?? '',
    title: { fr: mapped.title.fr ?? mapped.title.en ?? '', en: mapped.title.en },
    notes: mapped.notes,
    ownerOrg: text(pkg.owner_org) ?? undefined,
    private: pkg.private === true,
    state: pkg.state === 'draft' ? 'draft' : 'active',
    author: mapped.author,
    authorEmail: mapped.authorEmail,
    maintainer: mapped.maintainer,
    maintainerEmail: mapped.maintainerEmail,
    licenseId: matchLicense(mapped.license),
    url: mapped.landingPage,
    version: mapped.version,
    updateFrequency: mapped.updateFrequency,
    temporalStart: mapped.temporalStart,
    temporalEnd: mapped.temporalEnd,
    bbox: mapped.bbox,
    languages: mapped.languages,
    tags: mapped.tags,
    keywordsEn: mapped.keywordsEn,
    groups: list(pkg.groups).flatMap((group) => (text(group.id) ? [String(group.id)] : [])),
    extras: mapped.extras,
    resources,
  };
}
