import type { ChangeKind } from '../../modules/registry/index.js';
import { Random } from '../random.js';
import { ACTIVITIES, enterpriseName, postalCode, streetAddress } from './vocabulary.js';

/** Legal forms, the first two digits of their NEQ, and how common they are. */
const FORMS: { code: string; prefix: string; weight: number }[] = [
  { code: 'CIE', prefix: '11', weight: 0.55 },
  { code: 'IND', prefix: '22', weight: 0.25 },
  { code: 'SENC', prefix: '33', weight: 0.08 },
  { code: 'PMSBL', prefix: '11', weight: 0.08 },
  { code: 'COP', prefix: '11', weight: 0.03 },
  { code: 'APE', prefix: '88', weight: 0.01 },
];
/** Forms a legal person may move between (the NEQ stays). */
const CONVERTIBLE = ['CIE', 'PMSBL', 'COP'];
const STATUSES: [string, number][] = [
  ['IM', 0.39],
  ['RO', 0.33],
  ['RD', 0.25],
  ['RX', 0.02],
  ['AI', 0.01],
];
export const STRUCK_OFF = ['RD', 'RO', 'RX'];

/** Chances of each change per enterprise and edition, at churn 1. */
const RATES = {
  renamed: 0.004,
  moved: 0.006,
  struck_off: 0.004,
  reinstated: 0.002,
  form_changed: 0.001,
  establishment_added: 0.01,
  establishment_closed: 0.02,
};
/** New enterprises per edition, as a share of the first edition's. */
const CREATION_RATE = 0.004;

export interface NameRow {
  name: string;
  foreign: string;
  status: 'V' | 'A';
  type: 'N' | 'A';
  start: string;
  end: string;
}

export interface EstablishmentRow {
  suffix: number;
  principal: boolean;
  street: string;
  municipality: string;
  postal: string;
  activity: [string, string];
  name: string;
}

export interface EnterpriseState {
  index: number;
  neq: string;
  form: string;
  status: string;
  statusDate: string;
  registered: string;
  employees: string;
  activity: [string, string];
  municipality: string;
  street: string;
  postal: string;
  names: NameRow[];
  nameChanged: string;
  establishments: EstablishmentRow[];
  constitution: { date: string; place: string } | null;
  bankrupt: boolean;
}

export interface PlanOptions {
  seed: number;
  /** Enterprises of the first edition. */
  enterprises: number;
  /** Multiplies every change rate (1: about 2 % of enterprises change between two editions). */
  churn: number;
  municipalities: string[];
}

/** The date of an edition: the 2nd and 16th of each month, from January 2026. */
export function editionDate(edition: number): string {
  const month = Math.floor((edition - 1) / 2);
  const day = (edition - 1) % 2 === 0 ? 2 : 16;
  return new Date(Date.UTC(2026, month, day)).toISOString().slice(0, 10);
}

/** How many enterprises exist at an edition (those of the first, and those created since). */
export function enterpriseCount(options: PlanOptions, edition: number): number {
  return options.enterprises + (edition - 1) * creations(options);
}

function creations(options: PlanOptions): number {
  return Math.round(options.enterprises * CREATION_RATE * options.churn);
}

/** A generator for (seed, enterprise, edition): each enterprise's story is its own, reproducibly. */
function randomFor(seed: number, index: number, edition: number): Random {
  let h = Math.imul(seed ^ 0x9e3779b1, 0x85ebca77);
  h = Math.imul(h ^ index, 0xc2b2ae3d) ^ (h >>> 13);
  h = Math.imul(h ^ edition, 0x27d4eb2f) ^ (h >>> 16);
  return new Random(h >>> 0);
}

function weighted<T>(random: Random, items: [T, number][]): T {
  let draw = random.next();
  for (const [item, weight] of items) {
    draw -= weight;
    if (draw < 0) return item;
  }
  return (items[items.length - 1] as [T, number])[0];
}

/** The edition an enterprise first appears in. */
function bornAt(options: PlanOptions, index: number): number {
  if (index < options.enterprises) return 1;
  return 2 + Math.floor((index - options.enterprises) / Math.max(1, creations(options)));
}

