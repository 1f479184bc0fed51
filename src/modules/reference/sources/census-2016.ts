import type { Snapshot, SourceEntity } from '../reference.types.js';
import { readCsvSource } from './source-file.js';

/** The census subdivision types of the SGC (Statistics Canada), as designations. */
export const SGC_TYPES: Record<string, string> = {
  MÉ: 'Municipalité',
  V: 'Ville',
  PE: 'Paroisse',
  VL: 'Village',
  CT: 'Canton',
  CU: 'Cantons unis',
  NO: 'Territoire non organisé',
  IRI: 'Réserve indienne',
  'S-É': 'Établissement indien',
  VN: 'Village nordique',
  TI: 'Terre inuite',
  VC: 'Village cri',
  TC: 'Terre réservée crie',
  VK: 'Village naskapi',
  TK: 'Terre réservée naskapie',
};

const REPO =
  'https://raw.githubusercontent.com/opencivicdata/ocd-division-ids/7080566f4ab7c4286cd9ffa1bd27f928c2cc888c';
const SUBDIVISIONS = new URL('../data/qc_census_subdivisions_sgc2016.csv', import.meta.url);
const DIVISIONS = new URL('../data/qc_census_divisions_sgc2016.csv', import.meta.url);
/** Census day 2016: the state these files describe. */
const CENSUS_DAY = '2016-05-10';
const LICENCE = 'CC0-1.0 (données : Statistique Canada, Licence du gouvernement ouvert – Canada)';

/** The SGC code after the last `:` of an OCD id (`…/csd:2446078` → `2446078`). */
function sgcCode(id: string): string {
  const code = id.split(':').pop() ?? '';
  if (!/^24\d+$/.test(code)) throw new Error(`not a Québec SGC code: ${id}`);
  return code;
}

/**
 * The municipalities and the MRC of the 2016 census files: the code géographique is the CSD code
 * without `24`; the census division `24` + its first two digits; the MRC code the division number
 * followed by `0`, for divisions of type MRC and TÉ only (CDR are not MRC). No region: the files do
 * not give it.
 */
export async function census2016(): Promise<{ municipalities: Snapshot; mrc: Snapshot }> {
  const divisions = await readCsvSource(DIVISIONS, {
    name: 'qc_census_divisions_sgc2016.csv',
    url: `${REPO}/identifiers/country-ca/ca_census_divisions.csv`,
    licence: LICENCE,
  });
  const subdivisions = await readCsvSource(SUBDIVISIONS, {
    name: 'qc_census_subdivisions_sgc2016.csv',
    url: `${REPO}/identifiers/country-ca/ca_census_subdivisions.csv`,
    licence: LICENCE,
  });
  const divisionType = new Map<string, string>();
  const mrc: SourceEntity[] = [];
  for (const row of divisions.rows) {
    const division = sgcCode(row.id ?? '');
    const type = row.classification ?? '';
    divisionType.set(division, type);
    if (type !== 'MRC' && type !== 'TÉ') continue;
    mrc.push({
      code: `${division.slice(2)}0`,
      name: row.name_fr || row.name || '',
      nameEn: null,
      attributes: { type, division, region: null },
    });
  }
  const municipalities: SourceEntity[] = subdivisions.rows.map((row) => {
    const sgc = sgcCode(row.id ?? '');
    const division = sgc.slice(0, 4);
    const type = row.classification ?? '';
    const inMrc = ['MRC', 'TÉ'].includes(divisionType.get(division) ?? '');
    return {
      code: sgc.slice(2),
      name: row.name_fr || row.name || '',
      nameEn: null,
      attributes: {
        type,
        typeLabel: SGC_TYPES[type] ?? null,
        mrc: inMrc ? `${division.slice(2)}0` : null,
        division,
        region: null,
        organisation: row.organization_name || null,
      },
    };
  });
  const common = { label: '2016.0.0', referenceDate: CENSUS_DAY, fictitious: false, retirements: [] };
  return {
    municipalities: {
      ...common,
      set: 'municipalites',
      sources: [subdivisions.source, divisions.source],
      entities: municipalities,
    },
    mrc: { ...common, set: 'mrc', sources: [divisions.source], entities: mrc },
  };
}
