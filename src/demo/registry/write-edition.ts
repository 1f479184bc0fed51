import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { REQ_FILES, type ReqFile } from '../../modules/registry/index.js';
import { readSubdivisions } from '../places.js';
import {
  type EnterpriseState,
  editionDate,
  enterpriseAt,
  enterpriseCount,
  type PlanOptions,
} from './enterprise-plan.js';

/** The code tables of the edition (DomaineValeur.csv), French labels only, as the REQ publishes them. */
const CODES: [string, string, string][] = [
  ['STAT_IMMAT', 'IM', 'Immatriculée'],
  ['STAT_IMMAT', 'AI', 'Avis d’intention de constitution'],
  ['STAT_IMMAT', 'RD', 'Radiée sur demande'],
  ['STAT_IMMAT', 'RO', 'Radiée d’office'],
  ['STAT_IMMAT', 'RX', 'Radiée d’office (article 59)'],
  ['FORME_JURI', 'CIE', 'Société par actions ou compagnie'],
  ['FORME_JURI', 'IND', 'Entreprise individuelle'],
  ['FORME_JURI', 'SENC', 'Société en nom collectif'],
  ['FORME_JURI', 'PMSBL', 'Personne morale sans but lucratif'],
  ['FORME_JURI', 'COP', 'Coopérative'],
  ['FORME_JURI', 'APE', 'Administration publique'],
  ['INTVAL_EMPLO_QUE', 'A', 'Aucun'],
  ['INTVAL_EMPLO_QUE', 'B', 'De 1 à 5'],
  ['INTVAL_EMPLO_QUE', 'C', 'De 6 à 10'],
  ['INTVAL_EMPLO_QUE', 'D', 'De 11 à 25'],
  ['INTVAL_EMPLO_QUE', 'E', 'De 26 à 49'],
  ['INTVAL_EMPLO_QUE', 'F', 'De 50 à 99'],
  ['REGIM_JURI', 'QC', 'Québec'],
  ['REGIM_JURI', 'CA', 'Canada'],
  ['TYP_NOM_ASSUJ', 'N', 'Nom'],
  ['TYP_NOM_ASSUJ', 'A', 'Autre nom utilisé au Québec'],
  ['STAT_NOM', 'V', 'En vigueur'],
  ['STAT_NOM', 'A', 'Antérieur'],
  ['RELA_ASSUJ', 'FUS', 'Fusion'],
  ['RELA_ASSUJ', 'SCI', 'Scission'],
  ['TYP_CHANG', 'CON', 'Continuation'],
  ['TYP_CHANG', 'TRA', 'Transformation'],
];

export interface GeneratedEdition {
  edition: number;
  date: string;
  zip: string;
  enterprises: number;
  /** Changes since the edition before, as comparing the two must find them. */
  changes: { neq: string; kind: string }[];
}

/** A CSV line as the REQ writes it: every field quoted, quotes doubled. */
function line(fields: (string | number)[]): string {
  return `${fields.map((field) => `"${String(field).replace(/"/g, '""')}"`).join(',')}\n`;
}

/**
 * Writes one edition: the six CSV files (UTF-8 with BOM, exact columns), streamed one
 * enterprise at a time, then zipped. Memory stays flat whatever the number of enterprises.
 */
