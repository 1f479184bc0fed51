import { localized } from '../../platform/i18n/index.js';
import type { Commitment, SetDefinition } from './reference.types.js';

/** The data's producers commit; the portal (the diffuser) measures availability. */
const PORTAL = 'Données Québec (Quai)';
const REPORT = 'mailto:donnees.reference@quai.example';

function commitment(producer: string, frequency: string, maxAgeDays: number): Commitment {
  return {
    producer,
    diffuser: PORTAL,
    frequency,
    maxAgeDays,
    // The SPD's targets: 99 % a month for files, 99.5 % for the API.
    availability: { files: 99, api: 99.5 },
    noticeDays: 90,
    reportUrl: REPORT,
  };
}

const STATCAN_2016 = {
  title:
    'Statistique Canada, Classification géographique type (CGT) 2016, via opencivicdata/ocd-division-ids',
  url: 'https://github.com/opencivicdata/ocd-division-ids',
  licence: 'CC0-1.0',
};

const NO_REGION = localized(
  'La source (CGT 2016) ne donne pas la région administrative : ce lien reste vide plutôt que deviné.',
  'The source (SGC 2016) does not give the administrative region: this link stays empty rather than guessed.',
);

export const MUNICIPALITIES: SetDefinition = {
  id: 'municipalites',
  entityType: localized('Municipalité', 'Municipality'),
  title: localized('Municipalités du Québec', 'Québec municipalities'),
  description: localized(
    'Les municipalités et territoires du Québec (y compris les territoires non organisés et les réserves), identifiés par le code géographique à cinq chiffres de l’Institut de la statistique du Québec.',
    'Québec’s municipalities and territories (unorganised territories and reserves included), identified by the five-digit geographic code of the Institut de la statistique du Québec.',
  ),
  scheme: {
    name: localized('Code géographique (ISQ)', 'Geographic code (ISQ)'),
    pattern: '^[0-9]{5}$',
    width: 5,
  },
  attributes: [
    { name: 'type', type: 'string', title: localized('Type (CGT)', 'Type (SGC)'), filterable: true },
    { name: 'typeLabel', type: 'string', title: localized('Désignation', 'Designation'), filterable: false },
    {
      name: 'mrc',
      type: 'code',
      link: 'mrc',
      title: localized('MRC', 'RCM'),
      filterable: true,
      missing: localized(
        'Hors MRC dans la source (division de recensement de type CDR).',
        'Outside any RCM in the source (census division of type CDR).',
      ),
    },
    {
      name: 'division',
      type: 'string',
      title: localized('Division de recensement', 'Census division'),
      filterable: true,
    },
    {
      name: 'region',
      type: 'code',
      link: 'regions',
      title: localized('Région administrative', 'Administrative region'),
      filterable: true,
      missing: NO_REGION,
    },
    {
      name: 'organisation',
      type: 'string',
      title: localized('Nom de l’organisation', 'Organisation name'),
      filterable: false,
    },
  ],
  commitment: commitment('Institut de la statistique du Québec', 'annual', 400),
  source: {
    ...STATCAN_2016,
    note: localized(
      'Millésime 2016 : l’état des municipalités au recensement de 2016. Les changements après 2016 n’y sont pas.',
      '2016 vintage: the municipalities as of the 2016 census. Changes after 2016 are not in it.',
    ),
  },
};

export const MRC: SetDefinition = {
  id: 'mrc',
  entityType: localized(
    'MRC ou territoire équivalent',
    'Regional county municipality or equivalent territory',
  ),
  title: localized(
    'MRC et territoires équivalents',
    'Regional county municipalities and equivalent territories',
  ),
  description: localized(
    'Les municipalités régionales de comté (MRC) et les territoires équivalents (TÉ), identifiés par leur code à trois chiffres.',
    'Regional county municipalities (RCM, MRC in French) and equivalent territories, identified by their three-digit code.',
  ),
  scheme: { name: localized('Code de MRC', 'RCM code'), pattern: '^[0-9]{3}$', width: 3 },
  attributes: [
    { name: 'type', type: 'string', title: localized('Type', 'Type'), filterable: true },
    {
      name: 'division',
      type: 'string',
      title: localized('Division de recensement', 'Census division'),
      filterable: true,
    },
    {
      name: 'region',
      type: 'code',
      link: 'regions',
      title: localized('Région administrative', 'Administrative region'),
      filterable: true,
      missing: NO_REGION,
    },
  ],
  commitment: commitment('Ministère des Affaires municipales et de l’Habitation', 'annual', 400),
  source: {
    ...STATCAN_2016,
    note: localized(
      'Millésime 2016. Code de MRC = numéro de la division de recensement suivi de 0 (2446 → 460), pour les divisions de type MRC et TÉ.',
      '2016 vintage. RCM code = census division number followed by 0 (2446 → 460), for the divisions of type MRC and TÉ.',
    ),
  },
};

