import type { FastifyInstance } from 'fastify';
import { multipart } from './fixtures.js';

export const TEST_PASSWORD = 'un-mot-de-passe-assez-long';

export interface Page {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  /** Where a redirect leads. */
  location: string | undefined;
}

/**
 * A browser without a screen: it keeps cookies, reads the CSRF token of the last page it showed,
 * and sends forms as a browser does (URL-encoded, or multipart with a file).
 */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  private lastPage = '';

  constructor(private readonly app: FastifyInstance) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** The CSRF token in the forms of the last page. */
  csrf(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastPage);
    if (!match?.[1]) throw new Error('the last page has no form with a CSRF token');
    return match[1];
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.send({ method: 'GET', url, headers });
  }

  /** Submits a form; its CSRF token is taken from the last page unless one is given. */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: string | null } = {},
  ): Promise<Page> {
    const params = new URLSearchParams();
    const csrf = options.csrf === undefined ? this.csrf() : options.csrf;
    if (csrf !== null) params.append('_csrf', csrf);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of [value].flat()) params.append(name, item);
    }
    return this.send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    });
  }

  /** Submits a multipart form, fields first and the file last, as browsers order a form's parts. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    file: { field: string; filename: string; content: Buffer | string; type?: string } | null,
    options: { csrf?: string | null } = {},
  ): Promise<Page> {
    const csrf = options.csrf === undefined ? this.csrf() : options.csrf;
    const body = multipart(csrf === null ? fields : { _csrf: csrf, ...fields }, file ?? undefined);
    return this.send({
      method: 'POST',
      url,
      headers: { 'content-type': body.contentType },
      payload: body.payload,
    });
  }

  /** A request with this browser's cookies, for the upload API. */
  async request(options: {
    method: 'GET' | 'POST' | 'PATCH';
    url: string;
    headers?: Record<string, string>;
    payload?: string | Buffer;
  }): Promise<Page> {
    return this.send({ ...options, headers: options.headers ?? {} });
  }

  /** Creates a dataset through the form, as a signed-in publisher; returns where it leads. */
  /** Creates a dataset through the form: a draft, as on the web every dataset starts. */
  async createDataset(fields: Record<string, string | string[]>): Promise<Page> {
    await this.get('/fr/espace/nouveau-jeu-de-donnees');
    return this.post('/fr/espace/nouveau-jeu-de-donnees', {
      visibility: 'public',
      license_id: 'cc-by',
      ...fields,
    });
  }

  /** Publishes a draft through its confirmation page (it must have what publishing checks). */
  async publishDataset(name: string): Promise<Page> {
    await this.get(`/fr/jeux-de-donnees/${name}/publier`);
    const published = await this.post(`/fr/jeux-de-donnees/${name}/publier`, {});
    if (published.status !== 303) throw new Error(`publishing ${name} failed: ${published.status}`);
    return published;
  }

  async signIn(login: string, password = TEST_PASSWORD, locale: 'fr' | 'en' = 'fr'): Promise<Page> {
    const path = locale === 'fr' ? '/fr/connexion' : '/en/sign-in';
    await this.get(path);
    const page = await this.post(path, { login, password });
    if (page.status !== 303) throw new Error(`sign-in failed for ${login}: ${page.status}`);
    return page;
  }

  private async send(options: {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: string | Buffer;
  }): Promise<Page> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({
      method: options.method as 'GET',
      url: options.url,
      headers: { ...(cookie ? { cookie } : {}), ...options.headers },
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });
    for (const set of response.cookies) {
      const expired =
        set.maxAge === 0 || (set.expires !== undefined && new Date(set.expires).getTime() <= Date.now());
      if (expired || set.value === '') this.cookies.delete(set.name);
      else this.cookies.set(set.name, set.value);
    }
    if (String(response.headers['content-type'] ?? '').startsWith('text/html')) this.lastPage = response.body;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      location: response.headers.location as string | undefined,
    };
  }
}
