/**
 * The Registraire des entreprises' open-data edition: one ZIP of six CSV files (UTF-8 with a
 * BOM, comma-separated, double-quoted fields), with these exact columns in this order. The
 * generator writes them and the import checks them: one source of truth for both.
 */
export const REQ_FILES = {
  enterprises: {
    file: 'Entreprise.csv',
    columns: [
      'NEQ',
      'IND_FAIL',
      'DAT_IMMAT',
      'COD_REGIM_JURI',
      'COD_INTVAL_EMPLO_QUE',
      'DAT_CESS_PREVU',
      'COD_STAT_IMMAT',
      'COD_FORME_JURI',
      'DAT_STAT_IMMAT',
      'COD_REGIM_JURI_CONSTI',
      'DAT_DEPO_DECLR',
      'AN_DECL',
      'AN_PROD',
      'DAT_LIMIT_PROD',
      'AN_PROD_PRE',
      'DAT_LIMIT_PROD_PRE',
      'DAT_MAJ_INDEX_NOM',
      'COD_ACT_ECON_CAE',
      'NO_ACT_ECON_ASSUJ',
      'DESC_ACT_ECON_ASSUJ',
      'COD_ACT_ECON_CAE2',
      'NO_ACT_ECON_ASSUJ2',
      'DESC_ACT_ECON_ASSUJ2',
      'NOM_LOCLT_CONSTI',
      'DAT_CONSTI',
      'IND_CONVEN_UNMN_ACTNR',
      'IND_RET_TOUT_POUVR',
      'IND_LIMIT_RESP',
      'DAT_DEB_RESP',
      'DAT_FIN_RESP',
      'OBJET_SOC',
      'NO_MTR_VOLONT',
      'ADR_DOMCL_ADR_DISP',
      'ADR_DOMCL_LIGN1_ADR',
      'ADR_DOMCL_LIGN2_ADR',
      'ADR_DOMCL_LIGN3_ADR',
      'ADR_DOMCL_LIGN4_ADR',
    ],
  },
  names: {
    file: 'Nom.csv',
    columns: [
      'NEQ',
      'NOM_ASSUJ',
      'NOM_ASSUJ_LANG_ETRNG',
      'STAT_NOM',
      'TYP_NOM_ASSUJ',
      'DAT_INIT_NOM_ASSUJ',
      'DAT_FIN_NOM_ASSUJ',
    ],
  },
  establishments: {
    file: 'Etablissements.csv',
    columns: [
      'NEQ',
      'NO_SUF_ETAB',
      'IND_ETAB_PRINC',
      'IND_SALON_BRONZ',
      'IND_VENTE_TABAC_DETL',
      'IND_DISP',
      'LIGN1_ADR',
      'LIGN2_ADR',
      'LIGN3_ADR',
      'LIGN4_ADR',
      'COD_ACT_ECON',
      'DESC_ACT_ECON_ETAB',
      'NO_ACT_ECON_ETAB',
      'COD_ACT_ECON2',
      'DESC_ACT_ECON_ETAB2',
      'NO_ACT_ECON_ETAB2',
      'NOM_ETAB',
    ],
  },
  mergers: {
    file: 'FusionScissions.csv',
    columns: [
      'NEQ',
      'NEQ_ASSUJ_REL',
      'DENOMN_SOC',
      'COD_RELA_ASSUJ',
      'DAT_EFCTVT',
      'IND_DISP',
      'LIGN1_ADR',
      'LIGN2_ADR',
      'LIGN3_ADR',
      'LIGN4_ADR',
    ],
  },
  continuations: {
    file: 'ContinuationsTransformations.csv',
    columns: ['NEQ', 'COD_TYP_CHANG', 'COD_REGIM_JURI', 'AUTR_REGIM_JURI', 'NOM_LOCLT', 'DAT_EFCTVT'],
  },
  codes: {
    file: 'DomaineValeur.csv',
    columns: ['TYP_DOM_VAL', 'COD_DOM_VAL', 'VAL_DOM_FRAN'],
  },
} as const;

export type ReqFile = keyof typeof REQ_FILES;

/** Registration statuses: struck off (radiée) on request, by the registrar, or under section 59. */
export const STRUCK_OFF_STATUSES = ['RD', 'RO', 'RX'];
export const REGISTERED_STATUS = 'IM';

/** The kinds of change between two editions, per enterprise. */
export const CHANGE_KINDS = [
  'created',
  'removed',
  'struck_off',
  'reinstated',
  'status_changed',
  'form_changed',
  'renamed',
  'moved',
  'establishment_added',
  'establishment_closed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
