import type { Localized } from '../../platform/i18n/index.js';
import { findFrequency } from '../catalog/index.js';
import { CRITERIA, DESCRIPTION_MIN_LENGTH, FREQUENCY_DAYS, toleranceDays } from './criteria.js';
import { type DatasetFacts, enPlural, frPlural, L, outcome } from './evidence.js';
import type { CriterionOutcome } from './quality.types.js';
import { dictionary, openFormats, resourcesReachable, schema } from './resource-criteria.js';

export type { DatasetFacts, ResourceFacts } from './evidence.js';

const DAY_MS = 86_400_000;

/** The length of a description as read: Markdown links, marks and extra spaces aside. */
export function readableLength(text: string | null): number {
  return (text ?? '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#*_>`|~-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}

function description(facts: DatasetFacts): CriterionOutcome {
  const length = Math.max(readableLength(facts.notes.fr), readableLength(facts.notes.en));
  if (length === 0) return outcome('description', 'failed', L('aucune description', 'no description'));
  const passed = length >= DESCRIPTION_MIN_LENGTH;
  return outcome(
    'description',
    passed ? 'passed' : 'failed',
    passed
      ? L(`description de ${length} caractères`, `${length}-character description`)
      : L(
          `description de ${length} caractères : au moins ${DESCRIPTION_MIN_LENGTH} sont attendus`,
          `${length}-character description: at least ${DESCRIPTION_MIN_LENGTH} are expected`,
        ),
  );
}

function license(facts: DatasetFacts): CriterionOutcome {
  const found = facts.license;
  if (!found) return outcome('license', 'failed', L('aucune licence indiquée', 'no licence given'));
  return found.open
    ? outcome(
        'license',
        'passed',
        L(`${found.title.fr} est une licence ouverte`, `${found.title.en} is an open licence`),
      )
    : outcome(
        'license',
        'failed',
        L(
          `« ${found.title.fr} » n’est pas une licence ouverte`,
          `“${found.title.en}” is not an open licence`,
        ),
      );
}

function frequencyDeclared(facts: DatasetFacts): CriterionOutcome {
  const code = facts.updateFrequency;
  if (!code || code === 'unknown')
    return outcome(
      'frequency-declared',
      'failed',
      code
        ? L('fréquence déclarée « inconnue »', 'frequency declared as “unknown”')
        : L('aucune fréquence déclarée', 'no frequency declared'),
    );
  const label = frequencyLabel(code);
  return outcome(
    'frequency-declared',
    'passed',
    L(`fréquence déclarée : ${label.fr.toLowerCase()}`, `declared frequency: ${label.en.toLowerCase()}`),
  );
}

const frequencyLabel = (code: string): Localized => findFrequency(code)?.label ?? L(code, code);

/** The last time the data changed: its newest resource, or the metadata when it has none. */
export function lastUpdate(facts: DatasetFacts): Date {
  const times = facts.resources.map((resource) => resource.updatedAt.getTime());
  return new Date(times.length > 0 ? Math.max(...times) : facts.metadataModified.getTime());
}

function frequencyKept(facts: DatasetFacts, now: Date): CriterionOutcome {
  const code = facts.updateFrequency;
  if (!code || code === 'unknown')
    return outcome(
      'frequency-kept',
      'not-applicable',
      L('aucune fréquence déclarée', 'no frequency declared'),
    );
  const rhythm = FREQUENCY_DAYS[code];
  if (!rhythm) {
    const label = frequencyLabel(code);
    return outcome(
      'frequency-kept',
      'not-applicable',
      L(
        `fréquence « ${label.fr.toLowerCase()} » : pas de rythme à vérifier`,
        `frequency “${label.en.toLowerCase()}”: no rhythm to check`,
      ),
    );
  }
  const days = Math.max(0, Math.floor((now.getTime() - lastUpdate(facts).getTime()) / DAY_MS));
  const allowed = rhythm.period + toleranceDays(rhythm.period);
  const ago = {
    fr: days === 0 ? 'aujourd’hui' : `il y a ${days} ${frPlural(days, 'jour', 'jours')}`,
    en: days === 0 ? 'today' : `${days} ${enPlural(days, 'day', 'days')} ago`,
  };
  const kept = days <= allowed;
  return outcome(
    'frequency-kept',
    kept ? 'passed' : 'failed',
    L(
      `dernière mise à jour ${ago.fr} pour une fréquence ${rhythm.label.fr} (${allowed} jours au plus)`,
      `last updated ${ago.en} for a ${rhythm.label.en} frequency (${allowed} days at most)`,
    ),
  );
}

function temporalCoverage(facts: DatasetFacts): CriterionOutcome {
  const { temporalStart: start, temporalEnd: end } = facts;
  if (!start && !end)
    return outcome('temporal-coverage', 'failed', L('aucune période indiquée', 'no period given'));
  const text =
    start && end
      ? L(`du ${start} au ${end}`, `from ${start} to ${end}`)
      : start
        ? L(`depuis le ${start}`, `since ${start}`)
        : L(`jusqu’au ${end}`, `until ${end}`);
  return outcome('temporal-coverage', 'passed', text);
}

function spatialCoverage(facts: DatasetFacts): CriterionOutcome {
  if (facts.place)
    return outcome(
      'spatial-coverage',
      'passed',
      L(`territoire indiqué : ${facts.place}`, `territory given: ${facts.place}`),
    );
  const box = facts.bbox;
  if (!box) return outcome('spatial-coverage', 'failed', L('aucune emprise géographique', 'no bounding box'));
  const sides = `${box.west}, ${box.south}, ${box.east}, ${box.north}`;
  return outcome(
    'spatial-coverage',
    'passed',
    L(`emprise (ouest, sud, est, nord) : ${sides}`, `bounding box (west, south, east, north): ${sides}`),
  );
}

function contact(facts: DatasetFacts): CriterionOutcome {
  return facts.contactEmail
    ? outcome('contact', 'passed', L('un courriel de contact est indiqué', 'a contact email is given'))
    : outcome(
        'contact',
        'failed',
        L('aucun courriel du responsable ni de l’auteur', 'no maintainer or author email'),
      );
}

/** Every criterion's verdict on the facts, in the order they are shown. */
export function evaluate(facts: DatasetFacts, now: Date): CriterionOutcome[] {
  return [
    description(facts),
    license(facts),
    frequencyDeclared(facts),
    frequencyKept(facts, now),
    temporalCoverage(facts),
    spatialCoverage(facts),
    contact(facts),
    resourcesReachable(facts),
    openFormats(facts),
    schema(facts),
    dictionary(facts),
  ];
}

/** The weighted share of the applicable criteria that pass, from 0 to 100. */
export function scoreOf(outcomes: readonly CriterionOutcome[]): number {
  let passed = 0;
  let applicable = 0;
  for (const { id, status } of outcomes) {
    if (status === 'not-applicable') continue;
    applicable += CRITERIA[id].weight;
    if (status === 'passed') passed += CRITERIA[id].weight;
  }
  return applicable === 0 ? 0 : Math.round((100 * passed) / applicable);
}
