import { createWriteStream } from 'node:fs';

const CITIES = [
  'Montréal',
  'Québec',
  'Lévis',
  'Trois-Rivières',
  'Saint-Jérôme',
  'Rivière-du-Loup',
  'Sept-Îles',
  'Gaspé',
  'Rouyn-Noranda',
  'Sherbrooke',
];
const CATEGORIES = [
  'Rénovation',
  'Démolition',
  'Agrandissement',
  'Construction neuve',
  'Affichage',
  'Piscine',
];
const WORDS = [
  'façade',
  'toiture',
  'fenêtres',
  'cour arrière',
  'sous-sol',
  'garage',
  'clôture',
  'balcon',
  'électricité',
  'plomberie',
];

/** A seeded, quick generator of permit rows (a Québec municipal open-data shape), as a CSV file. */
export async function writePermitsCsv(
  file: string,
  rows: number,
  encoding: 'utf8' | 'latin1',
): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      // Windows-1252 and ISO-8859-1 agree on every character used here except the apostrophe.
      if (out.write(encoding === 'utf8' ? text : Buffer.from(text.replace(/’/g, "'"), 'latin1'))) resolve();
      else out.once('drain', resolve);
    });
  await write(
    'numero;municipalite;categorie;montant;date_emission;approuve;latitude;longitude;description\n',
  );
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const city = CITIES[next() % CITIES.length];
    const month = String((next() % 12) + 1).padStart(2, '0');
    const day = String((next() % 28) + 1).padStart(2, '0');
    const words = `${WORDS[next() % WORDS.length]} et ${WORDS[next() % WORDS.length]}`;
    chunk += `${i};${city};${CATEGORIES[next() % CATEGORIES.length]};${(next() % 5_000_000) / 100};20${10 + (next() % 15)}-${month}-${day};${next() % 2 === 0};${45 + (next() % 400) / 100};${-74 + (next() % 600) / 100};"Travaux d’${words}, ${city}"\n`;
    if (i % 10_000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(resolve));
}
