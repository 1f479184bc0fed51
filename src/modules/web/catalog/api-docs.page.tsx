import { CKAN_TRY_ACTIONS, CKAN_TRY_PATH } from '../client/api-try.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { TryForm } from './api-try-form.js';

interface Schema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
}

export interface OpenApiDocument {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

/** "string", "string or null", "array of string", … read from a JSON Schema. */
export function typeLabel(schema: Schema | undefined): string {
  if (!schema) return '';
  if (schema.anyOf) return schema.anyOf.map(typeLabel).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === 'array') return `array of ${typeLabel(schema.items)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'object');
  return schema.format ? `${type} (${schema.format})` : type;
}

function FieldTable({
  ctx,
  caption,
  rows,
}: {
  ctx: PageContext;
  caption: string;
  rows: { name: string; type: string; required: boolean; description: string }[];
}) {
  if (rows.length === 0) return null;
  return (
    <table class="quai-field-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{ctx.t('apiName')}</th>
          <th scope="col">{ctx.t('apiType')}</th>
          <th scope="col">{ctx.t('apiRequired')}</th>
          <th scope="col">{ctx.t('apiDescription')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">
              <code>{row.name}</code>
            </th>
            <td>{row.type}</td>
            <td>{row.required ? ctx.t('yes') : ctx.t('no')}</td>
            <td lang="en">{row.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperationSection({
  ctx,
  method,
  path,
  operation,
}: {
  ctx: PageContext;
  method: string;
  path: string;
  operation: Operation;
}) {
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
  const parameters = (operation.parameters ?? []).map((parameter) => ({
    name: `${parameter.name} (${parameter.in})`,
    type: typeLabel(parameter.schema),
    required: parameter.required === true,
    description: parameter.description ?? parameter.schema?.description ?? '',
  }));
  const body = operation.requestBody?.content?.['application/json']?.schema;
  const bodyRows = Object.entries(body?.properties ?? {}).map(([name, schema]) => ({
    name,
    type: typeLabel(schema),
    required: body?.required?.includes(name) === true,
    description: schema.description ?? '',
  }));
  return (
    <section class="operation quai-operation" aria-labelledby={id}>
      <h3 id={id}>
        <span class={`method method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
      </h3>
      {operation.summary ? <p lang="en">{operation.summary}</p> : null}
      {operation.description ? <p lang="en">{operation.description}</p> : null}
      <FieldTable ctx={ctx} caption={ctx.t('apiParameters')} rows={parameters} />
      <FieldTable ctx={ctx} caption={ctx.t('apiBody')} rows={bodyRows} />
      {method === 'get' ? (
        <details class="quai-api-try-box">
          <summary>{ctx.t('apiTry')}</summary>
          <TryForm
            ctx={ctx}
            id={id}
            path={path}
            parameters={(operation.parameters ?? [])
              .filter((parameter) => parameter.in === 'path' || parameter.in === 'query')
              .map((parameter) => ({
                name: parameter.name,
                in: parameter.in as 'path' | 'query',
                required: parameter.in === 'path' || parameter.required === true,
              }))}
          />
        </details>
      ) : null}
      <p>
        {ctx.t('apiResponses')}{' '}
        {Object.entries(operation.responses ?? {})
          .map(([status]) => status)
          .join(', ')}
      </p>
    </section>
  );
}

/** The REST API's reference, rendered on the server from the OpenAPI document. */
export function ApiDocsPage({ ctx, document }: { ctx: PageContext; document: OpenApiDocument }) {
  const { t } = ctx;
  const groups = new Map<string, { method: string; path: string; operation: Operation }[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const tag = operation.tags?.[0] ?? t('apiOther');
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, operation }]);
    }
  }
  const anchor = (tag: string) => tag.replace(/[^a-z0-9]+/gi, '-');
  return (
    <Layout ctx={ctx} title={t('apiTitle')} section="api" breadcrumbs={[{ label: t('apiTitle') }]}>
      <h1>{t('apiTitle')}</h1>
      <p>{t('apiLead')}</p>
      <ul>
        <li>
          <a href="/api/v1/openapi.json" type="application/json">
            {t('apiOpenApi')}
          </a>
        </li>
        <li>
          <a href="/api/3/action/status_show" type="application/json">
            {t('apiCkan')}
          </a>
        </li>
        <li>
          <a href="/catalog.ttl" type="text/turtle">
            {t('footerCatalogDcat')}
          </a>
        </li>
      </ul>
      <p>{t('apiAuth')}</p>
      <section aria-labelledby="essayer-ckan">
        <h2 id="essayer-ckan">{t('apiTryCkanTitle')}</h2>
        <TryForm
          ctx={ctx}
          id="ckan"
          path={CKAN_TRY_PATH}
          parameters={[]}
          freeQuery
          actions={CKAN_TRY_ACTIONS}
        />
      </section>
      <nav aria-labelledby="sections-api">
        <h2 id="sections-api">{t('apiSections')}</h2>
        <ul>
          {[...groups.keys()].map((tag) => (
            <li key={tag}>
              <a href={`#${anchor(tag)}`}>{tag}</a>
            </li>
          ))}
        </ul>
      </nav>
      {[...groups.entries()].map(([tag, operations]) => (
        <section key={tag} aria-labelledby={anchor(tag)}>
          <h2 id={anchor(tag)}>{tag}</h2>
          {operations.map((entry) => (
            <OperationSection key={`${entry.method} ${entry.path}`} ctx={ctx} {...entry} />
          ))}
        </section>
      ))}
    </Layout>
  );
}
