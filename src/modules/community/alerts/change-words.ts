/** What a registry change says to a person who follows the enterprise, in both languages. */
const WORDS: Record<string, { fr: string; en: string }> = {
  created: { fr: 'immatriculée', en: 'registered' },
  removed: { fr: 'retirée du registre', en: 'removed from the registry' },
  struck_off: { fr: 'radiée', en: 'struck off' },
  reinstated: { fr: 'réinscrite', en: 'reinstated' },
  status_changed: { fr: 'statut modifié', en: 'status changed' },
  form_changed: { fr: 'forme juridique modifiée', en: 'legal form changed' },
  renamed: { fr: 'nouveau nom', en: 'new name' },
  moved: { fr: 'nouvelle adresse', en: 'new address' },
  establishment_added: { fr: 'nouvel établissement', en: 'new establishment' },
  establishment_closed: { fr: 'établissement fermé', en: 'establishment closed' },
};

export function changeWords(kind: string): { fr: string; en: string } {
  return WORDS[kind] ?? { fr: `changement (${kind})`, en: `change (${kind})` };
}
