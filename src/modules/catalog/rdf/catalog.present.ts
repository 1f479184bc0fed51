import type { Dataset } from '../catalog.types.js';
import { addDataset, themeSchemeIri } from './dcat.present.js';
import { GraphBuilder } from './graph.js';

const EU_LANGUAGE = 'http://publications.europa.eu/resource/authority/language/';

export interface CatalogPage {
  datasets: Dataset[];
  totalItems: number;
  page: number;
  pageSize: number;
  /** The URL of this page without its `page` parameter (other parameters kept). */
  pageUrl: (page: number) => string;
}

export interface SiteDescription {
  baseUrl: string;
  title: string;
  description: string;
}

/**
 * One page of the whole catalogue as a dcat:Catalog, paged the current Hydra way: the catalogue
 * is a hydra:Collection whose hydra:view is this page, linked to the first, last, next, previous.
 */
export function catalogGraph(site: SiteDescription, page: CatalogPage): GraphBuilder {
  const graph = new GraphBuilder();
  const catalog = graph.iri(`${site.baseUrl}/catalog`);
  graph.type(catalog, 'dcat:Catalog', 'hydra:Collection');
  graph.text(catalog, 'dct:title', site.title, 'fr');
  graph.text(catalog, 'dct:description', site.description, 'fr');
  graph.linkTyped(catalog, 'foaf:homepage', site.baseUrl, 'foaf:Document');
  graph.linkTyped(catalog, 'dct:language', `${EU_LANGUAGE}FRA`, 'dct:LinguisticSystem');
  graph.linkTyped(catalog, 'dct:language', `${EU_LANGUAGE}ENG`, 'dct:LinguisticSystem');
  const publisher = graph.iri(`${site.baseUrl}/#publisher`);
  graph.add(catalog, 'dct:publisher', publisher);
  graph.type(publisher, 'foaf:Agent');
  graph.text(publisher, 'foaf:name', site.title, 'fr');
  const scheme = graph.iri(themeSchemeIri(site.baseUrl));
  graph.add(catalog, 'dcat:themeTaxonomy', scheme);
  graph.type(scheme, 'skos:ConceptScheme');
  graph.text(scheme, 'skos:prefLabel', 'Thèmes', 'fr');
  graph.text(scheme, 'skos:prefLabel', 'Themes', 'en');
  graph.text(scheme, 'dct:title', 'Thèmes', 'fr');
  graph.text(scheme, 'dct:title', 'Themes', 'en');
  const newest = page.datasets.reduce<Date | null>(
    (latest, dataset) => (!latest || dataset.metadataModified > latest ? dataset.metadataModified : latest),
    null,
  );
  if (newest) graph.value(catalog, 'dct:modified', newest.toISOString(), 'xsd:dateTime');
  for (const dataset of page.datasets)
    graph.add(catalog, 'dcat:dataset', addDataset(graph, site.baseUrl, dataset));

  graph.value(catalog, 'hydra:totalItems', page.totalItems, 'xsd:integer');
  const view = graph.iri(page.pageUrl(page.page));
  graph.add(catalog, 'hydra:view', view);
  graph.type(view, 'hydra:PartialCollectionView');
  const lastPage = Math.max(1, Math.ceil(page.totalItems / page.pageSize));
  graph.link(view, 'hydra:first', page.pageUrl(1));
  graph.link(view, 'hydra:last', page.pageUrl(lastPage));
  if (page.page > 1) graph.link(view, 'hydra:previous', page.pageUrl(Math.min(page.page - 1, lastPage)));
  if (page.page < lastPage) graph.link(view, 'hydra:next', page.pageUrl(page.page + 1));
  return graph;
}
