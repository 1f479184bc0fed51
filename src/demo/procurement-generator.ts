import type { JsonObject } from '../modules/procurement/index.js';
import { CITIES } from './places.js';
import { Random } from './random.js';

/**
 * Fictitious contracting processes in OCDS 1.1 (valid against the schema), shaped like SEAO's:
 * a notice, sometimes an addendum, an award, a contract, supplementary expenses, completion.
 * Seeded: the same arguments give the same releases on every machine.
 */
export interface GeneratorOptions {
  ocidPrefix: string;
  seed: number;
  /** Tender notices are published between these instants (ms since epoch). */
  from: number;
  to: number;
  /** Releases dated after this are not produced (processes stop where "now" is). */
  now: number;
  /** "full": exactly five releases per process (the benchmark's shape); "realistic": as life goes. */
  lifecycle: 'full' | 'realistic';
}

const BUYERS = [
  'Ministère des Transports et de la Mobilité durable',
  'Ministère de la Santé et des Services sociaux',
  'Centre de services scolaire de Montréal',
  'Hydro-Québec',
  'Société québécoise des infrastructures',
  'Ville de Québec',
  'Ville de Laval',
  'Ville de Gatineau',
  'Ville de Sherbrooke',
  'Centre intégré de santé et de services sociaux de la Montérégie-Centre',
  'Université Laval',
  'Sûreté du Québec',
];
const SUBJECTS = [
  ['Réfection de chaussée', 'Road resurfacing', 'works', '72141100'],
  ['Déneigement des voies municipales', 'Snow removal of municipal roads', 'services', '72102100'],
  ['Entretien des espaces verts', 'Maintenance of green spaces', 'services', '70111700'],
  ['Achat de véhicules électriques', 'Purchase of electric vehicles', 'goods', '25101500'],
  [
    'Services professionnels en génie civil',
    'Civil engineering professional services',
    'services',
    '81101500',
  ],
  ['Fourniture de matériel informatique', 'Supply of computer equipment', 'goods', '43211500'],
  ['Construction d’un centre communautaire', 'Construction of a community centre', 'works', '72121100'],
  ['Collecte des matières résiduelles', 'Waste collection', 'services', '76121500'],
  ['Rénovation d’une école primaire', 'Renovation of an elementary school', 'works', '72121400'],
  ['Fourniture de produits pharmaceutiques', 'Supply of pharmaceutical products', 'goods', '51000000'],
] as const;
const SUPPLIERS = [
  'Construction Lévesque inc.',
  'Pavage Côté et Fils ltée',
  'Services techniques Bélanger inc.',
  'Groupe Généreux-Tremblay',
  'Informatique Boréale inc.',
  'Entretien Saint-Laurent enr.',
  'Laboratoires Dufresne inc.',
  'Aménagements Gagnon & Ouellet inc.',
];
const METHODS = [
  ['open', "Appel d'offres public"],
  ['open', "Appel d'offres public"],
  ['selective', "Appel d'offres sur invitation"],
  ['direct', 'Contrat de gré à gré'],
] as const;
const DAY = 86_400_000;

/** The releases of `count` processes, numbered from `first`, process by process. */
export function* generateProcesses(
  options: GeneratorOptions,
  first: number,
  count: number,
): Generator<JsonObject[]> {
  for (let n = first; n < first + count; n++) {
    const random = new Random(options.seed * 1_000_003 + n);
    yield processReleases(options, random, n);
  }
}

