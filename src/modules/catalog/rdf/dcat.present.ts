import type { Dataset, Group, Resource } from '../catalog.types.js';
import { SPATIAL_PLACE_EXTRA, SPATIAL_PLACE_QUEBEC } from '../datasets/publication.js';
import { datasetIri, datasetLinks, groupUrl, resourceIri, resourceUrl } from '../links.js';
import { EU_FILE_TYPE_BASE, findFormat, IANA_MEDIA_TYPE_BASE } from '../vocabularies/formats.js';
import { EU_FREQUENCY_BASE, findFrequency } from '../vocabularies/frequencies.js';
import { EU_LANGUAGE_BASE, findLanguage } from '../vocabularies/languages.js';
import { EU_LICENCE_BASE, findLicense } from '../vocabularies/licenses.js';
import { EU_THEME_BASE, EU_THEME_LABELS, type EuTheme } from '../vocabularies/themes.js';
import type { GraphBuilder, Node } from './graph.js';

const EU_AVAILABILITY = 'http://publications.europa.eu/resource/authority/planned-availability/';
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
  if (frequency)
    graph.linkTyped(node, 'dct:accrualPeriodicity', EU_FREQUENCY_BASE + frequency.euCode, 'dct:Frequency');
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
  graph.linkTyped(
    node,
    'dct:spatial',
    placeIri(baseUrl, dataset.extras[SPATIAL_PLACE_EXTRA]),
    'dct:Location',
  );
  for (const code of dataset.languages) {
    const language = findLanguage(code);
    if (language)
      graph.linkTyped(node, 'dct:language', EU_LANGUAGE_BASE + language.euCode, 'dct:LinguisticSystem');
  }
  graph.value(node, 'dct:issued', dataset.metadataCreated.toISOString(), 'xsd:dateTime');
  graph.value(node, 'dct:modified', dataset.metadataModified.toISOString(), 'xsd:dateTime');
  graph.linkTyped(node, 'dcat:landingPage', datasetLinks(baseUrl, dataset).html, 'foaf:Document');
  graph.linkTyped(node, 'dcat:landingPage', dataset.url, 'foaf:Document');
  graph.value(node, 'dcat:version', dataset.version);
  graph.linkTyped(
    node,
    'dct:accessRights',
    EU_ACCESS_RIGHT + (dataset.private ? 'NON_PUBLIC' : 'PUBLIC'),
    'dct:RightsStatement',
  );
  for (const resource of dataset.resources) {
    graph.add(node, 'dcat:distribution', addDistribution(graph, baseUrl, dataset, resource));
  }
  addOrigins(graph, node, dataset);
  return node;
}

/** GeoNames' Québec, for a dataset covering the whole province. */
const QUEBEC_GEONAMES = 'https://sws.geonames.org/6115047/';

/**
 * A dataset's territory as an address: GeoNames' Québec for the whole province, otherwise its
 * reference entity's (`set:code` → /api/v1/reference/set/code, where its names and dates are).
 */
function placeIri(baseUrl: string, place: string | undefined): string | null {
  if (!place) return null;
  if (place === SPATIAL_PLACE_QUEBEC) return QUEBEC_GEONAMES;
  const match = /^([a-z][a-z0-9-]*):([A-Za-z0-9-]+)$/.exec(place);
  return match ? `${baseUrl}/api/v1/reference/${match[1]}/${match[2]}` : null;
}

/**
 * A harvested dataset: its identifiers upstream (adms:identifier) and its catalogue record, whose
 * dct:source is each upstream record the metadata was taken from (DCAT-AP 3's "source metadata").
 */
function addOrigins(graph: GraphBuilder, node: Node, dataset: Dataset): void {
  if (dataset.origins.length === 0) return;
  const record = graph.iri(`${node.value}#record`);
  graph.type(record, 'dcat:CatalogRecord');
  // A record's primary topic is a dcat:Resource (DCAT-AP 3's shapes check the class as written).
  graph.type(node, 'dcat:Resource');
  graph.add(record, 'foaf:primaryTopic', node);
  graph.value(record, 'dct:modified', dataset.metadataModified.toISOString(), 'xsd:dateTime');
  for (const origin of dataset.origins) {
    const identifier = graph.child(node, 'adms:identifier', 'adms:Identifier');
    graph.value(identifier, 'skos:notation', origin.upstreamIdentifier);
    const source = graph.child(record, 'dct:source', 'dcat:CatalogRecord');
    const topic = graph.iri(origin.upstreamUrl ?? origin.sourceUrl);
    graph.type(topic, 'dcat:Resource');
    graph.add(source, 'foaf:primaryTopic', topic);
    graph.value(source, 'dct:modified', origin.harvestedAt.toISOString(), 'xsd:dateTime');
    graph.text(source, 'dct:title', origin.sourceTitle, 'fr');
  }
}

