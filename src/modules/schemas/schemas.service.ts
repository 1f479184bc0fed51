import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';
import type { Db } from '../../platform/db/index.js';
import type { Duck } from '../../platform/duckdb/index.js';
import { ForbiddenError, IssueCollector, NotFoundError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { type Actor, isSysadmin, organizationsWithRole } from '../accounts/index.js';
import { findSet } from '../reference/index.js';
import { isDataPackage, profileIssues, profileOf } from './profiles.js';
import { createSchemasRepo } from './schemas.repo.js';
import type { PublishSchemaInput, SchemaVersion, SharedSchema } from './schemas.types.js';
import { CUSTOM_CHECKS } from './validation/custom-checks.js';
import { asList, type TableSchema } from './validation/table-schema.js';
import { type ReferenceResolver, validateCsv } from './validation/validate.duckdb.js';

const NAME = /^[a-z0-9][a-z0-9-]{1,60}$/;
const EXAMPLE_MAX = 1024 * 1024;

/**
 * The schema catalogue: shared Table Schemas, each version immutable and checked before it is
 * accepted (the official profile, `version` equal to the published one and newer than the last,
 * references to known reference sets and custom checks, an example file that validates).
 */
export function createSchemaCatalogue(deps: { db: Db; duck: Duck; resolve: ReferenceResolver }) {
  const repo = createSchemasRepo(deps.db);

  async function exampleIssues(descriptor: TableSchema, example: string): Promise<string[]> {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'quai-schema-example-'));
    try {
      const file = path.join(directory, 'example.csv');
      await writeFile(file, example);
      const report = await validateCsv(deps.duck, file, descriptor, deps.resolve);
      return report.errors.map((error) => error.message.en);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }

  async function list(): Promise<SharedSchema[]> {
    return repo.list();
  }

  return {
    list,

    async get(name: string): Promise<SharedSchema> {
      const found = (await list()).find((schema) => schema.name === name);
      if (!found)
        throw new NotFoundError('schema', name, localized(`Aucun schéma « ${name} »`, `No schema "${name}"`));
      return found;
    },

    /** A version (`latest` for the newest). */
    async version(name: string, version: string): Promise<SchemaVersion> {
      const schema = await this.get(name);
      const wanted = version === 'latest' ? schema.versions[0]?.version : version;
      const found = wanted ? await repo.version(name, wanted) : null;
      if (!found)
        throw new NotFoundError(
          'schema version',
          `${name}@${version}`,
          localized(
            `Aucune version « ${version} » du schéma « ${name} »`,
            `No version "${version}" of schema "${name}"`,
          ),
        );
      return found;
    },

    async publish(actor: Actor, input: PublishSchemaInput): Promise<SchemaVersion> {
      // Publishers propose new schemas (a guess from their data, say); later versions come from
      // whoever published the first one, or an administrator.
      if (!isSysadmin(actor)) {
        const owner = (await list())
          .find((schema) => schema.name === input.name)
          ?.versions.at(-1)?.publishedBy;
        if (
          organizationsWithRole(actor, 'editor').length === 0 ||
          (owner !== undefined && owner !== actor.user?.name)
        )
          throw new ForbiddenError(
            localized(
              'Les éditeurs publient de nouveaux schémas ; les versions suivantes d’un schéma viennent de qui l’a publié ou d’un administrateur.',
              'Editors publish new schemas; later versions of a schema come from whoever published it or an administrator.',
            ),
          );
      }
      const issues = new IssueCollector();
      if (!NAME.test(input.name))
        issues.add(
          'name',
          'invalid',
          localized(
            'minuscules, chiffres et traits d’union (2 à 61)',
            'lower case letters, digits and hyphens (2 to 61)',
          ),
        );
      if (!semver.valid(input.version))
        issues.add(
          'version',
          'invalid',
          localized('une version sémantique (1.2.0)', 'a semantic version (1.2.0)'),
        );
      const existing = (await list()).find((schema) => schema.name === input.name);
      const latest = existing?.versions[0]?.version;
      if (latest && semver.valid(input.version) && !semver.gt(input.version, latest))
        issues.add(
          'version',
          'not_newer',
          localized(
            `doit suivre la dernière version publiée (${latest})`,
            `must come after the latest published version (${latest})`,
          ),
        );
      // A Data Package is accepted for its one tabular resource's inline schema.
      const descriptor = (
        isDataPackage(input.descriptor) ? fromPackage(input.descriptor, issues) : input.descriptor
      ) as TableSchema;
      if (!descriptor || typeof descriptor !== 'object' || Array.isArray(descriptor)) {
        issues.add('descriptor', 'invalid', localized('un objet Table Schema', 'a Table Schema object'));
        issues.throwIfAny();
      }
      for (const issue of profileIssues(descriptor)) issues.add(issue.path, issue.code, issue.message);
      if (descriptor.version !== input.version)
        issues.add(
          'descriptor.version',
          'mismatch',
          localized(
            `doit valoir la version publiée (${input.version})`,
            `must equal the published version (${input.version})`,
          ),
        );
      if (descriptor.name !== undefined && descriptor.name !== input.name)
        issues.add(
          'descriptor.name',
          'mismatch',
          localized(
            `doit valoir le nom du schéma (${input.name})`,
            `must equal the schema's name (${input.name})`,
          ),
        );
      const fields = new Set((descriptor.fields ?? []).map((field) => field?.name));
      (descriptor.foreignKeys ?? []).forEach((key, index) => {
        const resource = key?.reference?.resource;
        const set = resource ? findSet(resource) : undefined;
        if (resource !== '' && (!set || set.external))
          issues.add(
            `descriptor.foreignKeys.${index}.reference.resource`,
            'unknown',
            localized(
              `« ${resource} » n’est ni "" ni un jeu de référence du portail`,
              `"${resource}" is neither "" nor a reference set of the portal`,
            ),
          );
        if (key?.reference?.asOfField && !fields.has(key.reference.asOfField))
          issues.add(
            `descriptor.foreignKeys.${index}.reference.asOfField`,
            'unknown',
            localized('champ inconnu', 'unknown field'),
          );
        for (const name of asList(key?.fields))
          if (!fields.has(name))
            issues.add(
              `descriptor.foreignKeys.${index}.fields`,
              'unknown',
              localized(`champ inconnu : ${name}`, `unknown field: ${name}`),
            );
      });
      (descriptor.custom_checks ?? []).forEach((check, index) => {
        if (!CUSTOM_CHECKS[check?.name])
          issues.add(
            `descriptor.custom_checks.${index}.name`,
            'unknown',
            localized(
              `vérifications connues : ${Object.keys(CUSTOM_CHECKS).join(', ')}`,
              `known checks: ${Object.keys(CUSTOM_CHECKS).join(', ')}`,
            ),
          );
      });
      if (!input.example.trim() || input.example.length > EXAMPLE_MAX)
        issues.add(
          'example',
          'invalid',
          localized('un fichier CSV d’exemple (1 Mo au plus)', 'an example CSV file (1 MB at most)'),
        );
      issues.throwIfAny();
      const problems = await exampleIssues(descriptor, input.example);
      if (problems.length > 0)
        issues.add(
          'example',
          'invalid',
          localized(
            `l’exemple ne valide pas : ${problems.slice(0, 3).join(' ')}`,
            `the example does not validate: ${problems.slice(0, 3).join(' ')}`,
          ),
        );
      issues.throwIfAny();
      await repo.publish({ ...input, descriptor }, actor.user?.name ?? 'system');
      return (await repo.version(input.name, input.version)) as SchemaVersion;
    },
  };
}

