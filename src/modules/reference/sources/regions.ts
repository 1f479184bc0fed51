import type { Snapshot } from '../reference.types.js';

/**
 * The 17 administrative regions (RLRQ, c. D-11, r. 1; ISQ, Répertoire des divisions territoriales):
 * public facts typed in. Their state at the 2016 census, like the other 2016 sets.
 */
const REGIONS: [code: string, name: string][] = [
  ['01', 'Bas-Saint-Laurent'],
  ['02', 'Saguenay–Lac-Saint-Jean'],
  ['03', 'Capitale-Nationale'],
  ['04', 'Mauricie'],
  ['05', 'Estrie'],
  ['06', 'Montréal'],
  ['07', 'Outaouais'],
  ['08', 'Abitibi-Témiscamingue'],
  ['09', 'Côte-Nord'],
  ['10', 'Nord-du-Québec'],
  ['11', 'Gaspésie–Îles-de-la-Madeleine'],
  ['12', 'Chaudière-Appalaches'],
  ['13', 'Laval'],
  ['14', 'Lanaudière'],
  ['15', 'Laurentides'],
  ['16', 'Montérégie'],
  ['17', 'Centre-du-Québec'],
];

export function regions(): Snapshot {
  return {
    set: 'regions',
    label: '2016.0.0',
    referenceDate: '2016-05-10',
    fictitious: false,
    sources: [
      {
        name: 'RLRQ c. D-11, r. 1',
        sha256: '',
        bytes: 0,
        rows: REGIONS.length,
        url: 'https://www.legisquebec.gouv.qc.ca/fr/document/rc/D-11,%20r.%201',
        licence: 'public-facts',
      },
    ],
    entities: REGIONS.map(([code, name]) => ({ code, name, nameEn: null, attributes: {} })),
    retirements: [],
  };
}