export const REGIONS: SetDefinition = {
  id: 'regions',
  entityType: localized('Région administrative', 'Administrative region'),
  title: localized('Régions administratives du Québec', 'Québec administrative regions'),
  description: localized(
    'Les 17 régions administratives du Québec et leur code à deux chiffres.',
    'Québec’s 17 administrative regions and their two-digit code.',
  ),
  scheme: { name: localized('Code de région', 'Region code'), pattern: '^[0-9]{2}$', width: 2 },
  attributes: [],
  commitment: commitment('Institut de la statistique du Québec', 'as_needed', 3650),
  source: {
    title:
      'Décret concernant la révision des limites des régions administratives du Québec (RLRQ, c. D-11, r. 1); ISQ, Répertoire des divisions territoriales',
    url: 'https://www.legisquebec.gouv.qc.ca/fr/document/rc/D-11,%20r.%201',
    licence: 'public-facts',
    note: localized('Liste saisie d’après la source nommée.', 'List typed in from the named source.'),
  },
};

export const COUNTRIES: SetDefinition = {
  id: 'pays',
  entityType: localized('Pays ou territoire', 'Country or territory'),
  title: localized('Pays et territoires (ISO 3166-1)', 'Countries and territories (ISO 3166-1)'),
  description: localized(
    'Les pays et territoires de la norme ISO 3166-1 : code alpha-2, alpha-3 et numérique, noms en français et en anglais.',
    'The countries and territories of ISO 3166-1: alpha-2, alpha-3 and numeric codes, French and English names.',
  ),
  scheme: { name: localized('ISO 3166-1 alpha-2', 'ISO 3166-1 alpha-2'), pattern: '^[A-Z]{2}$', width: null },
  attributes: [
    { name: 'alpha3', type: 'string', title: localized('Code alpha-3', 'Alpha-3 code'), filterable: true },
    { name: 'numeric', type: 'string', title: localized('Code numérique', 'Numeric code'), filterable: true },
  ],
  commitment: commitment(
    'Organisation internationale de normalisation (ISO), via i18n-iso-countries',
    'irregular',
    3650,
  ),
  source: {
    title: 'i18n-iso-countries (npm)',
    url: 'https://www.npmjs.com/package/i18n-iso-countries',
    licence: 'MIT',
    note: localized(
      'Les codes de la norme ISO 3166-1, avec les noms du paquet.',
      'The ISO 3166-1 codes, with the package’s names.',
    ),
  },
};

export const ENTERPRISES: SetDefinition = {
  id: 'entreprises',
  entityType: localized('Entreprise', 'Enterprise'),
  title: localized('Entreprises du Québec (NEQ)', 'Québec enterprises (NEQ)'),
  description: localized(
    'Les entreprises immatriculées au Québec, identifiées par leur numéro d’entreprise du Québec (NEQ), servies directement par le registre des entreprises.',
    'Enterprises registered in Québec, identified by their Québec enterprise number (NEQ), served directly by the business registry.',
  ),
  scheme: { name: localized('NEQ', 'NEQ'), pattern: '^[0-9]{10}$', width: 10 },
  attributes: [
    { name: 'status', type: 'string', title: localized('Statut', 'Status'), filterable: false },
    {
      name: 'legalForm',
      type: 'string',
      title: localized('Forme juridique', 'Legal form'),
      filterable: false,
    },
    {
      name: 'municipality',
      type: 'string',
      title: localized('Municipalité', 'Municipality'),
      filterable: false,
    },
  ],
  commitment: commitment('Registraire des entreprises du Québec', 'biweekly', 21),
  source: {
    title: 'Registraire des entreprises du Québec — données ouvertes',
    url: 'https://www.registreentreprises.gouv.qc.ca/',
    licence: 'CC-BY-NC-SA-4.0',
    note: localized(
      'Servi par le module du registre, à l’édition importée.',
      'Served by the registry module, at the imported edition.',
    ),
  },
  external: true,
};

/** The sets, in the order the pages list them. */
export const SETS: readonly SetDefinition[] = [MUNICIPALITIES, MRC, REGIONS, COUNTRIES, ENTERPRISES];

export function findSet(id: string): SetDefinition | undefined {
  return SETS.find((set) => set.id === id);
}
