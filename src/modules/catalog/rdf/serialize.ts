import { type Quad, Writer } from 'n3';
import { PREFIXES } from './graph.js';

const RDF_TYPE = `${PREFIXES.rdf}type`;

/** Turtle with the usual prefixes, each subject's statements together, in order of first mention. */
export function toTurtle(quads: readonly Quad[]): Promise<string> {
  const bySubject = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = termId(quad.subject);
    bySubject.set(key, [...(bySubject.get(key) ?? []), quad]);
  }
  return new Promise((resolve, reject) => {
    const writer = new Writer({ prefixes: { ...PREFIXES } });
    writer.addQuads([...bySubject.values()].flat());
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}

type JsonLdValue = { '@id': string } | { '@value': string; '@language'?: string; '@type'?: string };

/**
 * JSON-LD in flattened form: one `@graph` node per subject, properties as compact IRIs under a
 * `@context` of prefixes. It expands to exactly the triples of the Turtle form (tests check it).
 */
export function toJsonLd(quads: readonly Quad[]): Record<string, unknown> {
  const nodes = new Map<string, Record<string, unknown>>();
  const nodeFor = (id: string) => {
    let node = nodes.get(id);
    if (!node) {
      node = { '@id': id };
      nodes.set(id, node);
    }
    return node;
  };
  for (const { subject, predicate, object } of quads) {
    const node = nodeFor(termId(subject));
    if (predicate.value === RDF_TYPE) {
      node['@type'] = [...((node['@type'] as string[] | undefined) ?? []), compact(object.value)];
      continue;
    }
    const key = compact(predicate.value);
    const values = (node[key] as JsonLdValue[] | undefined) ?? [];
    values.push(jsonValue(object));
    node[key] = values;
  }
  return { '@context': { ...PREFIXES }, '@graph': [...nodes.values()] };
}

function termId(term: Quad['subject'] | Quad['object']): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

function jsonValue(object: Quad['object']): JsonLdValue {
  if (object.termType !== 'Literal') return { '@id': termId(object) };
  if (object.language) return { '@value': object.value, '@language': object.language };
  const datatype = object.datatype.value;
  if (datatype === `${PREFIXES.xsd}string`) return { '@value': object.value };
  return { '@value': object.value, '@type': compact(datatype) };
}

/** "http://purl.org/dc/terms/title" → "dct:title", when a prefix applies cleanly. */
function compact(iri: string): string {
  for (const [prefix, namespace] of Object.entries(PREFIXES)) {
    if (iri.startsWith(namespace)) {
      const local = iri.slice(namespace.length);
      if (/^[A-Za-z_][\w.-]*$/.test(local)) return `${prefix}:${local}`;
    }
  }
  return iri;
}
