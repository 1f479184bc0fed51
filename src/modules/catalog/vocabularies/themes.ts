/**
 * The EU's data themes (publications.europa.eu/resource/authority/data-theme), which DCAT-AP uses
 * for dcat:theme, with their labels in French and English from that vocabulary.
 */
export const EU_THEME_BASE = 'http://publications.europa.eu/resource/authority/data-theme/';

export const EU_THEME_LABELS = {
  AGRI: {
    fr: 'Agriculture, pêche, sylviculture et alimentation',
    en: 'Agriculture, fisheries, forestry and food',
  },
  ECON: { fr: 'Économie et finances', en: 'Economy and finance' },
  EDUC: { fr: 'Éducation, culture et sport', en: 'Education, culture and sport' },
  ENER: { fr: 'Énergie', en: 'Energy' },
  ENVI: { fr: 'Environnement', en: 'Environment' },
  GOVE: { fr: 'Gouvernement et secteur public', en: 'Government and public sector' },
  HEAL: { fr: 'Santé', en: 'Health' },
  INTR: { fr: 'Questions internationales', en: 'International issues' },
  JUST: {
    fr: 'Justice, système juridique et sécurité publique',
    en: 'Justice, legal system and public safety',
  },
  REGI: { fr: 'Régions et villes', en: 'Regions and cities' },
  SOCI: { fr: 'Population et société', en: 'Population and society' },
  TECH: { fr: 'Science et technologie', en: 'Science and technology' },
  TRAN: { fr: 'Transports', en: 'Transport' },
} as const satisfies Record<string, { fr: string; en: string }>;

export type EuTheme = keyof typeof EU_THEME_LABELS;
export const EU_THEMES = Object.keys(EU_THEME_LABELS) as EuTheme[];
