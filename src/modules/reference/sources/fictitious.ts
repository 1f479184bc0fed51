import type { Snapshot } from '../reference.types.js';

/**
 * A SECOND, FICTITIOUS version of the municipalities, for the demo and the tests: no municipal
 * change after 2016 can be verified from the files kept here, so these changes are made up and the
 * version says so everywhere it appears (`fictitious`). A merger (Pike River and Stanbridge Station
 * → a new code), an annexation (Brome into Lac-Brome), a split (the canton of Bedford), a renaming
 * and a change of designation, all in the MRC Brome-Missisquoi.
 */
export function fictitiousMunicipalities(previous: Snapshot): Snapshot {
  const retired = new Set(['46025', '46030', '46070', '46040']);
  const entities = previous.entities
    .filter((entity) => !retired.has(entity.code))
    .map((entity) => {
      if (entity.code === '46095') return { ...entity, name: 'Saint-Ignace' };
      if (entity.code === '46010')
        return {
          ...entity,
          attributes: {
            ...entity.attributes,
            type: 'V',
            typeLabel: 'Ville',
            organisation: 'Ville de Frelighsburg',
          },
        };
      return entity;
    });
  const base = { mrc: '460', division: '2446', region: null };
  entities.push(
    {
      code: '46027',
      name: 'Pike River-Stanbridge',
      nameEn: null,
      attributes: { ...base, type: 'MÉ', typeLabel: 'Municipalité', organisation: null },
    },
    {
      code: '46041',
      name: 'Bedford-Nord',
      nameEn: null,
      attributes: { ...base, type: 'CT', typeLabel: 'Canton', organisation: null },
    },
    {
      code: '46042',
      name: 'Bedford-Sud',
      nameEn: null,
      attributes: { ...base, type: 'CT', typeLabel: 'Canton', organisation: null },
    },
  );
  entities.sort((a, b) => a.code.localeCompare(b.code));
  const reference = 'FICTIF — démonstration';
  return {
    set: 'municipalites',
    label: '2019.0.0-fictif',
    referenceDate: '2019-01-01',
    fictitious: true,
    sources: [
      {
        name: 'fictitious.ts (version fictive de démonstration)',
        sha256: '',
        bytes: 0,
        rows: entities.length,
        url: 'https://example.invalid/version-fictive',
        licence: 'CC0-1.0',
      },
    ],
    entities,
    retirements: [
      { code: '46025', effective: '2018-01-01', event: 'regroupement', successors: ['46027'], reference },
      { code: '46030', effective: '2018-01-01', event: 'regroupement', successors: ['46027'], reference },
      { code: '46070', effective: '2018-06-01', event: 'annexion', successors: ['46075'], reference },
      {
        code: '46040',
        effective: '2018-07-01',
        event: 'scission',
        successors: ['46041', '46042'],
        reference,
      },
    ],
    effective: { '46095': '2018-03-15', '46010': '2018-05-01' },
  };
}
