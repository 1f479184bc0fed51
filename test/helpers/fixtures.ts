import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Context } from '../../src/context.js';
import { type Role, SYSTEM } from '../../src/modules/accounts/index.js';
import type { DatasetInput, Group } from '../../src/modules/catalog/index.js';

export interface Caller {
  name: string;
  token: string;
}

/** A user with an API token and the given organisation roles. */
export async function seedUser(
  ctx: Context,
  name: string,
  options: { sysadmin?: boolean; roles?: [Group, Role][] } = {},
): Promise<Caller> {
  await ctx.accounts.createUser(SYSTEM, {
    name,
    email: `${name}@quai.test`,
    fullname: name,
    about: null,
    password: 'un-mot-de-passe-assez-long',
    sysadmin: options.sysadmin ?? false,
  });
  for (const [organization, role] of options.roles ?? []) {
    await ctx.accounts.setMembership(SYSTEM, { organizationId: organization.id, user: name, role });
  }
  const { token } = await ctx.accounts.createToken(SYSTEM, { user: name, name: 'test', expiresAt: null });
  return { name, token };
}

export function seedOrganization(ctx: Context, name: string, title = name): Promise<Group> {
  return ctx.catalog.groups.create(SYSTEM, 'organization', {
    name,
    title: { fr: title, en: null },
    description: { fr: null, en: null },
    imageUrl: null,
    euTheme: null,
    extras: {},
  });
}

export function seedTheme(
  ctx: Context,
  name: string,
  title: string,
  euTheme: string | null = null,
): Promise<Group> {
  return ctx.catalog.groups.create(SYSTEM, 'group', {
    name,
    title: { fr: title, en: null },
    description: { fr: null, en: null },
    imageUrl: null,
    euTheme,
    extras: {},
  });
}

/** A service-level dataset input with every field empty; override what the test is about. */
export function datasetInput(name: string, overrides: Partial<DatasetInput> = {}): DatasetInput {
  return {
    name,
    title: { fr: name, en: null },
    notes: { fr: null, en: null },
    author: null,
    authorEmail: null,
    maintainer: null,
    maintainerEmail: null,
    licenseId: null,
    url: null,
    version: null,
    updateFrequency: null,
    temporalStart: null,
    temporalEnd: null,
    bbox: null,
    languages: ['fr'],
    tags: [],
    keywordsEn: [],
    groups: [],
    extras: {},
    ...overrides,
  };
}

/** A REST dataset body with sensible values; override what the test is about. */
export function datasetBody(name: string, owner: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    title: { fr: `Titre de ${name}`, en: `Title of ${name}` },
    notes: { fr: 'Une description.', en: 'A description.' },
    owner_org: owner,
    license_id: 'cc-by',
    tags: ['démonstration'],
    ...overrides,
  };
}

export interface Reply {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the API returns.
  json: any;
}

/** One request through the real app (no socket), with an optional token. */
export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD',
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await app.inject({
    method,
    url,
    headers: { ...(options.token ? { authorization: options.token } : {}), ...options.headers },
    ...(options.body === undefined ? {} : { payload: options.body as string }),
  });
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, body: response.body, json };
}

/** A multipart/form-data body with text fields and one file, as browsers and `requests` send it. */
export function multipart(
  fields: Record<string, string>,
  file?: { field: string; filename: string; content: Buffer | string; type?: string },
) {
  const boundary = `----quai${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
