import type { FieldIssue } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { JsonObject } from '../ocds/json.js';
import { isObject } from '../ocds/json.js';
import type { Merger } from '../ocds/merge.js';
import {
  EVENT_TYPES,
  type EventRow,
  type EventType,
  NATURES,
  NOTICE_TYPES,
  REQUIRED_BY_TYPE,
  TAG_OF,
} from './event-format.js';
import {
  codeKey,
  readAmount,
  readChoice,
  readDate,
  readNeq,
  readReleaseId,
  readUrl,
  slug,
} from './event-values.js';
import { RowReader } from './row-reader.js';

/**
 * SEAO-style source events → OCDS releases (one per event). Releases carry what the event
 * changed; what an event needs from earlier ones (the tender's id, a contract's value before a
 * supplementary expense) comes from the releases dated before it, so importing the same events
 * again gives the same releases. Mapping: docs/procurement-events.md.
 */
export interface ConvertOptions {
  ocidPrefix: string;
  /** Releases already published, by ocid (those of the processes the events touch). */
  history: ReadonlyMap<string, readonly JsonObject[]>;
  merger: Merger;
}

export interface ConvertResult {
  releases: JsonObject[];
  issues: FieldIssue[];
}

const TYPES = Object.fromEntries(EVENT_TYPES.map((type) => [type, type])) as Record<string, EventType>;
const TYPE_ALIASES: Record<string, string> = {
  avis_publie: 'avis',
  addendum: 'addenda',
  depense: 'depense_supplementaire',
  depenses_supplementaires: 'depense_supplementaire',
  contrat_conclu: 'contrat',
  fin: 'fin_contrat',
};
const NOTICES = Object.fromEntries(
  Object.entries(NOTICE_TYPES).flatMap(([code, notice]) => [
    [code, notice],
    [codeKey(notice.details), notice],
  ]),
);

export function eventsToReleases(rows: readonly EventRow[], options: ConvertOptions): ConvertResult {
  const issues: FieldIssue[] = [];
  const history = new Map([...options.history].map(([ocid, releases]) => [ocid, [...releases]]));
  const parsed = rows.map((row, index) =>
    readCommon(new RowReader(row, index + 1, issues), options.ocidPrefix),
  );
  const ordered = parsed
    .filter((event) => event !== null)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.reader.number - b.reader.number));
  const releases: JsonObject[] = [];
  for (const event of ordered) {
    const known = history.get(event.ocid) ?? [];
    const earlier = known.filter(
      (release) => typeof release.date === 'string' && release.date < event.date && release.id !== event.id,
    );
    const state = earlier.length > 0 ? options.merger.compiled(earlier) : null;
    const release = buildRelease(event, state);
    if (!release) continue;
    releases.push(release);
    if (!known.some((other) => other.id === release.id)) history.set(event.ocid, [...known, release]);
  }
  return { releases, issues };
}

interface CommonFields {
  reader: RowReader;
  type: EventType;
  id: string;
  date: string;
  ocid: string;
}

function readCommon(reader: RowReader, prefix: string): CommonFields | null {
  const type = reader.read('type_evenement', (text) => readChoice(text, TYPES, TYPE_ALIASES), true);
  const id = reader.read('id_evenement', readReleaseId, true);
  const date = reader.read('date_evenement', (text) => readDate(text), true);
  const number = reader.text('numeroseao', true);
  if (!type || !id || !date || !number) return null;
  return { reader, type, id, date, ocid: `${prefix}-${number}` };
}

function buildRelease(event: CommonFields, state: JsonObject | null): JsonObject | null {
  const { reader, type } = event;
  const missing = REQUIRED_BY_TYPE[type].map((column) => reader.text(column, true));
  if (missing.includes(undefined)) return null;
  const release: JsonObject = {
    ocid: event.ocid,
    id: event.id,
    date: event.date,
    tag: [TAG_OF[type]],
    initiationType: 'tender',
    language: 'fr',
  };
  const sections = SECTION_BUILDERS[type](event, state);
  if (!sections) return null;
  if (Array.isArray(sections.tag)) release.tag = sections.tag;
  delete sections.tag;
  return { ...release, ...sections };
}

type SectionBuilder = (event: CommonFields, state: JsonObject | null) => JsonObject | null;