function processReleases(options: GeneratorOptions, random: Random, n: number): JsonObject[] {
  const ocid = `${options.ocidPrefix}-${String(n).padStart(7, '0')}`;
  const buyerIndex = random.int(0, BUYERS.length - 1);
  const buyer = organization(
    `QC-ORG-${buyerIndex + 1}`,
    BUYERS[buyerIndex] as string,
    ['buyer', 'procuringEntity'],
    random,
  );
  const [subject, subjectEn, category, unspsc] = random.pick(SUBJECTS);
  const [method, methodDetails] = random.pick(METHODS);
  const city = random.pick(CITIES).name;
  const published = options.from + random.next() * (options.to - options.from);
  const deadline = published + random.int(15, 45) * DAY;
  const estimate = random.int(25, 5000) * 1000;
  const releases: JsonObject[] = [];
  const release = (suffix: string, at: number, tag: string[], sections: JsonObject) => {
    if (at > options.now) return false;
    releases.push({
      ocid,
      id: `${ocid}-${suffix}`,
      date: rfc3339(at),
      tag,
      initiationType: 'tender',
      language: 'fr',
      ...sections,
    });
    return true;
  };
  const tenderRef = { id: `AO-${n}` };
  release('avis', published, ['tender'], {
    parties: [buyer],
    buyer: { id: buyer.id, name: buyer.name },
    tender: {
      id: tenderRef.id,
      title: `${subject} — ${city}`,
      title_en: `${subjectEn} — ${city}`,
      description: `${subject} pour le territoire de ${city}. Projet fictif généré pour la démonstration.`,
      status: 'active',
      procuringEntity: { id: buyer.id, name: buyer.name },
      procurementMethod: method,
      procurementMethodDetails: methodDetails,
      mainProcurementCategory: category,
      items: [{ id: '1', description: subject, classification: { scheme: 'UNSPSC', id: unspsc } }],
      value: { amount: estimate, currency: 'CAD' },
      tenderPeriod: { startDate: rfc3339(published), endDate: rfc3339(deadline) },
      documents: [
        {
          id: 'avis',
          documentType: 'tenderNotice',
          title: 'Avis',
          url: `https://seao.example/avis/${n}`,
          language: 'fr',
        },
      ],
    },
  });
  const full = options.lifecycle === 'full';
  if (full || random.next() < 0.3) {
    const at = published + random.int(2, 10) * DAY;
    release('addenda-1', at, ['tenderAmendment'], {
      tender: {
        ...tenderRef,
        amendments: [
          {
            id: `${ocid}-addenda-1`,
            date: rfc3339(at),
            description: 'Précisions au devis et report de la date de fermeture.',
          },
        ],
        tenderPeriod: { endDate: rfc3339(deadline + 7 * DAY) },
      },
    });
  }
  if (!full && random.next() < 0.08) {
    release('annulation', deadline - DAY, ['tenderCancellation'], {
      tender: { ...tenderRef, status: 'cancelled' },
    });
    return releases;
  }
  const supplierName = random.pick(SUPPLIERS);
  const neq = `11${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
  const supplier = organization(`CA-QC_QBC-${neq}`, supplierName, ['supplier', 'tenderer'], random, neq);
  const amount = Math.round(estimate * random.float(0.7, 1.2) * 100) / 100;
  const contractId = `C-${n}-1`;
  const awarded = deadline + 7 * DAY + random.int(1, 20) * DAY;
  if (
    !release('adjudication', awarded, ['award'], {
      parties: [supplier],
      tender: { ...tenderRef, status: 'complete', numberOfTenderers: random.int(1, 8) },
      awards: [
        {
          id: contractId,
          status: 'active',
          date: rfc3339(awarded),
          value: { amount, currency: 'CAD' },
          suppliers: [{ id: supplier.id, name: supplier.name }],
        },
      ],
    })
  )
    return releases;
  const signed = awarded + random.int(2, 10) * DAY;
  const end = signed + random.int(90, 720) * DAY;
  if (
    !release('contrat', signed, ['contract'], {
      contracts: [
        {
          id: contractId,
          awardID: contractId,
          status: 'active',
          dateSigned: rfc3339(signed),
          value: { amount, currency: 'CAD' },
          period: { startDate: rfc3339(signed), endDate: rfc3339(end) },
        },
      ],
    })
  )
    return releases;
  let total = amount;
  if (full || random.next() < 0.3) {
    const at = signed + random.int(20, 80) * DAY;
    total = Math.round((total + amount * random.float(0.02, 0.15)) * 100) / 100;
    release('depense-1', at, ['contractAmendment'], {
      contracts: [
        {
          id: contractId,
          awardID: contractId,
          value: { amount: total, currency: 'CAD' },
          amendments: [
            {
              id: `${ocid}-depense-1`,
              date: rfc3339(at),
              description: 'Dépense supplémentaire : travaux imprévus.',
            },
          ],
        },
      ],
    });
  }
  if (!full) {
    release('fin', end, ['contractTermination'], {
      contracts: [
        {
          id: contractId,
          awardID: contractId,
          status: 'terminated',
          value: { amount: total, currency: 'CAD' },
          period: { endDate: rfc3339(end) },
        },
      ],
    });
  }
  return releases;
}

function organization(
  id: string,
  name: string,
  roles: string[],
  random: Random,
  neq?: string,
): JsonObject & { id: string; name: string } {
  const city = random.pick(CITIES).name;
  return {
    id,
    name,
    ...(neq ? { identifier: { scheme: 'CA-QC_QBC', id: neq, legalName: name } } : {}),
    address: { locality: city, region: 'QC', countryName: 'Canada' },
    roles,
  };
}

/** RFC 3339 in UTC, to the second. */
function rfc3339(instant: number): string {
  return new Date(Math.floor(instant / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
