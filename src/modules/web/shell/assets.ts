import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

/** The browser-side scripts, each bundled on its own: a page loads only the one it needs. */
const CLIENT_ENTRIES = {
  upload: new URL('../client/upload.ts', import.meta.url),
  tabs: new URL('../client/tabs.ts', import.meta.url),
  map: new URL('../client/map.ts', import.meta.url),
  'view-form': new URL('../client/view-form.ts', import.meta.url),
  'load-status': new URL('../client/load-status.ts', import.meta.url),
  'api-console': new URL('../client/api-console.ts', import.meta.url),
} as const;
export type ClientScript = keyof typeof CLIENT_ENTRIES;

/** Our stylesheet's parts, joined in this order into one file. */
const CSS_FILES = [
  'base.css',
  'lists.css',
  'dataset.css',
  'forms.css',
  'procurement.css',
  'data.css',
  'reference.css',
  'quality.css',
  'ecosystems.css',
  'community.css',
];

export interface AssetUrls {
  stylesheets: string[];
  logoWhite: string;
  logoColor: string;
  scripts: Record<ClientScript, string>;
}

interface Built {
  body: string;
  type: string;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The design system's files and ours, served under URLs that change with their content so that
 * browsers may keep them for a year. Our stylesheet and scripts are built in memory at start-up
 * (esbuild takes a few tens of milliseconds); nothing generated is ever written to the repository.
 */
export async function loadAssets(): Promise<{
  urls: AssetUrls;
  register: (app: FastifyInstance) => Promise<void>;
}> {
  const sdg = designSystem();
  const sdgBase = `/assets/sdg/${sdg.version}`;
  const built = new Map<string, Built>();
  const add = (name: string, extension: string, body: string, type: string) => {
    const url = `/assets/${name}.${digest(body)}.${extension}`;
    built.set(url, { body, type });
    return url;
  };
  const css = (
    await Promise.all([
      readFile(leafletStylesheet(), 'utf8'),
      ...CSS_FILES.map((name) => readFile(new URL(`../assets/css/${name}`, import.meta.url), 'utf8')),
    ])
  ).join('\n');
  const scripts = {} as Record<ClientScript, string>;
  for (const [name, entry] of Object.entries(CLIENT_ENTRIES) as [ClientScript, URL][]) {
    scripts[name] = add(name, 'js', await bundle(entry), 'text/javascript; charset=utf-8');
  }
  const urls: AssetUrls = {
    stylesheets: [`${sdgBase}/css/qc-sdg.min.css`, add('quai', 'css', css, 'text/css; charset=utf-8')],
    logoWhite: `${sdgBase}/img/QUEBEC_blanc.svg`,
    logoColor: `${sdgBase}/img/QUEBEC_couleur.svg`,
    scripts,
  };
  return {
    urls,
    async register(app) {
      await app.register(fastifyStatic, {
        root: sdg.dist,
        prefix: `${sdgBase}/`,
        cacheControl: false,
        setHeaders: (response) => response.header('Cache-Control', IMMUTABLE),
      });
      for (const [url, asset] of built) {
        app.get(url, { schema: { hide: true } }, async (_request, reply) =>
          reply.type(asset.type).header('Cache-Control', IMMUTABLE).send(asset.body),
        );
      }
    },
  };
}

function designSystem(): { dist: string; version: string } {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('qc-trousse-sdg/package.json');
  const { version } = require(manifest) as { version: string };
  return { dist: path.join(path.dirname(manifest), 'dist'), version };
}

/** Leaflet's own rules (the map's panes and controls), before ours. */
function leafletStylesheet(): string {
  return createRequire(import.meta.url).resolve('leaflet/dist/leaflet.css');
}

/** How the client scripts are built (bench/map-script builds them the same way). */
export const CLIENT_BUILD = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  write: false,
  logLevel: 'silent',
} as const;

async function bundle(entry: URL): Promise<string> {
  const result = await build({ entryPoints: [fileURLToPath(entry)], ...CLIENT_BUILD });
  return result.outputFiles[0]?.text ?? '';
}

function digest(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}
