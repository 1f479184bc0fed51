import { readFileSync } from 'node:fs';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

/**
 * The official DCAT-AP 3.0.0 SHACL shapes (test/fixtures/dcat-ap, with their provenance), run by
 * rdf-validate-shacl on Quai's output alone: no EU vocabulary is loaded beside it.
 */
let validator: SHACLValidator | null = null;

function dcatApValidator(): SHACLValidator {
  if (!validator) {
    const shapes = new Parser().parse(readFileSync('test/fixtures/dcat-ap/dcat-ap-3.0.0-SHACL.ttl', 'utf8'));
    validator = new SHACLValidator(new Store(shapes));
  }
  return validator;
}

export interface ShaclFinding {
  severity: string;
  path: string;
  focus: string;
  constraint: string;
  message: string;
}

const local = (iri: string | undefined) => (iri ?? '').replace(/^.*[#/]/, '');

/** Every finding of the shapes on a Turtle document, severity by severity. */
export async function checkDcatAp(turtle: string): Promise<ShaclFinding[]> {
  const data = new Store(new Parser().parse(turtle));
  const report = await dcatApValidator().validate(data);
  return report.results.map((result) => ({
    severity: local(result.severity?.value),
    path: result.path?.value ?? '',
    focus: result.focusNode?.value ?? '',
    constraint: local(result.sourceConstraintComponent?.value),
    message: result.message.map((message) => message.value).join(' '),
  }));
}

/** Findings counted by severity, property and constraint: a regression names itself. */
export function summarize(findings: ShaclFinding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) {
    const key = `${finding.severity} ${finding.path || '(node)'} ${finding.constraint}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
