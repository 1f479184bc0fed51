import { OPEN_FORMATS, SCHEMA_FORMATS } from './criteria.js';
import { type DatasetFacts, enPlural, frPlural, L, outcome, quoted } from './evidence.js';
import type { CriterionOutcome } from './quality.types.js';

/** Every link answers (uploaded files and the portal's own links do); unchecked links wait. */
export function resourcesReachable(facts: DatasetFacts): CriterionOutcome {
  const id = 'resources-reachable';
  if (facts.resources.length === 0)
    return outcome(id, 'not-applicable', L('aucune ressource', 'no resource'));
  const links = facts.resources.filter((resource) => resource.kind === 'link');
  const failing = links.filter((resource) => resource.link && !resource.link.ok);
  const unchecked = links.filter((resource) => !resource.link);
  const total = facts.resources.length;
  if (failing.length > 0) {
    const shown = failing.slice(0, 3);
    const more = failing.length > 3 ? '…' : '';
    const named = (locale: 'fr' | 'en') =>
      shown.map((r) => `${quoted([r.name])[locale]} (${r.link?.reason?.[locale] ?? '?'})`).join(', ') + more;
    return outcome(
      id,
      'failed',
      L(
        `${failing.length} ${frPlural(failing.length, 'ressource', 'ressources')} sur ${total} ne ${frPlural(failing.length, 'répond', 'répondent')} pas : ${named('fr')}`,
        `${failing.length} of ${total} ${enPlural(total, 'resource', 'resources')} ${enPlural(failing.length, 'does', 'do')} not answer: ${named('en')}`,
      ),
    );
  }
  if (unchecked.length > 0)
    return outcome(
      id,
      'not-applicable',
      L(
        `${unchecked.length} ${frPlural(unchecked.length, 'lien pas encore vérifié', 'liens pas encore vérifiés')}`,
        `${unchecked.length} ${enPlural(unchecked.length, 'link', 'links')} not checked yet`,
      ),
    );
  const onPortal = total - links.length;
  const parts = {
    fr: [
      onPortal > 0 ? `${onPortal} sur le portail` : null,
      links.length > 0 ? `${links.length} ${frPlural(links.length, 'lien vérifié', 'liens vérifiés')}` : null,
    ],
    en: [
      onPortal > 0 ? `${onPortal} on the portal` : null,
      links.length > 0 ? `${links.length} ${enPlural(links.length, 'link', 'links')} checked` : null,
    ],
  };
  return outcome(
    id,
    'passed',
    L(
      `${total} ${frPlural(total, 'ressource accessible', 'ressources accessibles')} (${parts.fr.filter(Boolean).join(', ')})`,
      `${total} ${enPlural(total, 'resource', 'resources')} reachable (${parts.en.filter(Boolean).join(', ')})`,
    ),
  );
}

/** At least one resource in an open, machine-readable format. */
export function openFormats(facts: DatasetFacts): CriterionOutcome {
  const id = 'open-formats';
  if (facts.resources.length === 0) return outcome(id, 'failed', L('aucune ressource', 'no resource'));
  const formats = [...new Set(facts.resources.map((resource) => resource.format ?? '?'))];
  const open = formats.filter((format) => OPEN_FORMATS.has(format));
  const others = formats.filter((format) => !OPEN_FORMATS.has(format)).map((f) => (f === '?' ? null : f));
  const unknown = others.includes(null);
  const closed = others.filter((f): f is string => f !== null);
  const list = {
    fr: [...closed, ...(unknown ? ['format inconnu'] : [])].join(', '),
    en: [...closed, ...(unknown ? ['unknown format'] : [])].join(', '),
  };
  if (open.length === 0)
    return outcome(
      id,
      'failed',
      L(
        `aucun format ouvert lisible par machine : ${list.fr}`,
        `no open machine-readable format: ${list.en}`,
      ),
    );
  return outcome(
    id,
    'passed',
    others.length > 0
      ? L(`${open.join(', ')} ; aussi ${list.fr}`, `${open.join(', ')}; also ${list.en}`)
      : L(open.join(', '), open.join(', ')),
  );
}

/** A CSV file declares a shared schema, and every declaring file's current report is valid. */
export function schema(facts: DatasetFacts): CriterionOutcome {
  const id = 'schema';
  const tabular = facts.resources.filter((resource) => SCHEMA_FORMATS.has(resource.format ?? ''));
  if (tabular.length === 0) return outcome(id, 'not-applicable', L('aucun fichier CSV', 'no CSV file'));
  const declaring = tabular.filter((resource) => resource.schema !== null);
  if (declaring.length === 0)
    return outcome(
      id,
      'failed',
      L('aucun fichier CSV ne déclare de schéma', 'no CSV file declares a schema'),
    );
  const pending = declaring.filter((resource) => resource.schema?.report === null);
  const invalid = declaring.filter((resource) => resource.schema?.report?.valid === false);
  if (invalid.length > 0) {
    const [first] = invalid;
    const errors = first?.schema?.report?.errorCount ?? 0;
    return outcome(
      id,
      'failed',
      L(
        `« ${first?.name} » ne respecte pas ${first?.schema?.declared} : ${errors} ${frPlural(errors, 'erreur', 'erreurs')}`,
        `“${first?.name}” does not follow ${first?.schema?.declared}: ${errors} ${enPlural(errors, 'error', 'errors')}`,
      ),
    );
  }
  if (pending.length > 0) {
    const names = quoted(pending.map((resource) => resource.name));
    return outcome(id, 'failed', L(`pas encore validé : ${names.fr}`, `not validated yet: ${names.en}`));
  }
  const names = quoted(declaring.map((resource) => `${resource.name} → ${resource.schema?.declared}`));
  return outcome(id, 'passed', L(`fichiers valides : ${names.fr}`, `valid files: ${names.en}`));
}

/** Every column of every table described. */
export function dictionary(facts: DatasetFacts): CriterionOutcome {
  const id = 'dictionary';
  const tables = facts.resources.flatMap((resource) => (resource.table ? [resource.table] : []));
  if (tables.length === 0)
    return outcome(id, 'not-applicable', L('aucune table de données', 'no data table'));
  const columns = tables.reduce((sum, table) => sum + table.columns, 0);
  const missing = tables.flatMap((table) => table.undescribed);
  const described = columns - missing.length;
  const counted = L(
    `${described} ${frPlural(described, 'colonne décrite', 'colonnes décrites')} sur ${columns}`,
    `${described} of ${columns} ${enPlural(columns, 'column', 'columns')} described`,
  );
  if (missing.length === 0) return outcome(id, 'passed', counted);
  const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? '…' : '');
  return outcome(
    id,
    'failed',
    L(`${counted.fr} ; sans description : ${shown}`, `${counted.en}; without a description: ${shown}`),
  );
}
