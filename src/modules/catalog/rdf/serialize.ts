import { type Quad, Writer } from 'n3';
import { escapeXml } from '../../../platform/xml.js';
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

const NCNAME = /^[A-Za-z_][\w.-]*$/;
/**
 * RDF/XML (ckanext-dcat's `.rdf` and `.xml`): one rdf:Description per subject, in order of first
 * mention; blank nodes by rdf:nodeID. A predicate outside the usual prefixes gets its own
 * namespace declaration. Characters XML cannot carry (C0 controls) are dropped.
 */
export function toRdfXml(quads: readonly Quad[]): string {
  const namespaces = new Map<string, string>(Object.entries(PREFIXES).map(([prefix, iri]) => [iri, prefix]));
  const qname = (iri: string): string => {
    for (const [namespace, prefix] of namespaces) {
      const local = iri.slice(namespace.length);
      if (iri.startsWith(namespace) && NCNAME.test(local)) return `${prefix}:${local}`;
    }
    const split = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
    const local = iri.slice(split);
    if (split === 0 || !NCNAME.test(local)) throw new Error(`no XML name for the predicate ${iri}`);
    const prefix = `ns${namespaces.size}`;
    namespaces.set(iri.slice(0, split), prefix);
    return `${prefix}:${local}`;
  };
  const nodeId = (value: string) => `b${value.replace(/[^\w.-]/g, '_')}`;
  const subjectAttribute = (term: Quad['subject']) =>
    term.termType === 'BlankNode'
      ? `rdf:nodeID="${nodeId(term.value)}"`
      : `rdf:about="${escapeXml(term.value)}"`;
  const bySubject = new Map<string, Quad[]>();
  for (const quad of quads) {
    const key = termId(quad.subject);
    bySubject.set(key, [...(bySubject.get(key) ?? []), quad]);
  }
  const body: string[] = [];
  for (const group of bySubject.values()) {
    body.push(`  <rdf:Description ${subjectAttribute((group[0] as Quad).subject)}>`);
    for (const { predicate, object } of group) {
      const name = qname(predicate.value);
      if (object.termType === 'NamedNode') {
        body.push(`    <${name} rdf:resource="${escapeXml(object.value)}"/>`);
      } else if (object.termType === 'BlankNode') {
        body.push(`    <${name} rdf:nodeID="${nodeId(object.value)}"/>`);
      } else if (object.termType === 'Literal') {
        const datatype = object.datatype.value;
        const attribute = object.language
          ? ` xml:lang="${escapeXml(object.language)}"`
          : datatype === `${PREFIXES.xsd}string`
            ? ''
            : ` rdf:datatype="${escapeXml(datatype)}"`;
        body.push(`    <${name}${attribute}>${escapeXml(object.value).replace(/\r/g, '&#13;')}</${name}>`);
      }
    }
    body.push('  </rdf:Description>');
  }
  const declarations = [...namespaces]
    .map(([iri, prefix]) => `\n    xmlns:${prefix}="${escapeXml(iri)}"`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${declarations}>\n${body.join('\n')}\n</rdf:RDF>\n`;
}