const SECTION_BUILDERS: Record<EventType, SectionBuilder> = {
  avis: noticeSections,
  addenda: (event, state) => {
    const tender = knownTender(event, state);
    if (!tender) return null;
    const { reader } = event;
    const endDate = reader.read('datefermeture', (text) => readDate(text, true));
    const changes = compact({
      title: reader.text('titre'),
      title_en: reader.text('titre_en'),
      tenderPeriod: endDate ? { endDate } : undefined,
    });
    const amendment = compact({
      id: event.id,
      date: event.date,
      description: reader.text('description'),
      rationale: reader.text('motif'),
    });
    return { tender: { ...tender, ...changes, amendments: [amendment] } };
  },
  annulation: (event, state) => {
    const tender = knownTender(event, state);
    if (!tender) return null;
    const rationale = event.reader.text('motif');
    return {
      tender: {
        ...tender,
        status: 'cancelled',
        ...(rationale ? { amendments: [{ id: event.id, date: event.date, rationale }] } : {}),
      },
    };
  },
  adjudication: (event, state) => {
    const tender = knownTender(event, state);
    const award = awardOf(event);
    if (!tender || !award) return null;
    return { parties: [award.supplier], tender: { ...tender, status: 'complete' }, awards: [award.award] };
  },
  contrat: (event, state) => {
    const { reader } = event;
    const id = reader.text('numero_contrat') as string;
    const value = reader.read('montant', readAmount);
    const startDate = reader.read('date_debut', (text) => readDate(text));
    const endDate = reader.read('date_fin', (text) => readDate(text, true));
    if (value === undefined) return null;
    const contract: JsonObject = {
      id,
      awardID: id,
      status: 'active',
      dateSigned: event.date,
      value: cad(value),
      ...(startDate || endDate ? { period: compact({ startDate, endDate }) } : {}),
    };
    const awarded = arrayOf(state?.awards).some((award) => award.id === id);
    if (awarded) return { contracts: [contract] } as JsonObject;
    // A contract without an award event before it (gré à gré): the release awards it too.
    const award = awardOf(event, false);
    if (!award) return null;
    return {
      tag: ['award', 'contract'],
      parties: [award.supplier].filter(isObject),
      awards: [award.award],
      contracts: [contract],
    };
  },
  depense_supplementaire: (event, state) => {
    const contract = knownContract(event, state);
    const expense = event.reader.read('montant', readAmount);
    if (!contract || expense === undefined) return null;
    const before =
      isObject(contract.value) && typeof contract.value.amount === 'number' ? contract.value.amount : 0;
    const description = event.reader.text('description') ?? 'Dépense supplémentaire';
    const amendment = compact({
      id: event.id,
      date: event.date,
      description,
      rationale: event.reader.text('motif'),
    });
    return {
      contracts: [
        {
          id: contract.id as string,
          awardID: contract.awardID as string,
          value: cad(Math.round((before + expense) * 100) / 100),
          amendments: [amendment],
        },
      ],
    };
  },
  fin_contrat: (event, state) => {
    const contract = knownContract(event, state);
    const final = event.reader.read('montant', readAmount);
    const endDate = event.reader.read('date_fin', (text) => readDate(text, true)) ?? event.date;
    if (!contract || final === undefined) return null;
    return {
      contracts: [
        {
          id: contract.id as string,
          awardID: contract.awardID as string,
          status: 'terminated',
          value: cad(final),
          period: { endDate },
        },
      ],
    };
  },
};

