import { m } from './text.js';

/** The data preview of a tabular resource: its table, its load. */
export const DATA = {
  dataPreview: m('Aperçu des données', 'Data preview'),
  dataTableCaption: m('Lignes {from} à {to} sur {total}', 'Rows {from} to {to} of {total}'),
  dataNoRows: m('Aucune ligne ne correspond.', 'No row matches.'),
  dataFilter: m('Filtrer les lignes', 'Filter the rows'),
  dataFilterHint: m(
    'Mots présents dans la ligne (accents et majuscules ignorés)',
    'Words in the row (accents and case ignored)',
  ),
  dataSort: m('Trier par', 'Sort by'),
  dataSortNone: m('Ordre du fichier', 'File order'),
  dataAscending: m('{column} (croissant)', '{column} (ascending)'),
  dataDescending: m('{column} (décroissant)', '{column} (descending)'),
  dataApply: m('Afficher', 'Show'),
  dataLoading: m(
    'Les données sont en cours de chargement : {percent} % ({rows} lignes lues). Rechargez la page dans un moment.',
    'The data is being loaded: {percent}% ({rows} rows read). Reload the page in a moment.',
  ),
  dataQueued: m('Le chargement des données est en attente.', 'Loading the data is queued.'),
  dataFailed: m('Le chargement des données a échoué : {message}', 'Loading the data failed: {message}'),
  dataFailedPublic: m(
    'L’aperçu de ces données n’est pas disponible.',
    'A preview of this data is not available.',
  ),
  dataDownloads: m('Télécharger les données', 'Download the data'),
  dataDownloadFiltered: m('Télécharger les lignes filtrées', 'Download the filtered rows'),
  dataApi: m('Interroger par l’API', 'Query through the API'),
  dataColumns: m('{count} colonnes', '{count} columns'),
  chartHeading: m('Graphique', 'Chart'),
  chartTitle: m('{measure} par {category}', '{measure} by {category}'),
  chartSumOf: m('Somme de {column}', 'Sum of {column}'),
  chartCount: m('Nombre de lignes', 'Number of rows'),
  chartSummary: m(
    '{count} catégories ; la plus grande est {top} ({topValue}), la plus petite {bottom} ({bottomValue}) ; total {total}.',
    '{count} categories; the largest is {top} ({topValue}), the smallest {bottom} ({bottomValue}); total {total}.',
  ),
  chartOthers: m(
    '{count} autres catégories, plus petites, ne sont pas montrées.',
    '{count} other, smaller categories are not shown.',
  ),
  chartData: m('Les chiffres du graphique', 'The chart’s figures'),
} as const;
