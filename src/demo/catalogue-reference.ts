import { csv } from './files.js';
import { QUEBEC_BBOX, readDivisions, readSubdivisions, SUBDIVISION_TYPES } from './places.js';
import { type DemoDataset, FICTITIOUS } from './publishers.js';
import { Random } from './random.js';

const ATTRIBUTION = {
  fr: '\n\nSource : Statistique Canada, Classification géographique type (CGT) 2016, compilée par Open Civic Data (CC0 1.0). Découpage de 2016 : les changements municipaux ultérieurs n’y figurent pas.',
  en: '\n\nSource: Statistics Canada, Standard Geographical Classification (SGC) 2016, compiled by Open Civic Data (CC0 1.0). 2016 boundaries: later municipal changes are not included.',
};
/** What the datasets built from the 2016 geography share: the same source, licence and coverage. */
const SGC_2016 = {
  license: 'cc-zero',
  frequency: 'never',
  temporal: ['2016-01-01', '2016-12-31'] as [string, string],
  bbox: QUEBEC_BBOX,
};
const GEOGRAPHY = {
  organization: 'institut-statistique-quebec',
  maintainer: 'Direction des données géographiques',
  maintainerEmail: 'donnees-geo@quai.example',
  ...SGC_2016,
};
const AUTOCHTHONOUS = new Set(['IRI', 'S-É', 'TI', 'TC', 'TK', 'VC', 'VK', 'VN']);

