import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import { type Caller, call, multipart } from './fixtures.js';

export const CITIES = ['Montréal', 'Québec', 'Lévis', 'Trois-Rivières', 'Saint-Jérôme', 'Rivière-du-Loup'];

/** A CSV of permits: integers, decimals, dates, booleans and French text. */
export function permitsCsv(rows: number): string {
  const lines = ['numero;ville;montant;date_emission;approuve;description'];
  for (let i = 1; i <= rows; i++) {
    const city = CITIES[i % CITIES.length];
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      `${i};${city};${(i * 12.5).toFixed(2)};2025-03-${day};${i % 3 === 0 ? 'true' : 'false'};"Rénovation d’une façade, ${city}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Windows-1252 bytes of a text (curly apostrophe 0x92, é 0xE9…). */
export function windows1252(text: string): Buffer {
  // Windows-1252 at 0x80–0x9F (per the Unicode mapping table cp1252.txt; 0x81, 0x8D, 0x8F, 0x90
  // and 0x9D are unassigned); from 0xA0 it is Latin-1.
  const high = '€ ‚ƒ„…†‡ˆ‰Š‹Œ Ž  ‘’“”•–—˜™š›œ žŸ';
  const table = new Map([...high].map((char, index) => [char, 0x80 + index]));
  table.delete(' ');
  return Buffer.from(
    [...text].map((char) => {
      const code = table.get(char) ?? char.charCodeAt(0);
      if (code > 0xff) throw new Error(`${char} has no Windows-1252 byte`);
      return code;
    }),
  );
}

/** Uploading files as resources of a dataset, and waiting for their loads. */
export function datastoreClient(current: () => TestApp, editor: () => Caller, dataset: string) {
  return {
    async upload(filename: string, content: Buffer | string): Promise<string> {
      const form = multipart({}, { field: 'file', filename, content });
      const reply = await current().app.inject({
        method: 'POST',
        url: `/api/v1/datasets/${dataset}/resources/upload`,
        headers: { authorization: editor().token, 'content-type': form.contentType },
        payload: form.payload,
      });
      assert.equal(reply.statusCode, 201, reply.body);
      return JSON.parse(reply.body).id;
    },

    /** Waits for the resource's latest load to finish (the job runs in the background). */
    async loaded(resourceId: string, after?: string) {
      await current().ctx.datastore.ingest.settled(resourceId, after);
      const status = await call(current().app, 'GET', `/api/v1/resources/${resourceId}/datastore`, {
        token: editor().token,
      });
      return status.json;
    },
  };
}
