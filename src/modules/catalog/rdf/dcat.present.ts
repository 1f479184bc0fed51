import type { Dataset, Group, Resource } from '../catalog.types.js';
import { datasetIri, datasetLinks, groupUrl, resourceIri, resourceUrl } from '../links.js';
import { EU_FILE_TYPE_BASE, findFormat, IANA_MEDIA_TYPE_BASE } from '../vocabularies/formats.js';
import { EU_FREQUENCY_BASE, findFrequency } from '../vocabularies/frequencies.js';
import { EU_LANGUAGE_BASE, findLanguage } from '../vocabularies/languages.js';
import { EU_LICENCE_BASE, findLicense } from '../vocabularies/licenses.js';
import type { GraphBuilder, Node } from './graph.js';

const EU_THEME_BASE = 'http://publications.europa.eu/resource/authority/data-theme/';
const EU_ACCESS_RIGHT = 'http://publications.europa.eu/resource/authority/access-right/';

/**
 * Adds a dataset to the graph as DCAT-AP 3: the dataset, its publisher, contact point, coverage,
 * themes and one dcat:Distribution per resource. Returns the dataset's node.
 */
export function addDataset(graph: GraphBuilder, baseUrl: string, dataset: Dataset): Node {
  const node = graph.iri(datasetIri(baseUrl, dataset));
  graph.type(node, 'dcat:Dataset');
  graph.value(node, 'dct:identifier', dataset.id);
  bilingual(graph, node, 'dct:title', dataset.title);
  // DCAT-AP requires a description; the title stands in when the publisher gave none.
  bilingual(
    graph,
    node,
    'dct:description',
    dataset.notes.fr || dataset.notes.en ? dataset.notes : dataset.title,
  );
  for (const tag of dataset.tags) graph.text(node, 'dcat:keyword', tag, 'fr');
  for (const keyword of dataset.keywordsEn) graph.text(node, 'dcat:keyword', keyword, 'en');
  graph.add(node, 'dct:publisher', addAgent(graph, baseUrl, dataset.organization));
  for (const group of dataset.groups) addTheme(graph, baseUrl, node, group);
  addContactPoint(graph, node, dataset);
  if (dataset.author)
    graph.text(graph.child(node, 'dct:creator', 'foaf:Agent'), 'foaf:name', dataset.author, 'fr');
  const frequency = findFrequency(dataset.updateFrequency);
  if (frequency) graph.link(node, 'dct:accrualPeriodicity', EU_FREQUENCY_BASE + frequency.euCode);
  if (dataset.temporalStart || dataset.temporalEnd) {
    const period = graph.child(node, 'dct:temporal', 'dct:PeriodOfTime');
    graph.value(period, 'dcat:startDate', dataset.temporalStart, 'xsd:date');
    graph.value(period, 'dcat:endDate', dataset.temporalEnd, 'xsd:date');
  }
  if (dataset.bbox) {
    const { west, south, east, north } = dataset.bbox;
    const wkt = `POLYGON((${west} ${south}, ${east} ${south}, ${east} ${north}, ${west} ${north}, ${west} ${south}))`;
    graph.value(graph.child(node, 'dct:spatial', 'dct:Location'), 'dcat:bbox', wkt, 'gsp:wktLiteral');
  }
  for (const code of dataset.languages) {
    const language = findLanguage(code);
    if (language) graph.link(node, 'dct:language', EU_LANGUAGE_BASE + language.euCode);
  }
  graph.value(node, 'dct:issued', dataset.metadataCreated.toISOString(), 'xsd:dateTime');
  graph.value(node, 'dct:modified', dataset.metadataModified.toISOString(), 'xsd:dateTime');
  graph.link(node, 'dcat:landingPage', datasetLinks(baseUrl, dataset).html);
  graph.link(node, 'dcat:landingPage', dataset.url);
  graph.value(node, 'dcat:version', dataset.version);
  graph.link(node, 'dct:accessRights', EU_ACCESS_RIGHT + (dataset.private ? 'NON_PUBLIC' : 'PUBLIC'));
  for (const resource of dataset.resources) {
    graph.add(node, 'dcat:distribution', addDistribution(graph, baseUrl, dataset, resource));
  }
  return node;
}

