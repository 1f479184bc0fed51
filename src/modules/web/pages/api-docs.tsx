import { Layout } from '../render.js';

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
  caption,
  rows,
}: {
  caption: string;
  rows: { name: string; type: string; required: boolean; description: string }[];
}) {
  if (rows.length === 0) return null;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Nom / Name</th>
          <th scope="col">Type</th>
          <th scope="col">Requis / Required</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">
              <code>{row.name}</code>
            </th>
            <td>{row.type}</td>
            <td>{row.required ? 'oui / yes' : 'non / no'}</td>
            <td>{row.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperationSection({
  method,
  path,
  operation,
}: {
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
    <section class="operation" aria-labelledby={id}>
      <h3 id={id}>
        <span class={`method method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
      </h3>
      {operation.summary ? <p lang="en">{operation.summary}</p> : null}
      {operation.description ? <p lang="en">{operation.description}</p> : null}
      <FieldTable caption="Paramètres / Parameters" rows={parameters} />
      <FieldTable caption="Corps JSON / JSON body" rows={bodyRows} />
      <p>
        Réponses / Responses :{' '}
        {Object.entries(operation.responses ?? {})
          .map(([status]) => status)
          .join(', ')}
      </p>
    </section>
  );
}

/** The REST API's reference, rendered on the server from the OpenAPI document. */
export function ApiDocsPage({ siteTitle, document }: { siteTitle: string; document: OpenApiDocument }) {
  const groups = new Map<string, { method: string; path: string; operation: Operation }[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const tag = operation.tags?.[0] ?? 'Autres / Other';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, operation }]);
    }
  }
  return (
    <Layout title="Documentation de l'API" siteTitle={siteTitle} lang="fr">
      <h1>Documentation de l'API REST</h1>
      <p>
        Description machine : <a href="/api/v1/openapi.json">OpenAPI 3.1 (JSON)</a>. Authentification : un
        jeton d'API dans l'en-tête <code>Authorization</code>. Erreurs : <code>application/problem+json</code>{' '}
        (RFC 9457), en français avec <code>Accept-Language: fr</code>.
      </p>
      <p lang="en">
        Machine-readable description: OpenAPI 3.1 above. Authentication: an API token in the Authorization
        header. CKAN clients can keep using the CKAN Action API v3 at <code>/api/3/action/</code>.
      </p>
      <nav aria-label="Sections">
        <ul>
          {[...groups.keys()].map((tag) => (
            <li key={tag}>
              <a href={`#${tag.replace(/[^a-z0-9]+/gi, '-')}`}>{tag}</a>
            </li>
          ))}
        </ul>
      </nav>
      {[...groups.entries()].map(([tag, operations]) => (
        <section key={tag} aria-labelledby={tag.replace(/[^a-z0-9]+/gi, '-')}>
          <h2 id={tag.replace(/[^a-z0-9]+/gi, '-')}>{tag}</h2>
          {operations.map((entry) => (
            <OperationSection key={`${entry.method} ${entry.path}`} {...entry} />
          ))}
        </section>
      ))}
    </Layout>
  );
}
