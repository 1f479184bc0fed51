import { m } from './text.js';

/** The frame of every page, and the error pages. */
export const LAYOUT = {
  // Layout
  skipToContent: m('Passer au contenu', 'Skip to content'),
  otherLanguage: m('English', 'Français'),
  logoAlt: m('Gouvernement du Québec', 'Government of Québec'),
  menu: m('Menu', 'Menu'),
  mainNavigation: m('Navigation principale', 'Main navigation'),
  navDatasets: m('Jeux de données', 'Datasets'),
  navOrganizations: m('Organisations', 'Organizations'),
  navThemes: m('Thèmes', 'Themes'),
  navApi: m('API', 'API'),
  signIn: m('Se connecter', 'Sign in'),
  signOut: m('Se déconnecter', 'Sign out'),
  workspace: m('Mon espace', 'My workspace'),
  breadcrumb: m("Fil d'Ariane", 'Breadcrumb'),
  home: m('Accueil', 'Home'),
  footerNavigation: m('Liens du pied de page', 'Footer links'),
  footerSoftware: m(
    'Propulsé par Quai, logiciel libre (AGPL-3.0)',
    'Powered by Quai, free software (AGPL-3.0)',
  ),
  footerCatalogDcat: m('Catalogue DCAT', 'DCAT catalogue'),
  footerCkanApi: m('API CKAN', 'CKAN API'),
  footerFeed: m('Fil Atom des nouveautés', 'Atom feed of new datasets'),
  // Errors
  notFoundTitle: m('Page introuvable', 'Page not found'),
  notFoundText: m(
    "Cette page n'existe pas, ou vous n'y avez pas accès.",
    'This page does not exist, or you do not have access to it.',
  ),
  forbiddenTitle: m('Accès refusé', 'Access denied'),
  errorTitle: m('Une erreur est survenue', 'Something went wrong'),
  errorText: m('Réessayez dans un moment. Référence : {id}', 'Try again in a moment. Reference: {id}'),
  csrfTitle: m('Formulaire expiré', 'Form expired'),
  csrfText: m(
    'Rechargez la page et soumettez le formulaire de nouveau.',
    'Reload the page and submit the form again.',
  ),
  tooManyTitle: m("Trop d'essais", 'Too many attempts'),
} as const;
