import { DataFactory, type Quad_Object, type Quad_Subject, Writer } from 'n3';
import { findFrequency } from '../../catalog/index.js';
import type { SetStatus } from '../probe.service.js';
import type { SetDefinition, Version } from '../reference.types.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dqv: 'http://www.w3.org/ns/dqv#',
  adms: 'http://www.w3.org/ns/adms#',
  oa: 'http://www.w3.org/ns/oa#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  foaf: 'http://xmlns.com/foaf/0.1/',
} as const;
const EU_FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
const EU_STATUS = 'http://publications.europa.eu/resource/authority/dataset-status/';

/**
 * A reference set in DCAT 3 with DQV: the dataset (the catalog's IRI when it has one), its
 * versions (`dcat:hasVersion`, `dcat:previousVersion`), the current version's files, the lookup
 * API as a `dcat:DataService`, the commitment as quality annotations and the availability and
 * freshness measured as `dqv:QualityMeasurement`s. Turtle.
 */
export function referenceDcat(input: {
  set: SetDefinition;
  versions: Version[];
  status: SetStatus;
  datasetIri: string;
  baseUrl: string;
}): Promise<string> {
  const { set, versions, status, baseUrl } = input;
  const api = `${baseUrl}/api/v1/reference/${set.id}`;
  const writer = new Writer({ prefixes: NS });
  const n = (curie: string) => {
    const [prefix, local] = curie.split(':') as [keyof typeof NS, string];
    return namedNode(NS[prefix] + local);
  };
  const dataset = namedNode(input.datasetIri);
  const add = (s: Quad_Subject, p: string, o: Quad_Object) => writer.addQuad(quad(s, n(p), o));
  const text = (value: string, lang: string) => literal(value, lang);
  const typed = (value: string, type: string) => literal(value, n(type));

  add(dataset, 'rdf:type', n('dcat:Dataset'));
  add(dataset, 'dct:identifier', literal(set.id));
  add(dataset, 'dct:title', text(set.title.fr, 'fr'));
  add(dataset, 'dct:title', text(set.title.en, 'en'));
  add(dataset, 'dct:description', text(set.description.fr, 'fr'));
  add(dataset, 'dct:description', text(set.description.en, 'en'));
  add(dataset, 'dct:source', namedNode(set.source.url));
  const frequency = findFrequency(set.commitment.frequency);
  if (frequency) add(dataset, 'dct:accrualPeriodicity', namedNode(EU_FREQUENCY + frequency.euCode));
  add(dataset, 'adms:status', namedNode(`${EU_STATUS}COMPLETED`));
  const producer = blankNode();
  add(dataset, 'dct:creator', producer);
  add(producer, 'rdf:type', n('foaf:Agent'));
  add(producer, 'foaf:name', text(set.commitment.producer, 'fr'));
  const diffuser = blankNode();
  add(dataset, 'dct:publisher', diffuser);
  add(diffuser, 'rdf:type', n('foaf:Agent'));
  add(diffuser, 'foaf:name', text(set.commitment.diffuser, 'fr'));

  const current = versions[0];
  for (const [index, version] of versions.entries()) {
    const node = namedNode(`${api}/versions/${encodeURIComponent(version.label)}`);
    add(dataset, 'dcat:hasVersion', node);
    add(node, 'rdf:type', n('dcat:Dataset'));
    add(node, 'dcat:version', literal(version.label));
    add(node, 'dct:issued', typed(version.publishedAt, 'xsd:dateTime'));
    if (version.fictitious)
      add(node, 'adms:versionNotes', text('Version fictive (démonstration) : ne pas utiliser.', 'fr'));
    const previous = versions[index + 1];
    if (previous)
      add(node, 'dcat:previousVersion', namedNode(`${api}/versions/${encodeURIComponent(previous.label)}`));
  }
  if (current) {
    add(dataset, 'dcat:version', literal(current.label));
    for (const [name, file] of Object.entries(current.files)) {
      const url = `${api}/versions/${encodeURIComponent(current.label)}/files/${name}`;
      const distribution = namedNode(url);
      add(dataset, 'dcat:distribution', distribution);
      add(distribution, 'rdf:type', n('dcat:Distribution'));
      add(distribution, 'dcat:downloadURL', namedNode(url));
      add(distribution, 'dcat:accessURL', namedNode(url));
      add(
        distribution,
        'dcat:mediaType',
        namedNode(`http://www.iana.org/assignments/media-types/${file.contentType.split(';')[0]}`),
      );
      add(distribution, 'dcat:byteSize', typed(String(file.bytes), 'xsd:nonNegativeInteger'));
    }
  }

  const service = namedNode(api);
  add(service, 'rdf:type', n('dcat:DataService'));
  add(service, 'dct:title', text(`API de consultation — ${set.title.fr}`, 'fr'));
  add(service, 'dcat:endpointURL', namedNode(api));
  add(service, 'dcat:endpointDescription', namedNode(`${baseUrl}/api/v1/openapi.json`));
  add(service, 'dcat:servesDataset', dataset);

  const c = set.commitment;
  const commitments: [string, string][] = [
    [
      `Disponibilité visée : ${c.availability.files} % par mois pour les fichiers, ${c.availability.api} % pour l’API.`,
      `Availability target: ${c.availability.files}% a month for files, ${c.availability.api}% for the API.`,
    ],
    [
      `Fraîcheur : une version au plus tous les ${c.maxAgeDays} jours.`,
      `Freshness: a version at most every ${c.maxAgeDays} days.`,
    ],
    [
      `Préavis de ${c.noticeDays} jours avant tout changement de structure.`,
      `${c.noticeDays} days' notice before any structure change.`,
    ],
    [`Signaler une erreur : ${c.reportUrl}`, `Report an error: ${c.reportUrl}`],
  ];
  for (const [fr, en] of commitments) {
    const annotation = blankNode();
    add(dataset, 'dqv:hasQualityAnnotation', annotation);
    add(annotation, 'rdf:type', n('dqv:QualityAnnotation'));
    add(annotation, 'oa:motivatedBy', n('dqv:qualityAssessment'));
    const body = blankNode();
    add(annotation, 'oa:hasBody', body);
    add(body, 'rdf:value', text(fr, 'fr'));
    add(body, 'rdf:value', text(en, 'en'));
  }
  const measure = (metric: string, value: number | null) => {
    if (value === null) return;
    const node = blankNode();
    add(dataset, 'dqv:hasQualityMeasurement', node);
    add(node, 'rdf:type', n('dqv:QualityMeasurement'));
    add(node, 'dqv:isMeasurementOf', namedNode(`${baseUrl}/api/v1/reference#${metric}`));
    add(node, 'dqv:value', typed(String(value), 'xsd:decimal'));
    add(node, 'dct:date', typed(new Date().toISOString(), 'xsd:dateTime'));
  };
  measure('availability-api-30-days', status.availability.api);
  measure('availability-files-30-days', status.availability.files);
  measure('age-days', status.freshness.ageDays);

  return new Promise((resolve, reject) =>
    writer.end((error, result) => (error ? reject(error) : resolve(result))),
  );
}