export async function writeEdition(
  options: Omit<PlanOptions, 'municipalities'>,
  edition: number,
  directory: string,
): Promise<GeneratedEdition> {
  const plan: PlanOptions = { ...options, municipalities: readSubdivisions().map((place) => place.name) };
  const work = path.join(directory, `.edition-${edition}`);
  await mkdir(work, { recursive: true });
  const outputs = Object.fromEntries(
    (Object.keys(REQ_FILES) as ReqFile[]).map((key) => {
      const stream = createWriteStream(path.join(work, REQ_FILES[key].file));
      stream.write(`\uFEFF${line([...REQ_FILES[key].columns])}`);
      return [key, stream];
    }),
  ) as Record<ReqFile, WriteStream>;
  const write = async (key: ReqFile, text: string) => {
    if (!outputs[key].write(text))
      await new Promise<void>((resolve) => outputs[key].once('drain', () => resolve()));
  };
  const date = editionDate(edition);
  const changes: GeneratedEdition['changes'] = [];
  const count = enterpriseCount(plan, edition);
  for (let index = 0; index < count; index++) {
    const found = enterpriseAt(plan, index, edition);
    if (!found) continue;
    for (const kind of found.changes) changes.push({ neq: found.state.neq, kind });
    await write('enterprises', enterpriseLine(found.state, date));
    await write(
      'names',
      found.state.names
        .map((name) =>
          line([found.state.neq, name.name, name.foreign, name.status, name.type, name.start, name.end]),
        )
        .join(''),
    );
    await write('establishments', establishmentLines(found.state));
    if (index % 200 === 7 && index < options.enterprises) {
      const other = (index * 7919) % options.enterprises;
      await write(
        'mergers',
        line([
          found.state.neq,
          `11${String(other + 1).padStart(8, '0')}`,
          `Société fusionnée ${other + 1} inc.`,
          index % 400 === 7 ? 'SCI' : 'FUS',
          found.state.registered,
          'O',
          '',
          '',
          '',
          '',
        ]),
      );
    }
    if (index % 100 === 3 && found.state.constitution) {
      await write(
        'continuations',
        line([
          found.state.neq,
          index % 300 === 3 ? 'TRA' : 'CON',
          'QC',
          'Canada',
          'Ottawa',
          found.state.registered,
        ]),
      );
    }
  }
  for (const [domain, code, label] of CODES) await write('codes', line([domain, code, label]));
  await Promise.all(Object.values(outputs).map((stream) => finished(stream.end())));
  const zipPath = path.join(directory, `registre-${date}.zip`);
  const zip = new yazl.ZipFile();
  for (const key of Object.keys(REQ_FILES) as ReqFile[])
    zip.addFile(path.join(work, REQ_FILES[key].file), REQ_FILES[key].file);
  zip.end();
  await finished(zip.outputStream.pipe(createWriteStream(zipPath)));
  await rm(work, { recursive: true, force: true });
  return { edition, date, zip: zipPath, enterprises: count, changes };
}

function enterpriseLine(state: EnterpriseState, date: string): string {
  const year = Number(date.slice(0, 4)) - 1;
  return line([
    state.neq,
    state.bankrupt ? 'O' : 'N',
    state.registered,
    state.constitution ? 'QC' : '',
    state.employees,
    '',
    state.status,
    state.form,
    state.statusDate,
    state.constitution ? 'QC' : '',
    `${year}-06-30`,
    year,
    year,
    `${year + 1}-06-30`,
    year - 1,
    `${year}-06-30`,
    state.nameChanged,
    state.activity[0],
    '1',
    state.activity[1],
    '',
    '',
    '',
    state.constitution?.place ?? '',
    state.constitution?.date ?? '',
    'N',
    'N',
    state.form === 'CIE' ? 'O' : 'N',
    '',
    '',
    '',
    '',
    'O',
    state.street,
    `${state.municipality} (Québec)`,
    '',
    state.postal,
  ]);
}

function establishmentLines(state: EnterpriseState): string {
  return state.establishments
    .map((row) =>
      line([
        state.neq,
        row.suffix,
        row.principal ? 'O' : 'N',
        'N',
        'N',
        'O',
        row.principal ? state.street : row.street,
        `${row.principal ? state.municipality : row.municipality} (Québec)`,
        '',
        row.principal ? state.postal : row.postal,
        row.activity[0],
        row.activity[1],
        '1',
        '',
        '',
        '',
        row.name,
      ]),
    )
    .join('');
}

/** Several successive editions, each with the changes since the one before. */
export async function writeEditions(
  options: Omit<PlanOptions, 'municipalities'>,
  editions: number,
  directory: string,
): Promise<GeneratedEdition[]> {
  await mkdir(directory, { recursive: true });
  const written: GeneratedEdition[] = [];
  for (let edition = 1; edition <= editions; edition++)
    written.push(await writeEdition(options, edition, directory));
  return written;
}
