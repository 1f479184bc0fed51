import type { Bbox } from '../modules/catalog/index.js';

export interface DemoGroup {
  name: string;
  title: { fr: string; en: string };
  description: { fr: string; en: string };
  euTheme?: string;
}

const DEMO_NOTE = {
  fr: ' Organisation de démonstration : ses jeux de données sont générés pour montrer Quai.',
  en: ' Demonstration organisation: its datasets are generated to show Quai.',
};

function organization(name: string, fr: string, en: string, what: { fr: string; en: string }): DemoGroup {
  return { name, title: { fr, en }, description: { fr: what.fr + DEMO_NOTE.fr, en: what.en + DEMO_NOTE.en } };
}

export const ORGANIZATIONS: DemoGroup[] = [
  organization(
    'secretariat-du-conseil-du-tresor',
    'Secrétariat du Conseil du trésor',
    'Secrétariat du Conseil du trésor (Treasury Board Secretariat)',
    {
      fr: 'Marchés publics : appels d’offres et contrats des organismes publics (OCDS).',
      en: 'Public procurement: tenders and contracts of public bodies (OCDS).',
    },
  ),
  organization(
    'institut-statistique-quebec',
    'Institut de la statistique du Québec',
    'Institut de la statistique du Québec',
    {
      fr: 'Statistiques officielles et codes géographiques du Québec.',
      en: "Québec's official statistics and geographic codes.",
    },
  ),
  organization(
    'affaires-municipales',
    "Ministère des Affaires municipales et de l'Habitation",
    'Ministry of Municipal Affairs and Housing',
    {
      fr: 'Organisation municipale, évaluation foncière et habitation.',
      en: 'Municipal organisation, property assessment and housing.',
    },
  ),
  organization(
    'ministere-environnement',
    "Ministère de l'Environnement, de la Lutte contre les changements climatiques, de la Faune et des Parcs",
    'Ministry of the Environment, the Fight Against Climate Change, Wildlife and Parks',
    {
      fr: "Qualité de l'eau et de l'air, aires protégées, climat.",
      en: 'Water and air quality, protected areas, climate.',
    },
  ),
  organization(
    'transports',
    'Ministère des Transports et de la Mobilité durable',
    'Ministry of Transport and Sustainable Mobility',
    {
      fr: 'Réseau routier, mobilité électrique et traverses.',
      en: 'Road network, electric mobility and ferries.',
    },
  ),
  organization(
    'culture',
    'Ministère de la Culture et des Communications',
    'Ministry of Culture and Communications',
    {
      fr: 'Lieux culturels, musées et soutien aux organismes.',
      en: 'Cultural venues, museums and support to organisations.',
    },
  ),
  organization('ville-de-montreal', 'Ville de Montréal', 'City of Montréal', {
    fr: 'Données ouvertes de la métropole.',
    en: "Open data from Québec's metropolis.",
  }),
  organization('ville-de-quebec', 'Ville de Québec', 'Québec City', {
    fr: 'Données ouvertes de la capitale nationale.',
    en: 'Open data from the national capital.',
  }),
  organization('ville-de-sherbrooke', 'Ville de Sherbrooke', 'City of Sherbrooke', {
    fr: "Données ouvertes de la reine des Cantons-de-l'Est.",
    en: 'Open data from the Eastern Townships.',
  }),
  organization('ville-de-gatineau', 'Ville de Gatineau', 'City of Gatineau', {
    fr: 'Partenaire moissonné : ses jeux viennent de son propre portail (data.json), tenus à jour par le moissonnage.',
    en: 'A harvested partner: its datasets come from its own portal (data.json), kept up to date by harvesting.',
  }),
  organization('ville-de-bromont', 'Ville de Bromont', 'City of Bromont', {
    fr: 'Membre de l’écosystème urbanisme : permis de construction.',
    en: 'Member of the urban-planning ecosystem: building permits.',
  }),
  organization(
    'cinematheque-exemple',
    'Cinémathèque Exemple (fictive)',
    'Cinémathèque Exemple (fictitious)',
    {
      fr: 'Partenaire fictif de l’écosystème culture : le catalogue de ses œuvres.',
      en: 'Fictitious partner of the culture ecosystem: its catalogue of works.',
    },
  ),
  organization(
    'cineclub-de-la-riviere',
    'Ciné-club de la Rivière (fictif)',
    'Ciné-club de la Rivière (fictitious)',
    {
      fr: 'Organisme fictif de la société civile, membre de l’écosystème culture : les films qu’il a présentés.',
      en: 'Fictitious civil-society body, member of the culture ecosystem: the films it has shown.',
    },
  ),
];

