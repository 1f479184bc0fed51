import { m } from '../i18n/text.js';

/** The metadata quality score: the dataset page's section, search, the publishers' dashboard. */
export const QUALITY = {
  qualTitle: m('Qualité des métadonnées', 'Metadata quality'),
  qualLead: m(
    'Ce score dit si la fiche de ce jeu de données permet de le trouver, de le comprendre et de le réutiliser : il est calculé d’après les critères ci-dessous, chacun selon son poids. Il ne juge pas l’exactitude des données elles-mêmes.',
    'This score tells whether this dataset’s record lets people find, understand and reuse it: it is computed from the criteria below, each by its weight. It does not judge whether the data itself is accurate.',
  ),
  qualScoreOf: m('{score} sur 100', '{score} out of 100'),
  qualScoreSentence: m(
    'Score : {score} sur 100, qualité {band}.',
    'Score: {score} out of 100, {band} quality.',
  ),
  qualBandhigh: m('élevée', 'high'),
  qualBandmedium: m('moyenne', 'medium'),
  qualBandlow: m('faible', 'low'),
  qualComputedOn: m('Calculé le {date}.', 'Computed on {date}.'),
  qualNotYet: m(
    'Le score de ce jeu de données n’est pas encore calculé.',
    'This dataset’s score is not computed yet.',
  ),
  qualCriteria: m('Les critères', 'The criteria'),
  qualpassed: m('Réussi', 'Passed'),
  qualfailed: m('À améliorer', 'To improve'),
  'qualnot-applicable': m('Sans objet', 'Not applicable'),
  qualWeight: m('poids {weight}', 'weight {weight}'),
  qualFinding: m('Constat', 'Finding'),
  qualWhyHow: m('Pourquoi c’est important, et comment faire', 'Why it matters, and how to fix it'),
  qualWhy: m('Pourquoi c’est important', 'Why it matters'),
  qualFix: m('Comment faire', 'How to fix it'),
  // Link checks, for publishers.
  qualLinksTitle: m('Liens vérifiés', 'Links checked'),
  qualLinksLead: m(
    'Visible des éditeurs de l’organisation seulement : le vérificateur interroge chaque lien de ce jeu de données (statut, type, taille).',
    'Shown to the organization’s editors only: the checker asks every link of this dataset (status, type, size).',
  ),
  qualLinksNone: m('Ce jeu de données n’a aucun lien vérifié.', 'This dataset has no checked link.'),
  qualLinkResource: m('Lien', 'Link'),
  qualLinkResult: m('Résultat', 'Result'),
  qualLinkFailingSince: m('En échec depuis', 'Failing since'),
  qualLinkCheckedOn: m('Vérifié le', 'Checked on'),
  qualLinkOk: m('Accessible (HTTP {status})', 'Reachable (HTTP {status})'),
  qualLinkFailed: m('En échec : {reason}', 'Failing: {reason}'),
  qualLinkDetails: m('{type}, {size}', '{type}, {size}'),
  // Search.
  facetQuality: m('Qualité des métadonnées', 'Metadata quality'),
  sortQuality: m('Meilleure qualité des métadonnées', 'Best metadata quality'),
  qualInSummary: m('Qualité des métadonnées : {score} sur 100', 'Metadata quality: {score} out of 100'),
  // The organisation's dashboard.
  qualDashLink: m('Qualité des métadonnées', 'Metadata quality'),
  qualDashTitle: m('Qualité des métadonnées : {name}', 'Metadata quality: {name}'),
  qualDashLead: m(
    'Les jeux de données de l’organisation, du score le plus faible au plus élevé, avec les critères à améliorer. Les jeux privés et les brouillons n’y figurent que pour ceux qui peuvent les voir.',
    'The organization’s datasets, from the lowest score to the highest, with the criteria to improve. Private datasets and drafts appear only to those who may see them.',
  ),
  qualAverage: m('Score moyen', 'Average score'),
  qualScoredCount: m('Jeux de données avec un score', 'Datasets with a score'),
  qualScoredOf: m('{scored} sur {count}', '{scored} of {count}'),
  qualBandsLabel: m('Par niveau', 'By level'),
  qualBandsText: m(
    'élevée : {high} · moyenne : {medium} · faible : {low}',
    'high: {high} · medium: {medium} · low: {low}',
  ),
  qualColScore: m('Score', 'Score'),
  qualColFailed: m('Critères à améliorer', 'Criteria to improve'),
  qualNothingFailed: m(
    'Aucun : tous les critères applicables sont réussis.',
    'None: every applicable criterion passes.',
  ),
  qualNotScored: m('pas encore calculé', 'not computed yet'),
  qualNoDatasets: m(
    'Cette organisation n’a aucun jeu de données que vous pouvez voir.',
    'This organization has no dataset you may see.',
  ),
  qualDatasetsTable: m(
    'Jeux de données, du score le plus faible au plus élevé',
    'Datasets, lowest score first',
  ),
} as const;