function initialState(options: PlanOptions, index: number, edition: number, date: string): EnterpriseState {
  const random = randomFor(options.seed, index, 0);
  const form = weighted(
    random,
    FORMS.map((candidate) => [candidate, candidate.weight]),
  );
  const neq = `${form.prefix}${String(index + 1).padStart(8, '0')}`;
  const registered = edition === 1 ? random.date('1950-01-01', '2025-12-15') : date;
  const status = edition === 1 ? weighted(random, STATUSES) : 'IM';
  const municipality = random.pick(options.municipalities);
  const activity = random.pick(ACTIVITIES);
  const name = enterpriseName(random, form.code, neq);
  const names: NameRow[] = [{ name, foreign: '', status: 'V', type: 'N', start: registered, end: '' }];
  // About 1.6 names per enterprise, as in the real file: former names, and other names used.
  if (random.next() < 0.3) {
    const since = random.date('1950-01-01', registered);
    names.push({
      name: enterpriseName(random, form.code, neq),
      foreign: '',
      status: 'A',
      type: 'N',
      start: since,
      end: registered,
    });
  }
  if (random.next() < 0.3) {
    names.push({
      name: `${name.split(' ')[0]} ${random.pick(['Express', 'Plus', 'Pro', 'Services'])}`,
      foreign: random.next() < 0.3 ? `${name.split(' ')[0]} Services` : '',
      status: 'V',
      type: 'A',
      start: registered,
      end: '',
    });
  }
  const street = streetAddress(random);
  const postal = postalCode(random);
  // Mostly registered enterprises list their establishments (a few hundred thousand rows in all).
  const listed = status === 'IM' ? random.next() < 0.3 : random.next() < 0.02;
  const establishments: EstablishmentRow[] = listed
    ? [{ suffix: 0, principal: true, street, municipality, postal, activity, name }]
    : [];
  const secondaries = listed && random.next() < 0.15 ? random.int(1, 3) : 0;
  for (let suffix = 1; suffix <= secondaries; suffix++)
    establishments.push(establishment(random, options, suffix, name));
  return {
    index,
    neq,
    form: form.code,
    status,
    statusDate: status === 'IM' ? registered : random.date(registered, '2025-12-15'),
    registered,
    employees: random.pick(['A', 'B', 'B', 'C', 'C', 'D', 'E', 'F']),
    activity,
    municipality,
    street,
    postal,
    names,
    nameChanged: registered,
    establishments,
    constitution: form.code === 'IND' ? null : { date: registered, place: 'Québec' },
    bankrupt: random.next() < 0.005,
  };
}

function establishment(random: Random, options: PlanOptions, suffix: number, name: string): EstablishmentRow {
  return {
    suffix,
    principal: false,
    street: streetAddress(random),
    municipality: random.pick(options.municipalities),
    postal: postalCode(random),
    activity: random.pick(ACTIVITIES),
    name: `${name.replace(/ (inc|ltée)\.?$/, '')} — succursale ${suffix}`,
  };
}

/**
 * An enterprise at an edition and the changes it went through since the edition before
 * (null before it exists). Every change drawn really changes something, so the changes are
 * exactly what comparing the two editions must find.
 */
export function enterpriseAt(
  options: PlanOptions,
  index: number,
  edition: number,
): { state: EnterpriseState; changes: ChangeKind[] } | null {
  const born = bornAt(options, index);
  if (born > edition) return null;
  const state = initialState(options, index, born, editionDate(born));
  let changes: ChangeKind[] = born === edition && edition > 1 ? ['created'] : [];
  for (let step = born + 1; step <= edition; step++) {
    changes = evolve(options, state, step);
  }
  return { state, changes };
}

/** What happens to an enterprise at one edition: at most one of each kind of change. */
function evolve(options: PlanOptions, state: EnterpriseState, edition: number): ChangeKind[] {
  const random = randomFor(options.seed, state.index, edition);
  const date = editionDate(edition);
  const rate = (kind: keyof typeof RATES) => random.next() < RATES[kind] * options.churn;
  const changes: ChangeKind[] = [];
  const struckOff = STRUCK_OFF.includes(state.status);
  if (state.status === 'IM' && rate('struck_off')) {
    state.status = random.pick(['RD', 'RO']);
    state.statusDate = date;
    changes.push('struck_off');
  } else if (struckOff && rate('reinstated')) {
    state.status = 'IM';
    state.statusDate = date;
    changes.push('reinstated');
  }
  if (CONVERTIBLE.includes(state.form) && rate('form_changed')) {
    state.form = random.pick(CONVERTIBLE.filter((form) => form !== state.form));
    changes.push('form_changed');
  }
  if (rate('renamed')) {
    const current = state.names.find((name) => name.type === 'N' && name.end === '') as NameRow;
    let next = enterpriseName(random, state.form, state.neq);
    if (next === current.name) next = `${next.replace(/ (inc|ltée)\.$/, '')} (${date.slice(0, 4)}) inc.`;
    current.end = date;
    current.status = 'A';
    state.names.unshift({ name: next, foreign: '', status: 'V', type: 'N', start: date, end: '' });
    state.nameChanged = date;
    changes.push('renamed');
  }
  if (rate('moved')) {
    let street = streetAddress(random);
    if (street === state.street) street = `${street} bureau 2`;
    state.street = street;
    state.municipality = random.pick(options.municipalities);
    state.postal = postalCode(random);
    changes.push('moved');
  }
  // Only an establishment open before this edition may close in it.
  const secondary = state.establishments.filter((row) => !row.principal);
  if (state.establishments.length > 0 && rate('establishment_added')) {
    const suffix = Math.max(...state.establishments.map((row) => row.suffix)) + 1;
    const name = state.names[0]?.name ?? '';
    state.establishments.push(establishment(random, options, suffix, name));
    changes.push('establishment_added');
  }
  if (secondary.length > 0 && rate('establishment_closed')) {
    const closed = random.pick(secondary);
    state.establishments = state.establishments.filter((row) => row !== closed);
    changes.push('establishment_closed');
  }
  return changes;
}
