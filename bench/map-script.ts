/**
 * bench/map-script: what a page with a map downloads for it, against Leaflet alone (the baseline),
 * built as the server builds it (CLIENT_BUILD: esbuild, minified, ES2020) and gzipped at level 6. Target: our own
 * code on top of Leaflet ≤ 5 KB gzipped. Pages without a map do not load the script at all
 * (a page lists its scripts: `scripts: ['map']` only where a map or a coverage box is shown).
 *
 *   npm run bench:map-script
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { CLIENT_BUILD } from '../src/modules/web/shell/assets.js';

const entry = fileURLToPath(new URL('../src/modules/web/client/map.ts', import.meta.url));

async function sizes(options: { entry?: string; stdin?: string; external?: string[] }) {
  const result = await build({
    ...(options.entry
      ? { entryPoints: [options.entry] }
      : { stdin: { contents: options.stdin ?? '', resolveDir: process.cwd() } }),
    ...CLIENT_BUILD,
    external: options.external ?? [],
  });
  const text = result.outputFiles[0]?.text ?? '';
  return { raw: Buffer.byteLength(text), gzip: gzipSync(text, { level: 6 }).length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const whole = await sizes({ entry });
const ours = await sizes({ entry, external: ['leaflet'] });
const leaflet = await sizes({ stdin: "import L from 'leaflet'; globalThis.L = L;" });
const version = (createRequire(import.meta.url)('leaflet/package.json') as { version: string }).version;
console.log('workload: src/modules/web/client/map.ts bundled once, as served; gzip level 6');
console.log(`  map script as served:      ${kb(whole.gzip)} gzipped (${kb(whole.raw)} minified)`);
console.log(
  `  Leaflet ${version} alone (baseline): ${kb(leaflet.gzip)} gzipped (${kb(leaflet.raw)} minified)`,
);
console.log(
  `  our code on top:           ${kb(ours.gzip)} gzipped (${kb(ours.raw)} minified); ratio script / Leaflet ${(whole.gzip / leaflet.gzip).toFixed(2)}×`,
);
console.log(`  target: our code ≤ 5 KB gzipped ${ours.gzip <= 5 * 1024 ? 'met' : 'NOT met'}`);
