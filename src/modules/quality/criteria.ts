import { type Localized, localized } from '../../platform/i18n/index.js';
import type { CriterionId } from './quality.types.js';

/** A criterion's definition: its weight in the score and its explanations (docs/quality.md). */
export interface CriterionDefinition {
  weight: number;
  title: Localized;
  why: Localized;
  fix: Localized;
}

/** A description shorter than this (in characters, Markdown marks aside) says too little. */
export const DESCRIPTION_MIN_LENGTH = 200;

/**
 * The weights add up to 100. Those that weigh most are what decides whether data can be reused
 * at all (an open licence) or trusted over time (updates kept, working links, descriptions).
 */
export const CRITERIA: Record<CriterionId, CriterionDefinition> = {
  description: {
    weight: 10,
    title: localized('Description suffisante', 'Description long enough'),
    why: localized(
      'Une description dit ce que contiennent les données, comment elles sont produites et leurs limites : sans elle, personne ne sait si elles conviennent à son usage.',
      'A description says what the data holds, how it is produced and its limits: without it, nobody can tell whether it fits their use.',
    ),
    fix: localized(
      `Écrivez au moins ${DESCRIPTION_MIN_LENGTH} caractères : le contenu, la méthode de collecte, la couverture et les limites connues.`,
      `Write at least ${DESCRIPTION_MIN_LENGTH} characters: the content, how it is collected, what it covers and its known limits.`,
    ),
  },
  license: {
    weight: 15,
    title: localized('Licence ouverte', 'Open licence'),
    why: localized(
      'Sans licence ouverte, réutiliser les données n’est pas permis, ou pas clairement : la plupart des réutilisateurs s’abstiennent.',
      'Without an open licence, reusing the data is not allowed, or not clearly: most reusers stay away.',
    ),
    fix: localized(
      'Choisissez une licence ouverte reconnue (CC BY 4.0, CC0, Licence ouverte du Québec…) dans le formulaire du jeu de données.',
      'Choose a recognised open licence (CC BY 4.0, CC0, Québec open licence…) in the dataset’s form.',
    ),
  },
  'frequency-declared': {
    weight: 5,
    title: localized('Fréquence de mise à jour déclarée', 'Update frequency declared'),
    why: localized(
      'La fréquence dit aux réutilisateurs quand revenir chercher des données fraîches, et s’ils peuvent bâtir un service dessus.',
      'The frequency tells reusers when to come back for fresh data, and whether they can build a service on it.',
    ),
    fix: localized(
      'Indiquez la fréquence de mise à jour (quotidienne, mensuelle, annuelle, irrégulière…) ; « inconnue » ne compte pas.',
      'State the update frequency (daily, monthly, annual, irregular…); “unknown” does not count.',
    ),
  },
  'frequency-kept': {
    weight: 10,
    title: localized('Fréquence de mise à jour respectée', 'Update frequency kept'),
    why: localized(
      'Des données annoncées mensuelles mais inchangées depuis un an induisent en erreur : on les croit à jour.',
      'Data announced as monthly but unchanged for a year misleads: people believe it is current.',
    ),
    fix: localized(
      'Publiez les nouvelles données au rythme annoncé, ou corrigez la fréquence déclarée si elle ne correspond plus à la réalité.',
      'Publish new data at the announced pace, or correct the declared frequency if it no longer matches reality.',
    ),
  },
  'temporal-coverage': {
    weight: 10,
    title: localized('Couverture temporelle', 'Temporal coverage'),
    why: localized(
      'La période couverte permet de savoir, sans rien télécharger, si les données répondent à la question posée.',
      'The period covered tells, without downloading anything, whether the data answers the question at hand.',
    ),
    fix: localized(
      'Indiquez la date de début de la période couverte, et sa date de fin si elle est close.',
      'Give the start date of the period covered, and its end date if it is closed.',
    ),
  },
  'spatial-coverage': {
    weight: 5,
    title: localized('Couverture spatiale', 'Spatial coverage'),
    why: localized(
      'Le territoire couvert rend les données trouvables sur une carte et dit à quelle échelle elles s’appliquent.',
      'The area covered makes the data findable on a map and tells at what scale it applies.',
    ),
    fix: localized(
      'Indiquez l’emprise géographique (ouest, sud, est, nord) du territoire couvert.',
      'Give the bounding box (west, south, east, north) of the area covered.',
    ),
  },
  contact: {
    weight: 10,
    title: localized('Point de contact', 'Contact point'),
    why: localized(
      'Un courriel de contact permet de signaler une erreur ou de poser une question sur les données.',
      'A contact email lets people report an error or ask a question about the data.',
    ),
    fix: localized(
      'Donnez le courriel du responsable ou de l’auteur des données (une adresse d’équipe dure plus longtemps).',
      'Give the email of the maintainer or author of the data (a team address lasts longer).',
    ),
  },
  'resources-reachable': {
    weight: 10,
    title: localized('Ressources accessibles', 'Resources reachable'),
    why: localized(
      'Un lien mort rend les données introuvables, et il casse les programmes qui les téléchargent.',
      'A dead link makes the data unreachable, and it breaks the programs that download it.',
    ),
    fix: localized(
      'Corrigez ou retirez les liens qui ne répondent pas, ou téléversez le fichier sur le portail.',
      'Fix or remove the links that do not answer, or upload the file to the portal.',
    ),
  },
  'open-formats': {
    weight: 10,
    title: localized('Formats ouverts et lisibles par machine', 'Open, machine-readable formats'),
    why: localized(
      'Un CSV, un JSON ou un GeoJSON se lit avec des outils libres et des programmes ; un PDF ou un classeur Excel demande une saisie ou un logiciel particulier.',
      'A CSV, JSON or GeoJSON file is read with free tools and programs; a PDF or an Excel workbook needs retyping or particular software.',
    ),
    fix: localized(
      'Publiez les données au moins en CSV, JSON, GeoJSON, Parquet ou XML, en plus des autres formats si vous le souhaitez.',
      'Publish the data in CSV, JSON, GeoJSON, Parquet or XML at least, besides other formats if you wish.',
    ),
  },
  schema: {
    weight: 5,
    title: localized('Schéma déclaré et respecté', 'Schema declared and followed'),
    why: localized(
      'Un schéma partagé rend les fichiers de plusieurs organismes comparables et combinables ; un fichier valide le respecte vraiment.',
      'A shared schema makes files from several bodies comparable and combinable; a valid file really follows it.',
    ),
    fix: localized(
      'Déclarez le schéma que suit chaque fichier CSV (champ « schema » de la ressource) et corrigez les erreurs du rapport de validation.',
      'Declare the schema each CSV file follows (the resource’s “schema” field) and fix the errors of the validation report.',
    ),
  },
  dictionary: {
    weight: 10,
    title: localized('Dictionnaire de données rempli', 'Data dictionary filled'),
    why: localized(
      'Sans description des colonnes, « mnt_tot » ou « cd_mun » restent des énigmes : on se trompe d’unité, de sens ou de code.',
      'Without column descriptions, “mnt_tot” or “cd_mun” remain riddles: people get the unit, the meaning or the code wrong.',
    ),
    fix: localized(
      'Dans le dictionnaire de chaque table, décrivez chaque colonne : son sens, son unité, ses valeurs possibles.',
      'In each table’s dictionary, describe every column: its meaning, its unit, its possible values.',
    ),
  },
};