/** Datasets built from the real (CC0) list of Québec's census subdivisions and divisions. */
export function referenceDatasets(): DemoDataset[] {
  const subdivisions = readSubdivisions();
  const divisions = readDivisions();
  const divisionName = new Map(divisions.map((division) => [division.code, division.name]));
  const rows = subdivisions.map((s) => [
    s.code,
    s.name,
    s.classification,
    SUBDIVISION_TYPES[s.classification]?.fr ?? '',
    s.division.slice(2),
    divisionName.get(s.division) ?? '',
    s.sgc,
  ]);
  const columns = [
    'code_geographique',
    'nom',
    'type',
    'type_description',
    'code_division',
    'division',
    'code_sgc',
  ];
  const counts = new Map<string, number>();
  for (const s of subdivisions) counts.set(s.classification, (counts.get(s.classification) ?? 0) + 1);

  return [
    {
      name: 'repertoire-municipalites-sgc-2016',
      title: {
        fr: 'Répertoire des municipalités du Québec (découpage de 2016)',
        en: 'Directory of Québec municipalities (2016 boundaries)',
      },
      notes: {
        fr: `Liste des **${subdivisions.length} subdivisions de recensement** du Québec — municipalités, villes, paroisses, territoires non organisés, réserves et terres autochtones — avec leur code géographique à cinq chiffres, leur type et leur division de recensement (MRC ou territoire équivalent).${ATTRIBUTION.fr}`,
        en: `List of Québec's **${subdivisions.length} census subdivisions** — municipalities, cities, parishes, unorganized territories, reserves and Indigenous lands — with their five-digit geographic code, type and census division (RCM or equivalent territory).${ATTRIBUTION.en}`,
      },
      groups: ['territoire'],
      tags: ['municipalités', 'codes géographiques', 'découpage administratif', 'référence'],
      keywordsEn: ['municipalities', 'geographic codes'],
      ...GEOGRAPHY,
      resources: [
        {
          filename: 'municipalites-sgc-2016.csv',
          name: { fr: 'Répertoire des municipalités (CSV)', en: 'Directory of municipalities (CSV)' },
          content: () => csv(columns, rows),
        },
        {
          url: 'https://github.com/opencivicdata/ocd-division-ids',
          format: 'HTML',
          name: { fr: 'Source : Open Civic Data', en: 'Source: Open Civic Data' },
        },
      ],
    },
    {
      name: 'mrc-territoires-equivalents-sgc-2016',
      title: {
        fr: 'Municipalités régionales de comté et territoires équivalents (2016)',
        en: 'Regional county municipalities and equivalent territories (2016)',
      },
      notes: {
        fr: `Les **${divisions.length} divisions de recensement** du Québec : MRC, territoires équivalents et communautés métropolitaines, avec leur code à deux chiffres.${ATTRIBUTION.fr}`,
        en: `Québec's **${divisions.length} census divisions**: RCMs, equivalent territories and metropolitan communities, with their two-digit code.${ATTRIBUTION.en}`,
      },
      groups: ['territoire'],
      tags: ['MRC', 'codes géographiques', 'découpage administratif', 'référence'],
      keywordsEn: ['regional county municipalities'],
      ...GEOGRAPHY,
      resources: [
        {
          filename: 'mrc-sgc-2016.csv',
          name: {
            fr: 'Liste des MRC et territoires équivalents',
            en: 'List of RCMs and equivalent territories',
          },
          content: () =>
            csv(
              ['code_division', 'nom', 'type', 'code_sgc'],
              divisions.map((d) => [d.code.slice(2), d.name, d.classification, d.code]),
            ),
        },
      ],
    },
    {
      name: 'communautes-autochtones-codes-geographiques',
      title: {
        fr: 'Codes géographiques des réserves, établissements et terres autochtones',
        en: 'Geographic codes of reserves, settlements and Indigenous lands',
      },
      notes: {
        fr: `Extrait du répertoire de 2016 : réserves indiennes, établissements indiens, terres et villages cris, inuits et naskapis, avec leur code géographique.${ATTRIBUTION.fr}`,
        en: `Extract of the 2016 directory: Indian reserves and settlements, Cree, Inuit and Naskapi lands and villages, with their geographic code.${ATTRIBUTION.en}`,
      },
      groups: ['territoire', 'societe-et-culture'],
      tags: ['Premières Nations', 'Inuit', 'codes géographiques', 'référence'],
      keywordsEn: ['First Nations', 'Inuit'],
      ...GEOGRAPHY,
      resources: [
        {
          filename: 'territoires-autochtones-sgc-2016.csv',
          name: { fr: 'Réserves et terres autochtones (CSV)', en: 'Reserves and Indigenous lands (CSV)' },
          content: () =>
            csv(
              columns,
              rows.filter((row) => AUTOCHTHONOUS.has(row[2] as string)),
            ),
        },
      ],
    },
    {
      name: 'types-municipalites-denombrement',
      title: {
        fr: 'Dénombrement des municipalités par type (2016)',
        en: 'Number of municipalities by type (2016)',
      },
      notes: {
        fr: `Nombre de subdivisions de recensement par type au Québec, calculé à partir du répertoire de 2016.${ATTRIBUTION.fr}`,
        en: `Number of census subdivisions by type in Québec, computed from the 2016 directory.${ATTRIBUTION.en}`,
      },
      organization: 'affaires-municipales',
      groups: ['territoire', 'gouvernement-et-finances'],
      tags: ['municipalités', 'organisation municipale', 'statistiques'],
      keywordsEn: ['municipalities', 'statistics'],
      ...SGC_2016,
      maintainer: "Direction de l'organisation municipale",
      maintainerEmail: 'organisation-municipale@quai.example',
      resources: [
        {
          filename: 'municipalites-par-type-2016.csv',
          name: { fr: 'Nombre par type', en: 'Count by type' },
          content: () =>
            csv(
              ['type', 'description_fr', 'description_en', 'nombre'],
              [...counts]
                .sort((a, b) => b[1] - a[1])
                .map(([type, n]) => [type, SUBDIVISION_TYPES[type]?.fr, SUBDIVISION_TYPES[type]?.en, n]),
            ),
        },
      ],
    },
    {
      name: 'sommaires-roles-evaluation-fonciere',
      title: { fr: "Sommaires des rôles d'évaluation foncière", en: 'Property assessment roll summaries' },
      notes: {
        fr: `Valeur foncière uniformisée et nombre d'unités d'évaluation par municipalité.${FICTITIOUS.fr}`,
        en: `Standardized property value and number of assessment units by municipality.${FICTITIOUS.en}`,
      },
      organization: 'affaires-municipales',
      groups: ['gouvernement-et-finances', 'territoire'],
      tags: ['évaluation foncière', 'fiscalité municipale', 'démonstration'],
      keywordsEn: ['property assessment'],
      license: 'cc-by',
      frequency: 'annual',
      temporal: ['2024-01-01', '2024-12-31'],
      bbox: QUEBEC_BBOX,
      maintainer: 'Direction de la fiscalité municipale',
      maintainerEmail: 'fiscalite@quai.example',
      resources: [
        {
          filename: 'sommaires-roles-2024.csv',
          name: { fr: 'Sommaires 2024', en: '2024 summaries' },
          content: () => {
            const random = new Random(2024);
            return csv(
              ['code_geographique', 'municipalite', 'unites_evaluation', 'valeur_uniformisee'],
              subdivisions
                .filter((s) => s.classification !== 'NO')
                .slice(0, 400)
                .map((s) => {
                  const units = random.int(150, 9000);
                  return [s.code, s.name, units, units * random.int(180_000, 420_000)];
                }),
            );
          },
        },
      ],
    },
  ];
}