export type SchemaCatalogue = ReturnType<typeof createSchemaCatalogue>;

/**
 * The Table Schema of a Data Package descriptor (checked against the official Data Package
 * profile first): its one resource with an inline `schema`, carrying the package's version (and
 * the v2 Table Schema profile when the package is v2). Issues are added to `issues`, which is
 * thrown when the package cannot give a schema.
 */
function fromPackage(pkg: unknown, issues: IssueCollector): TableSchema {
  for (const issue of profileIssues(pkg)) issues.add(issue.path, issue.code, issue.message);
  issues.throwIfAny();
  const { resources, version } = pkg as { resources: { schema?: unknown }[]; version?: string };
  const tabular = resources
    .map((resource, index) => ({ schema: resource.schema, index }))
    .filter((entry) => entry.schema !== undefined);
  for (const entry of tabular)
    if (typeof entry.schema !== 'object' || entry.schema === null)
      issues.add(
        `descriptor.resources.${entry.index}.schema`,
        'not_inline',
        localized(
          'le schéma doit être écrit dans le descripteur (un lien n’est pas suivi)',
          'the schema must be written in the descriptor (a link is not followed)',
        ),
      );
  if (tabular.length !== 1)
    issues.add(
      'descriptor.resources',
      'one_schema',
      localized(
        `une seule ressource avec un schéma par schéma publié (${tabular.length} ici)`,
        `one resource with a schema per published schema (${tabular.length} here)`,
      ),
    );
  issues.throwIfAny();
  const schema = tabular[0]?.schema as TableSchema;
  return {
    ...(profileOf(pkg) === 'v2' ? { $schema: 'https://datapackage.org/profiles/2.0/tableschema.json' } : {}),
    ...schema,
    ...(version === undefined ? {} : { version }),
  };
}
