import { DataFactory, type Quad, type Quad_Object, type Quad_Subject } from 'n3';

const { namedNode, blankNode, literal, quad } = DataFactory;

/** The vocabularies DCAT-AP 3 uses, with their usual prefixes. */
export const PREFIXES = {
  adms: 'http://www.w3.org/ns/adms#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  locn: 'http://www.w3.org/ns/locn#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

type Prefix = keyof typeof PREFIXES;
/** A compact IRI such as "dct:title". */
export type Curie = `${Prefix}:${string}`;

export function expand(curie: Curie): string {
  const [prefix, local] = curie.split(':') as [Prefix, string];
  return PREFIXES[prefix] + local;
}

export type Node = Quad_Subject;

/** Accumulates the triples of a graph with short, typed helpers. */
export class GraphBuilder {
  readonly quads: Quad[] = [];

  iri(value: string): Node {
    return namedNode(value);
  }

  blank(): Node {
    return blankNode();
  }

  type(subject: Node, ...classes: Curie[]): void {
    for (const type of classes) this.add(subject, 'rdf:type', namedNode(expand(type)));
  }

  add(subject: Node, predicate: Curie, object: Quad_Object): void {
    this.quads.push(quad(subject, namedNode(expand(predicate)), object));
  }

  private readonly typed = new Set<string>();

  /**
   * A link to a resource that DCAT-AP wants typed (a licence, a media type, a language…): the IRI
   * gets its classes once per graph, so that the shapes pass on this graph alone, without the
   * vocabularies it comes from. Returns the resource's node, or null when the IRI is empty.
   */
  linkTyped(
    subject: Node,
    predicate: Curie,
    iri: string | null | undefined,
    ...classes: Curie[]
  ): Node | null {
    if (!iri) return null;
    const node = namedNode(iri);
    this.add(subject, predicate, node);
    for (const type of classes) {
      const key = `${iri} ${type}`;
      if (this.typed.has(key)) continue;
      this.typed.add(key);
      this.type(node, type);
    }
    return node;
  }

  /** Whether a node got its description already in this graph (see linkTyped). */
  firstTime(key: string): boolean {
    if (this.typed.has(key)) return false;
    this.typed.add(key);
    return true;
  }

  /** A link to an IRI; skipped when the IRI is empty. */
  link(subject: Node, predicate: Curie, iri: string | null | undefined): void {
    if (iri) this.add(subject, predicate, namedNode(iri));
  }

  /** A language-tagged text; skipped when empty. */
  text(subject: Node, predicate: Curie, value: string | null | undefined, language: string): void {
    if (value) this.add(subject, predicate, literal(value, language));
  }

  /** A plain or typed literal; skipped when null. */
  value(subject: Node, predicate: Curie, value: string | number | null | undefined, datatype?: Curie): void {
    if (value === null || value === undefined || value === '') return;
    this.add(subject, predicate, literal(String(value), datatype ? namedNode(expand(datatype)) : undefined));
  }

  /** A new blank node of the given class, linked from `subject`. */
  child(subject: Node, predicate: Curie, type: Curie): Node {
    const node = blankNode();
    this.add(subject, predicate, node);
    this.type(node, type);
    return node;
  }
}
