/**
 * The import format for SEAO-style source events: one row (CSV) or object (JSON) per event,
 * with French column names as SEAO's open data uses them. docs/procurement-events.md describes
 * every column and its OCDS field; test/fixtures/ocds/evenements-exemple.csv is an example.
 */

export const EVENT_TYPES = [
  'avis',
  'addenda',
  'annulation',
  'adjudication',
  'contrat',
  'depense_supplementaire',
  'fin_contrat',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The OCDS release tag each event type produces. */
export const TAG_OF: Record<EventType, string> = {
  avis: 'tender',
  addenda: 'tenderAmendment',
  annulation: 'tenderCancellation',
  adjudication: 'award',
  contrat: 'contract',
  depense_supplementaire: 'contractAmendment',
  fin_contrat: 'contractTermination',
};

/** Every column, in the order of the example file. */
export const EVENT_COLUMNS = [
  'type_evenement',
  'id_evenement',
  'date_evenement',
  'numeroseao',
  'numero',
  'organisme',
  'organisme_neq',
  'adresse1',
  'ville',
  'province',
  'codepostal',
  'titre',
  'titre_en',
  'description',
  'description_en',
  'type',
  'nature',
  'categorieseao',
  'unspscprincipale',
  'datepublication',
  'datefermeture',
  'montant_estime',
  'hyperlienseao',
  'numero_contrat',
  'fournisseur',
  'fournisseur_neq',
  'montant',
  'date_debut',
  'date_fin',
  'motif',
] as const;
export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** Columns each event type needs besides type_evenement, id_evenement, date_evenement, numeroseao. */
export const REQUIRED_BY_TYPE: Record<EventType, readonly EventColumn[]> = {
  avis: ['numero', 'organisme', 'titre', 'type', 'nature', 'datepublication', 'datefermeture'],
  addenda: ['description'],
  annulation: [],
  adjudication: ['numero_contrat', 'fournisseur', 'montant'],
  contrat: ['numero_contrat', 'montant'],
  depense_supplementaire: ['numero_contrat', 'montant'],
  fin_contrat: ['numero_contrat', 'montant'],
};

/** SEAO notice types → OCDS procurementMethod, with the French wording kept as details. */
export const NOTICE_TYPES: Record<string, { method: string; details: string }> = {
  appel_offres_public: { method: 'open', details: "Appel d'offres public" },
  appel_offres_invitation: { method: 'selective', details: "Appel d'offres sur invitation" },
  qualification: { method: 'selective', details: 'Avis de qualification' },
  gre_a_gre: { method: 'direct', details: 'Contrat de gré à gré' },
};

/** SEAO natures → OCDS mainProcurementCategory. */
export const NATURES: Record<string, string> = {
  biens: 'goods',
  approvisionnement: 'goods',
  services: 'services',
  travaux: 'works',
  travaux_de_construction: 'works',
};

/** One source row: column → text (empty cells left out). */
export type EventRow = Partial<Record<EventColumn, string>>;