/** Publishers as foaf:Agent (foaf:Organization), named in both languages. */
export function addAgent(graph: GraphBuilder, baseUrl: string, organization: Group): Node {
  const node = graph.iri(groupUrl(baseUrl, organization));
  graph.type(node, 'foaf:Agent', 'foaf:Organization');
  bilingual(graph, node, 'foaf:name', organization.title);
  graph.linkTyped(node, 'foaf:homepage', groupUrl(baseUrl, organization), 'foaf:Document');
  return node;
}

/** A theme is both our own skos:Concept and, where known, the EU data theme it maps to. */
function addTheme(graph: GraphBuilder, baseUrl: string, dataset: Node, group: Group): void {
  const labels = group.euTheme ? EU_THEME_LABELS[group.euTheme as EuTheme] : undefined;
  if (labels) {
    const euTheme = graph.linkTyped(dataset, 'dcat:theme', EU_THEME_BASE + group.euTheme, 'skos:Concept');
    if (euTheme && graph.firstTime(`${euTheme.value} labels`)) {
      bilingual(graph, euTheme, 'skos:prefLabel', labels);
      graph.link(euTheme, 'skos:inScheme', EU_THEME_BASE.replace(/\/$/, ''));
    }
  }
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
  const contact = graph.child(node, 'dcat:contactPoint', 'vcard:Kind');
  graph.type(contact, 'vcard:Organization');
  graph.value(contact, 'vcard:fn', dataset.maintainer ?? dataset.organization.title.fr);
  if (dataset.maintainerEmail) graph.link(contact, 'vcard:hasEmail', `mailto:${dataset.maintainerEmail}`);
}

function addDistribution(graph: GraphBuilder, baseUrl: string, dataset: Dataset, resource: Resource): Node {
  const node = graph.iri(resourceIri(baseUrl, resource));
  graph.type(node, 'dcat:Distribution');
  bilingual(graph, node, 'dct:title', resource.name);
  bilingual(graph, node, 'dct:description', resource.description);
  const url = resourceUrl(baseUrl, resource);
  graph.linkTyped(node, 'dcat:accessURL', url, 'rdfs:Resource');
  const format = findFormat(resource.format);
  if (resource.upload || (format && format.label !== 'HTML'))
    graph.linkTyped(node, 'dcat:downloadURL', url, 'rdfs:Resource');
  if (format?.euCode)
    graph.linkTyped(node, 'dct:format', EU_FILE_TYPE_BASE + format.euCode, 'dct:MediaTypeOrExtent');
  const mediaType = resource.mimetype ?? format?.mediaType;
  if (mediaType) graph.linkTyped(node, 'dcat:mediaType', IANA_MEDIA_TYPE_BASE + mediaType, 'dct:MediaType');
  graph.value(node, 'dcat:byteSize', resource.size, 'xsd:nonNegativeInteger');
  // A resource that declares the shared schema it follows (`schema`: name@version).
  const schema = /^([a-z0-9][a-z0-9-]{1,60})(?:@([0-9A-Za-z.+-]{1,40}))?$/.exec(resource.extras.schema ?? '');
  if (schema)
    graph.linkTyped(
      node,
      'dct:conformsTo',
      `${baseUrl}/schemas/${schema[1]}/${schema[2] ?? 'latest'}/schema.json`,
      'dct:Standard',
    );
  if (resource.upload) {
    const checksum = graph.child(node, 'spdx:checksum', 'spdx:Checksum');
    graph.linkTyped(
      checksum,
      'spdx:algorithm',
      'http://spdx.org/rdf/terms#checksumAlgorithm_sha256',
      'spdx:ChecksumAlgorithm',
    );
    graph.value(checksum, 'spdx:checksumValue', resource.upload.sha256, 'xsd:hexBinary');
  }
  const license = findLicense(dataset.licenseId);
  if (license) {
    const document = graph.linkTyped(
      node,
      'dct:license',
      license.euCode ? EU_LICENCE_BASE + license.euCode : license.url,
      'dct:LicenseDocument',
    );
    if (document && graph.firstTime(`${document.value} title`))
      bilingual(graph, document, 'dct:title', license.title);
  }
  graph.value(node, 'dct:issued', resource.created.toISOString(), 'xsd:dateTime');
  graph.value(node, 'dct:modified', resource.metadataModified.toISOString(), 'xsd:dateTime');
  // Recommended by DCAT-AP 3: how long the distribution stays available (published files stay).
  const availability = graph.linkTyped(
    node,
    'dcatap:availability',
    `${EU_AVAILABILITY}STABLE`,
    'skos:Concept',
  );
  if (availability && graph.firstTime(`${availability.value} labels`)) {
    bilingual(graph, availability, 'skos:prefLabel', { fr: 'stable', en: 'stable' });
  }
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