function noticeSections(event: CommonFields): JsonObject | null {
  const { reader } = event;
  const notice = reader.read('type', (text) => readChoice(text, NOTICES));
  const category = reader.read('nature', (text) => readChoice(text, NATURES));
  const startDate = reader.read('datepublication', (text) => readDate(text));
  const endDate = reader.read('datefermeture', (text) => readDate(text, true));
  const estimate = reader.read('montant_estime', readAmount);
  const link = reader.read('hyperlienseao', readUrl);
  const buyer = partyOf(reader, 'organisme', 'organisme_neq', ['buyer', 'procuringEntity']);
  if (!notice || !category || !startDate || !endDate || !buyer) return null;
  if (endDate < startDate) {
    reader.issue(
      'datefermeture',
      'invalid',
      localized('précède la date de publication', 'is before the publication date'),
    );
    return null;
  }
  const categoryCode = reader.text('categorieseao');
  const unspsc = reader.text('unspscprincipale');
  const reference = { id: buyer.id, name: buyer.name };
  const tender = compact({
    id: reader.text('numero'),
    title: reader.text('titre'),
    title_en: reader.text('titre_en'),
    description: reader.text('description'),
    description_en: reader.text('description_en'),
    status: 'active',
    procuringEntity: reference,
    procurementMethod: notice.method,
    procurementMethodDetails: notice.details,
    mainProcurementCategory: category,
    items:
      categoryCode || unspsc
        ? [
            compact({
              id: categoryCode ?? '1',
              description: categoryCode,
              classification: unspsc ? { scheme: 'UNSPSC', id: unspsc } : undefined,
            }),
          ]
        : undefined,
    value: estimate === undefined ? undefined : cad(estimate),
    tenderPeriod: { startDate, endDate },
    documents: link
      ? [{ id: 'avis', documentType: 'tenderNotice', title: 'Avis sur le SEAO', url: link, language: 'fr' }]
      : undefined,
  });
  return { parties: [buyer], buyer: reference, tender };
}

function awardOf(
  event: CommonFields,
  requireSupplier = true,
): { award: JsonObject; supplier: JsonObject } | null {
  const { reader } = event;
  const supplier = partyOf(reader, 'fournisseur', 'fournisseur_neq', ['supplier'], requireSupplier);
  const value = reader.read('montant', readAmount);
  if (value === undefined || (requireSupplier && !supplier)) return null;
  const award = compact({
    id: reader.text('numero_contrat'),
    status: 'active',
    date: event.date,
    value: cad(value),
    suppliers: supplier ? [{ id: supplier.id, name: supplier.name }] : undefined,
  });
  return { award, supplier: supplier as JsonObject };
}

function partyOf(
  reader: RowReader,
  nameColumn: 'organisme' | 'fournisseur',
  neqColumn: 'organisme_neq' | 'fournisseur_neq',
  roles: string[],
  required = true,
): (JsonObject & { id: string; name: string }) | null {
  const name = reader.text(nameColumn, required);
  const neq = reader.read(neqColumn, readNeq);
  if (!name) return null;
  const isBuyer = nameColumn === 'organisme';
  const address = isBuyer
    ? compact({
        streetAddress: reader.text('adresse1'),
        locality: reader.text('ville'),
        region: reader.text('province'),
        postalCode: reader.text('codepostal'),
      })
    : {};
  return compact({
    id: neq ? `CA-QC_QBC-${neq}` : `QC-ORG-${slug(name)}`,
    name,
    identifier: neq ? { scheme: 'CA-QC_QBC', id: neq, legalName: name } : undefined,
    address: Object.keys(address).length > 0 ? { ...address, countryName: 'Canada' } : undefined,
    roles,
  }) as JsonObject & { id: string; name: string };
}

/** The tender a follow-up event changes: its id from the notice (or the row's `numero`). */
function knownTender(event: CommonFields, state: JsonObject | null): JsonObject | null {
  const id = event.reader.text('numero') ?? (isObject(state?.tender) ? state.tender.id : undefined);
  if (typeof id === 'string') return { id };
  event.reader.issue(
    'numeroseao',
    'unknown',
    localized(
      'aucun avis publié avant cet événement pour ce numéro SEAO (ou donnez la colonne numero)',
      'no notice published before this event for this SEAO number (or give the numero column)',
    ),
  );
  return null;
}

function knownContract(event: CommonFields, state: JsonObject | null): JsonObject | null {
  const id = event.reader.text('numero_contrat');
  const contract = arrayOf(state?.contracts).find((candidate) => candidate.id === id);
  if (contract) return contract;
  event.reader.issue(
    'numero_contrat',
    'unknown',
    localized(
      `aucun contrat « ${id} » conclu avant cet événement pour ce numéro SEAO`,
      `no contract "${id}" signed before this event for this SEAO number`,
    ),
  );
  return null;
}

function arrayOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function cad(amount: number): JsonObject {
  return { amount, currency: 'CAD' };
}

/** Drops undefined fields (OCDS: omit what is unknown, never write null). */
function compact(fields: Record<string, unknown>): JsonObject {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as JsonObject;
}
