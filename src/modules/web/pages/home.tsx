import type { FacetCount, SearchResult } from '../../catalog/index.js';
import { datasetLinks } from '../../catalog/index.js';
import { Layout } from '../render.js';

export interface HomeProps {
  siteTitle: string;
  siteDescription: string;
  baseUrl: string;
  catalog: SearchResult;
}

function FacetList({ items, label }: { items: FacetCount[]; label: string }) {
  return (
    <section aria-labelledby={`facet-${label}`}>
      <h2 id={`facet-${label}`}>{label}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.value}>
            {item.title?.fr ?? item.value} <span class="count">({item.count})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The landing page: what the catalogue holds and where its APIs are. */
export function HomePage({ siteTitle, siteDescription, baseUrl, catalog }: HomeProps) {
  return (
    <Layout title="Accueil" siteTitle={siteTitle} lang="fr">
      <h1>{siteTitle}</h1>
      <p class="lead">{siteDescription}</p>
      <p>
        <strong>{catalog.count}</strong> jeux de données publics.
      </p>
      <section aria-labelledby="recent">
        <h2 id="recent">Jeux de données récents</h2>
        <ul class="datasets">
          {catalog.datasets.map((dataset) => {
            const links = datasetLinks(baseUrl, dataset);
            return (
              <li key={dataset.id}>
                <a href={links.self}>{dataset.title.fr}</a>
                {dataset.title.en ? (
                  <span lang="en" class="alt">
                    {' '}
                    — {dataset.title.en}
                  </span>
                ) : null}
                <br />
                <small>
                  {dataset.organization.title.fr} · <a href={links.dcat_turtle}>DCAT (Turtle)</a> ·{' '}
                  <a href={links.dcat_jsonld}>DCAT (JSON-LD)</a>
                </small>
              </li>
            );
          })}
        </ul>
      </section>
      <div class="columns">
        <FacetList items={catalog.facets.organization ?? []} label="Organisations" />
        <FacetList items={catalog.facets.groups ?? []} label="Thèmes" />
        <FacetList items={catalog.facets.res_format ?? []} label="Formats" />
      </div>
      <section aria-labelledby="apis">
        <h2 id="apis">Interfaces de programmation</h2>
        <ul>
          <li>
            <a href="/api/v1/docs">API REST (documentation)</a> et sa description{' '}
            <a href="/api/v1/openapi.json">OpenAPI 3.1</a>
          </li>
          <li>
            <a href="/api/3/action/package_search?q=eau">API CKAN (Action API v3)</a>, compatible avec les
            scripts et ckanapi
          </li>
          <li>
            Catalogue <a href="/catalog.jsonld">DCAT-AP (JSON-LD)</a> et <a href="/catalog.ttl">Turtle</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
