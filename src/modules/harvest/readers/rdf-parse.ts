import jsonld from 'jsonld';
import { DataFactory, Parser, type Quad, Store } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { type FetchedText, SourceError } from '../fetch.js';

type RdfSyntax = 'turtle' | 'ntriples' | 'rdfxml' | 'jsonld';

/** The syntax of an RDF document from its media type, else from its address's extension. */
export function rdfSyntax(contentType: string, url: string): RdfSyntax | null {
  if (/turtle|n3/.test(contentType)) return 'turtle';
  if (/n-triples/.test(contentType)) return 'ntriples';
  if (/rdf\+xml|\/xml/.test(contentType)) return 'rdfxml';
  if (/ld\+json/.test(contentType)) return 'jsonld';
  const path = new URL(url).pathname.toLowerCase();
  if (/\.(ttl|n3)$/.test(path)) return 'turtle';
  if (/\.nt$/.test(path)) return 'ntriples';
  if (/\.(rdf|xml|owl)$/.test(path)) return 'rdfxml';
  if (/\.(jsonld|json)$/.test(path) || contentType === 'application/json') return 'jsonld';
  return null;
}

/** The triples of an RDF document (Turtle, N-Triples, RDF/XML or JSON-LD), or a SourceError. */
export async function parseRdf(fetched: FetchedText): Promise<Store> {
  const syntax = rdfSyntax(fetched.contentType, fetched.url);
  if (!syntax)
    throw new SourceError(
      `${fetched.url} answered ${fetched.contentType || 'no media type'}, not RDF (Turtle, RDF/XML or JSON-LD)`,
    );
  try {
    return new Store(await quadsOf(syntax, fetched.text, fetched.url));
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(
      `${fetched.url} is not valid ${syntax} (${(error as Error).message.slice(0, 300)})`,
    );
  }
}

async function quadsOf(syntax: RdfSyntax, text: string, baseIRI: string): Promise<Quad[]> {
  if (syntax === 'turtle' || syntax === 'ntriples')
    return new Parser({
      baseIRI,
      format: syntax === 'turtle' ? 'text/turtle' : 'application/n-triples',
    }).parse(text);
  if (syntax === 'rdfxml') {
    const parser = new RdfXmlParser({ baseIRI, dataFactory: DataFactory });
    const quads: Quad[] = [];
    return new Promise((resolve, reject) => {
      parser.on('data', (quad: Quad) => quads.push(quad));
      parser.on('error', reject);
      parser.on('end', () => resolve(quads));
      parser.write(text);
      parser.end();
    });
  }
  const document = JSON.parse(text);
  // Remote contexts are never fetched: a document must carry its own (the server makes no requests
  // a source did not name).
  const nquads = (await jsonld.toRDF(document, {
    base: baseIRI,
    format: 'application/n-quads',
    documentLoader: async (url: string) => {
      throw new SourceError(`the JSON-LD document refers to a remote context (${url}), which is not fetched`);
    },
  } as never)) as unknown as string;
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}
