import type { Localized } from '../../../platform/i18n/index.js';

export interface License {
  /** CKAN's id where CKAN has one, so `license_id:cc-by` filters keep working. */
  id: string;
  title: Localized;
  url: string;
  /** Open Definition conformance: "approved" makes a dataset `isopen`. */
  odConformance: 'approved' | 'not reviewed' | 'rejected';
  osdConformance: 'approved' | 'not reviewed' | 'rejected';
  domainContent: boolean;
  domainData: boolean;
  domainSoftware: boolean;
  isGeneric: boolean;
  /** Code in the EU licence authority list, for DCAT-AP. */
  euCode: string | null;
}

type Entry = [
  id: string,
  fr: string,
  en: string,
  url: string,
  od: License['odConformance'],
  euCode: string | null,
  generic?: boolean,
];

// CC-BY 4.0 first, as on Données Québec; then the usual open licences; then the rest of CKAN's.
const ENTRIES: Entry[] = [
  [
    'cc-by',
    'Creative Commons Attribution 4.0 (CC BY 4.0)',
    'Creative Commons Attribution 4.0 (CC BY 4.0)',
    'https://creativecommons.org/licenses/by/4.0/',
    'approved',
    'CC_BY_4_0',
  ],
  [
    'cc-by-sa',
    'Creative Commons Attribution - Partage dans les mêmes conditions 4.0 (CC BY-SA 4.0)',
    'Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)',
    'https://creativecommons.org/licenses/by-sa/4.0/',
    'approved',
    'CC_BYSA_4_0',
  ],
  [
    'cc-by-nc-sa',
    'Creative Commons Attribution - Pas d’utilisation commerciale - Partage dans les mêmes conditions 4.0 (CC BY-NC-SA 4.0)',
    'Creative Commons Attribution-NonCommercial-ShareAlike 4.0 (CC BY-NC-SA 4.0)',
    'https://creativecommons.org/licenses/by-nc-sa/4.0/',
    'rejected',
    'CC_BYNCSA_4_0',
  ],
  [
    'cc-zero',
    'Creative Commons Zéro (CC0 1.0)',
    'Creative Commons Zero (CC0 1.0)',
    'https://creativecommons.org/publicdomain/zero/1.0/',
    'approved',
    'CC0',
  ],
  [
    'ogl-canada-2.0',
    'Licence du gouvernement ouvert – Canada 2.0',
    'Open Government Licence – Canada 2.0',
    'https://open.canada.ca/fr/licence-du-gouvernement-ouvert-canada',
    'approved',
    null,
  ],
  [
    'odc-by',
    'Licence Open Data Commons Attribution (ODC-By)',
    'Open Data Commons Attribution License (ODC-By)',
    'https://opendatacommons.org/licenses/by/1-0/',
    'approved',
    'ODC_BY',
  ],
  [
    'odc-odbl',
    'Licence Open Data Commons Open Database (ODbL)',
    'Open Data Commons Open Database License (ODbL)',
    'https://opendatacommons.org/licenses/odbl/1-0/',
    'approved',
    'ODC_BL',
  ],
  [
    'odc-pddl',
    'Open Data Commons Public Domain Dedication and License (PDDL)',
    'Open Data Commons Public Domain Dedication and License (PDDL)',
    'https://opendatacommons.org/licenses/pddl/1-0/',
    'approved',
    'ODC_PDDL',
  ],
  [
    'cc-nc',
    'Creative Commons Attribution - Pas d’utilisation commerciale 4.0 (CC BY-NC 4.0)',
    'Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)',
    'https://creativecommons.org/licenses/by-nc/4.0/',
    'not reviewed',
    'CC_BYNC_4_0',
  ],
  ['other-open', 'Autre (ouverte)', 'Other (Open)', '', 'approved', null, true],
  ['other-pd', 'Autre (domaine public)', 'Other (Public Domain)', '', 'approved', null, true],
  ['other-at', 'Autre (attribution)', 'Other (Attribution)', '', 'approved', null, true],
  ['other-nc', 'Autre (non commerciale)', 'Other (Non-Commercial)', '', 'not reviewed', null, true],
  ['other-closed', 'Autre (non ouverte)', 'Other (Not Open)', '', 'not reviewed', null, true],
  ['notspecified', 'Licence non précisée', 'License not specified', '', 'not reviewed', null, true],
];

export const LICENSES: readonly License[] = ENTRIES.map(([id, fr, en, url, od, euCode, generic]) => ({
  id,
  title: { fr, en },
  url,
  odConformance: od,
  osdConformance: 'not reviewed',
  domainContent: id.startsWith('cc-'),
  domainData: !id.startsWith('cc-') || id === 'cc-zero',
  domainSoftware: false,
  isGeneric: generic === true,
  euCode,
}));

const BY_ID = new Map(LICENSES.map((license) => [license.id, license]));

export function findLicense(id: string | null): License | null {
  return id === null ? null : (BY_ID.get(id) ?? null);
}

export function isOpenLicense(license: License | null): boolean {
  return license !== null && (license.odConformance === 'approved' || license.osdConformance === 'approved');
}

export const EU_LICENCE_BASE = 'http://publications.europa.eu/resource/authority/licence/';