function theme(name: string, euTheme: string, fr: string, en: string, dfr: string, den: string): DemoGroup {
  return { name, euTheme, title: { fr, en }, description: { fr: dfr, en: den } };
}

export const THEMES: DemoGroup[] = [
  theme(
    'environnement',
    'ENVI',
    'Environnement',
    'Environment',
    'Eau, air, climat, biodiversité.',
    'Water, air, climate, biodiversity.',
  ),
  theme(
    'transport',
    'TRAN',
    'Transport',
    'Transport',
    'Routes, transport collectif, mobilité active.',
    'Roads, public transit, active mobility.',
  ),
  theme(
    'economie-et-entreprises',
    'ECON',
    'Économie et entreprises',
    'Economy and business',
    'Activité économique, commerce, permis.',
    'Economic activity, trade, permits.',
  ),
  theme(
    'gouvernement-et-finances',
    'GOVE',
    'Gouvernement et finances',
    'Government and finance',
    'Budgets, administration publique, services.',
    'Budgets, public administration, services.',
  ),
  theme(
    'societe-et-culture',
    'EDUC',
    'Société et culture',
    'Society and culture',
    'Culture, patrimoine, loisirs.',
    'Culture, heritage, leisure.',
  ),
  theme(
    'territoire',
    'REGI',
    'Territoire',
    'Territory',
    'Découpages, municipalités, géographie.',
    'Boundaries, municipalities, geography.',
  ),
  theme(
    'infrastructures',
    'TECH',
    'Infrastructures',
    'Infrastructure',
    'Réseaux, bâtiments, équipements publics.',
    'Networks, buildings, public facilities.',
  ),
  theme(
    'sante',
    'HEAL',
    'Santé',
    'Health',
    'Santé publique et qualité de vie.',
    'Public health and quality of life.',
  ),
];

export interface DemoUser {
  name: string;
  fullname: string;
  email: string;
  password: string;
  sysadmin: boolean;
  memberships: { organization: string; role: 'admin' | 'editor' | 'member' }[];
}

/** Demo accounts, listed in the README. Set DEMO_CONTENT=never in production. */
export const USERS: DemoUser[] = [
  {
    name: 'admin-demo',
    fullname: 'Administration du portail (démo)',
    email: 'admin-demo@quai.example',
    password: 'motdepasse-admin-demo',
    sysadmin: true,
    memberships: [],
  },
  {
    name: 'editeur-demo',
    fullname: 'Éditrice des données (démo)',
    email: 'editeur-demo@quai.example',
    password: 'motdepasse-editeur-demo',
    sysadmin: false,
    memberships: ORGANIZATIONS.map((org) => ({
      organization: org.name,
      role: org.name === 'affaires-municipales' ? 'admin' : 'editor',
    })),
  },
  {
    name: 'lecteur-demo',
    fullname: 'Lecteur interne (démo)',
    email: 'lecteur-demo@quai.example',
    password: 'motdepasse-lecteur-demo',
    sysadmin: false,
    memberships: [{ organization: 'affaires-municipales', role: 'member' }],
  },
];

export interface DemoResource {
  name: { fr: string; en: string };
  description?: { fr: string; en: string };
  format?: string;
  /** An uploaded file… */
  filename?: string;
  content?: () => string;
  /** …or a link. */
  url?: string;
  /** Its columns described in the data dictionary once its table is loaded (dictionaries.ts). */
  dictionary?: Record<string, { fr: string; en: string }>;
  /** An earlier edition of the file, replaced by this one: it shows in the resource's history. */
  earlier?: { filename: string; content: () => string };
}

export interface DemoDataset {
  name: string;
  title: { fr: string; en: string };
  notes: { fr: string; en: string };
  organization: string;
  groups: string[];
  tags: string[];
  keywordsEn: string[];
  license: string;
  frequency: string;
  temporal?: [string, string];
  bbox?: Bbox;
  /** Its territory in the reference sets (`municipalites:66023`), shown by name. */
  place?: string;
  maintainer: string;
  maintainerEmail: string;
  private?: boolean;
  draft?: boolean;
  resources: DemoResource[];
}

/** Appended to every generated dataset: its values are not real. */
export const FICTITIOUS = {
  fr: '\n\n> Données fictives générées pour la démonstration de Quai : ne pas les utiliser pour prendre des décisions.',
  en: '\n\n> Fictitious data generated to demonstrate Quai: do not use them to make decisions.',
};

/** A description in both languages, with the fictitious-data notice appended. */
export function fictitious(fr: string, en: string) {
  return { fr: fr + FICTITIOUS.fr, en: en + FICTITIOUS.en };
}