/** Publishers as foaf:Agent (foaf:Organization), named in both languages. */
export function addAgent(graph: GraphBuilder, baseUrl: string, organization: Group): Node {
  const node = graph.iri(groupUrl(baseUrl, organization));
  graph.type(node, 'foaf:Agent', 'foaf:Organization');
  bilingual(graph, node, 'foaf:name', organization.title);
  graph.link(node, 'foaf:homepage', groupUrl(baseUrl, organization));
  return node;
}

/** A theme is both our own skos:Concept and, where known, the EU data theme it maps to. */
function addTheme(graph: GraphBuilder, baseUrl: string, dataset: Node, group: Group): void {
  if (group.euTheme) graph.link(dataset, 'dcat:theme', EU_THEME_BASE + group.euTheme);
  const concept = graph.iri(groupUrl(baseUrl, group));
  graph.add(dataset, 'dcat:theme', concept);
  graph.type(concept, 'skos:Concept');
  bilingual(graph, concept, 'skos:prefLabel', group.title);
  graph.link(concept, 'skos:inScheme', themeSchemeIri(baseUrl));
}

export function themeSchemeIri(baseUrl: string): string {
  return `${baseUrl}/group`;
}

function addContactPoint(graph: GraphBuilder, node: Node, dataset: Dataset): void {
  if (!dataset.maintainer && !dataset.maintainerEmail) return;
  const contact = graph.child(node, 'dcat:contactPoint', 'vcard:Organization');
  graph.value(contact, 'vcard:fn', dataset.maintainer ?? dataset.organization.title.fr);
  if (dataset.maintainerEmail) graph.link(contact, 'vcard:hasEmail', `mailto:${dataset.maintainerEmail}`);
}

function addDistribution(graph: GraphBuilder, baseUrl: string, dataset: Dataset, resource: Resource): Node {
  const node = graph.iri(resourceIri(baseUrl, resource));
  graph.type(node, 'dcat:Distribution');
  bilingual(graph, node, 'dct:title', resource.name);
  bilingual(graph, node, 'dct:description', resource.description);
  const url = resourceUrl(baseUrl, resource);
  graph.link(node, 'dcat:accessURL', url);
  const format = findFormat(resource.format);
  if (resource.upload || (format && format.label !== 'HTML')) graph.link(node, 'dcat:downloadURL', url);
  if (format?.euCode) graph.link(node, 'dct:format', EU_FILE_TYPE_BASE + format.euCode);
  const mediaType = resource.mimetype ?? format?.mediaType;
  if (mediaType) graph.link(node, 'dcat:mediaType', IANA_MEDIA_TYPE_BASE + mediaType);
  graph.value(node, 'dcat:byteSize', resource.size, 'xsd:nonNegativeInteger');
  if (resource.upload) {
    const checksum = graph.child(node, 'spdx:checksum', 'spdx:Checksum');
    graph.link(checksum, 'spdx:algorithm', 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256');
    graph.value(checksum, 'spdx:checksumValue', resource.upload.sha256, 'xsd:hexBinary');
  }
  const license = findLicense(dataset.licenseId);
  if (license)
    graph.link(node, 'dct:license', license.euCode ? EU_LICENCE_BASE + license.euCode : license.url);
  graph.value(node, 'dct:issued', resource.created.toISOString(), 'xsd:dateTime');
  graph.value(node, 'dct:modified', resource.metadataModified.toISOString(), 'xsd:dateTime');
  return node;
}

function bilingual(
  graph: GraphBuilder,
  node: Node,
  predicate: Parameters<GraphBuilder['text']>[1],
  text: { fr: string | null; en: string | null },
): void {
  graph.text(node, predicate, text.fr, 'fr');
  graph.text(node, predicate, text.en, 'en');
}
