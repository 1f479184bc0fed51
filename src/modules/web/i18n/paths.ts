import type { Locale } from '../../../platform/i18n/index.js';

/**
 * Every page's path in French and in English. Pages are shareable in either language, and the
 * language switch sends a reader to the same page in the other one.
 */
export const PAGES = {
  home: { fr: '/fr', en: '/en' },
  search: { fr: '/fr/jeux-de-donnees', en: '/en/datasets' },
  dataset: { fr: '/fr/jeux-de-donnees/:name', en: '/en/datasets/:name' },
  resource: { fr: '/fr/jeux-de-donnees/:name/ressources/:id', en: '/en/datasets/:name/resources/:id' },
  resourceViews: {
    fr: '/fr/jeux-de-donnees/:name/ressources/:id/vues',
    en: '/en/datasets/:name/resources/:id/views',
  },
  removeResourceView: {
    fr: '/fr/jeux-de-donnees/:name/ressources/:id/vues/:view/retirer',
    en: '/en/datasets/:name/resources/:id/views/:view/remove',
  },
  resourceSchemaGuess: {
    fr: '/fr/jeux-de-donnees/:name/ressources/:id/schema-propose',
    en: '/en/datasets/:name/resources/:id/proposed-schema',
  },
  resourceDictionary: {
    fr: '/fr/jeux-de-donnees/:name/ressources/:id/dictionnaire',
    en: '/en/datasets/:name/resources/:id/dictionary',
  },
  organizations: { fr: '/fr/organisations', en: '/en/organizations' },
  organization: { fr: '/fr/organisations/:name', en: '/en/organizations/:name' },
  themes: { fr: '/fr/themes', en: '/en/themes' },
  theme: { fr: '/fr/themes/:name', en: '/en/themes/:name' },
  api: { fr: '/fr/api', en: '/en/api' },
  apiTry: { fr: '/fr/api/essayer', en: '/en/api/try' },
  tenders: { fr: '/fr/appels-d-offres', en: '/en/tenders' },
  tender: { fr: '/fr/appels-d-offres/:ocid', en: '/en/tenders/:ocid' },
  procurementPolicy: {
    fr: '/fr/marches-publics/politique-de-publication',
    en: '/en/procurement/publication-policy',
  },
  registry: { fr: '/fr/registre-des-entreprises', en: '/en/business-registry' },
  enterprise: { fr: '/fr/registre-des-entreprises/:neq', en: '/en/business-registry/:neq' },
  referenceSets: { fr: '/fr/referentiels', en: '/en/reference' },
  referenceSet: { fr: '/fr/referentiels/:set', en: '/en/reference/:set' },
  referenceStatus: { fr: '/fr/referentiels/:set/etat', en: '/en/reference/:set/status' },
  referenceVersion: {
    fr: '/fr/referentiels/:set/versions/:label',
    en: '/en/reference/:set/versions/:label',
  },
  referenceEntity: { fr: '/fr/referentiels/:set/:code', en: '/en/reference/:set/:code' },
  schemas: { fr: '/fr/schemas-de-donnees', en: '/en/data-schemas' },
  schema: { fr: '/fr/schemas-de-donnees/:name', en: '/en/data-schemas/:name' },
  validator: { fr: '/fr/valider', en: '/en/validate' },
  validationReport: { fr: '/fr/valider/:id', en: '/en/validate/:id' },
  ecosystems: { fr: '/fr/ecosystemes', en: '/en/ecosystems' },
  ecosystem: { fr: '/fr/ecosystemes/:slug', en: '/en/ecosystems/:slug' },
  join: { fr: '/fr/rejoindre', en: '/en/join' },
  joinSent: { fr: '/fr/rejoindre/demande-envoyee', en: '/en/join/request-sent' },
  myJoinRequests: { fr: '/fr/espace/mes-demandes-d-adhesion', en: '/en/workspace/my-join-requests' },
  joinRequests: { fr: '/fr/espace/demandes-d-adhesion', en: '/en/workspace/join-requests' },
  harvestSources: { fr: '/fr/espace/moissonnage', en: '/en/workspace/harvest' },
  harvestSource: { fr: '/fr/espace/moissonnage/:name', en: '/en/workspace/harvest/:name' },
  harvestRun: {
    fr: '/fr/espace/moissonnage/:name/executions/:id',
    en: '/en/workspace/harvest/:name/runs/:id',
  },
  reuses: { fr: '/fr/reutilisations', en: '/en/reuses' },
  newReuse: { fr: '/fr/reutilisations/nouvelle', en: '/en/reuses/new' },
  reuse: { fr: '/fr/reutilisations/:name', en: '/en/reuses/:name' },
  editReuse: { fr: '/fr/reutilisations/:name/modifier', en: '/en/reuses/:name/edit' },
  calls: { fr: '/fr/appels-de-projets', en: '/en/calls-for-projects' },
  call: { fr: '/fr/appels-de-projets/:name', en: '/en/calls-for-projects/:name' },
  newThread: {
    fr: '/fr/jeux-de-donnees/:name/discussions/nouvelle',
    en: '/en/datasets/:name/discussions/new',
  },
  thread: { fr: '/fr/jeux-de-donnees/:name/discussions/:id', en: '/en/datasets/:name/discussions/:id' },
  replyThread: {
    fr: '/fr/jeux-de-donnees/:name/discussions/:id/repondre',
    en: '/en/datasets/:name/discussions/:id/reply',
  },
  closeThread: {
    fr: '/fr/jeux-de-donnees/:name/discussions/:id/cloture',
    en: '/en/datasets/:name/discussions/:id/closing',
  },
  reportMessage: { fr: '/fr/messages/:id/signaler', en: '/en/messages/:id/report' },
  moderateMessage: { fr: '/fr/messages/:id/moderer', en: '/en/messages/:id/moderate' },
  moderation: { fr: '/fr/espace/moderation', en: '/en/workspace/moderation' },
  bans: { fr: '/fr/espace/moderation/bannissements', en: '/en/workspace/moderation/bans' },
  consultations: { fr: '/fr/consultations', en: '/en/consultations' },
  newConsultation: { fr: '/fr/consultations/nouvelle', en: '/en/consultations/new' },
  consultation: { fr: '/fr/consultations/:name', en: '/en/consultations/:name' },
  commentConsultation: { fr: '/fr/consultations/:name/commenter', en: '/en/consultations/:name/comment' },
  closeConsultation: { fr: '/fr/consultations/:name/terminer', en: '/en/consultations/:name/end' },
  concludeConsultation: { fr: '/fr/consultations/:name/synthese', en: '/en/consultations/:name/summary' },
  dataRequests: { fr: '/fr/demandes-de-donnees', en: '/en/data-requests' },
  newDataRequest: { fr: '/fr/demandes-de-donnees/nouvelle', en: '/en/data-requests/new' },
  dataRequest: { fr: '/fr/demandes-de-donnees/:number', en: '/en/data-requests/:number' },
  supportDataRequest: {
    fr: '/fr/demandes-de-donnees/:number/appui',
    en: '/en/data-requests/:number/support',
  },
  answerDataRequest: {
    fr: '/fr/demandes-de-donnees/:number/reponse',
    en: '/en/data-requests/:number/answer',
  },
  signIn: { fr: '/fr/connexion', en: '/en/sign-in' },
  setPassword: { fr: '/fr/mot-de-passe/:token', en: '/en/password/:token' },
  signUp: { fr: '/fr/inscription', en: '/en/sign-up' },
  signUpSent: { fr: '/fr/inscription/verifiez-vos-courriels', en: '/en/sign-up/check-your-mail' },
  // The mail module's messages link here (community/accounts/public-accounts.service.ts).
  accountVerify: { fr: '/fr/compte/confirmer/:token', en: '/en/account/confirm/:token' },
  forgotPassword: { fr: '/fr/mot-de-passe-oublie', en: '/en/forgot-password' },
  resendVerification: { fr: '/fr/espace/renvoyer-le-lien', en: '/en/workspace/send-the-link-again' },
  deleteAccount: { fr: '/fr/espace/supprimer-mon-compte', en: '/en/workspace/delete-my-account' },
  profile: { fr: '/fr/utilisateurs/:name', en: '/en/users/:name' },
  signOut: { fr: '/fr/deconnexion', en: '/en/sign-out' },
  workspace: { fr: '/fr/espace', en: '/en/workspace' },
  tokens: { fr: '/fr/espace/jetons', en: '/en/workspace/tokens' },
  webhooks: { fr: '/fr/espace/webhooks', en: '/en/workspace/webhooks' },
  // The digests link here (community/alerts/digests.ts).
  follows: { fr: '/fr/espace/suivis', en: '/en/workspace/follows' },
  follow: { fr: '/fr/suivre', en: '/en/follow' },
  unsubscribe: { fr: '/fr/alertes/desabonnement/:token', en: '/en/alerts/unsubscribe/:token' },
  newDataset: { fr: '/fr/espace/nouveau-jeu-de-donnees', en: '/en/workspace/new-dataset' },
  editDataset: { fr: '/fr/jeux-de-donnees/:name/modifier', en: '/en/datasets/:name/edit' },
  publishDataset: { fr: '/fr/jeux-de-donnees/:name/publier', en: '/en/datasets/:name/publish' },
  manageDataset: { fr: '/fr/jeux-de-donnees/:name/publication', en: '/en/datasets/:name/publication' },
  embedResource: {
    fr: '/fr/integrer/jeux-de-donnees/:name/ressources/:id',
    en: '/en/embed/datasets/:name/resources/:id',
  },
  editResource: {
    fr: '/fr/jeux-de-donnees/:name/ressources/:id/modifier',
    en: '/en/datasets/:name/resources/:id/edit',
  },
  deleteResource: {
    fr: '/fr/jeux-de-donnees/:name/ressources/:id/supprimer',
    en: '/en/datasets/:name/resources/:id/delete',
  },
  newResource: {
    fr: '/fr/jeux-de-donnees/:name/ajouter-une-ressource',
    en: '/en/datasets/:name/add-resource',
  },
  members: { fr: '/fr/organisations/:name/membres', en: '/en/organizations/:name/members' },
  organizationQuality: { fr: '/fr/organisations/:name/qualite', en: '/en/organizations/:name/quality' },
} as const satisfies Record<string, Record<Locale, string>>;

export type Page = keyof typeof PAGES;
export type PageParams = Record<string, string>;

/** The path of a page in a language, with its parameters and query string. */
export function href(
  locale: Locale,
  page: Page,
  params: PageParams = {},
  query?: URLSearchParams | string,
): string {
  const path = PAGES[page][locale].replace(/:(\w+)/g, (_, key: string) =>
    encodeURIComponent(params[key] ?? ''),
  );
  const search = query === undefined ? '' : String(query);
  return search ? `${path}?${search}` : path;
}

/** Where a page is, so that the layout can link to its twin in the other language. */
export interface PageAddress {
  page: Page;
  params?: PageParams | undefined;
  query?: string | undefined;
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'fr' ? 'en' : 'fr';
}