/**
 * How many days may pass between two updates at each declared frequency before the frequency
 * counts as not kept: the period plus half of it. Frequencies without a rhythm (irregular, as
 * needed, never) are absent: declaring them counts, keeping them does not apply.
 */
export const FREQUENCY_DAYS: Record<string, { period: number; label: Localized }> = {
  continual: { period: 1, label: localized('continue', 'continuous') },
  daily: { period: 1, label: localized('quotidienne', 'daily') },
  weekly: { period: 7, label: localized('hebdomadaire', 'weekly') },
  biweekly: { period: 14, label: localized('aux deux semaines', 'every two weeks') },
  monthly: { period: 31, label: localized('mensuelle', 'monthly') },
  quarterly: { period: 92, label: localized('trimestrielle', 'quarterly') },
  biannual: { period: 183, label: localized('semestrielle', 'twice a year') },
  annual: { period: 366, label: localized('annuelle', 'annual') },
};

/** The delay allowed past a period, in days: half of it, one day at least. */
export function toleranceDays(period: number): number {
  return Math.max(1, Math.ceil(period / 2));
}

/** Formats that any program reads with free tools (upper case, as the catalog labels them). */
export const OPEN_FORMATS: ReadonlySet<string> = new Set([
  'CSV',
  'TSV',
  'JSON',
  'GEOJSON',
  'PARQUET',
  'XML',
  'KML',
  'GPKG',
  'ODS',
  'SHP',
  'JSONL',
  'NDJSON',
  'RDF',
  'TTL',
  'JSON-LD',
]);

/** The files a shared schema can be checked on: those the validator reads. */
export const SCHEMA_FORMATS: ReadonlySet<string> = new Set(['CSV']);
