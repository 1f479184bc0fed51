import type { Random } from '../random.js';

/** Words of fictitious Québec enterprise names: family names, trades, places of business. */
const FAMILY_NAMES = [
  'Tremblay',
  'Gagnon',
  'Roy',
  'Côté',
  'Bouchard',
  'Gauthier',
  'Morin',
  'Lavoie',
  'Fortin',
  'Gagné',
  'Ouellet',
  'Pelletier',
  'Bélanger',
  'Lévesque',
  'Bergeron',
  'Leblanc',
  'Paquette',
  'Girard',
  'Simard',
  'Boucher',
  'Caron',
  'Beaulieu',
  'Cloutier',
  'Dubé',
  'Poirier',
  'Fournier',
  'Lapointe',
  'Leclerc',
  'Lefebvre',
  'Thériault',
  'Ménard',
  'Séguin',
  'Hébert',
  'Émond',
  'Paré',
  'Bérubé',
  'Gélinas',
  'Després',
  'Létourneau',
  'Béliveau',
  'Chrétien',
  'Désilets',
  'Lachance',
  'Boisvert',
  'Grégoire',
  'Vézina',
];
const GIVEN_NAMES = [
  'Marie',
  'Jean',
  'Louis',
  'Émilie',
  'François',
  'Geneviève',
  'Hélène',
  'André',
  'Chloé',
  'Mathieu',
  'Sébastien',
  'Josée',
  'Benoît',
  'Noémie',
  'Réjean',
  'Étienne',
  'Mélanie',
  'Jérôme',
  'Anaïs',
  'Gaétan',
];
const TRADES = [
  'Rénovation',
  'Électricité',
  'Plomberie',
  'Boulangerie',
  'Pâtisserie',
  'Érablière',
  'Déneigement',
  'Excavation',
  'Transport',
  'Informatique',
  'Comptabilité',
  'Coiffure',
  'Épicerie',
  'Quincaillerie',
  'Menuiserie',
  'Toiture',
  'Paysagement',
  'Traiteur',
  'Fromagerie',
  'Ébénisterie',
  'Imprimerie',
  'Librairie',
  'Mécanique',
  'Peinture',
  'Nettoyage',
  'Entretien ménager',
  'Services-conseils',
];
const STREETS = [
  'rue Principale',
  'boulevard René-Lévesque',
  'rue Saint-Jean',
  'chemin du Lac',
  'rue de l’Église',
  'avenue des Érables',
  'rang Saint-Joseph',
  'boulevard Laurier',
  'rue Notre-Dame',
  'rue Sainte-Catherine',
  'chemin de la Côte',
  'rue du Moulin',
  'route 132',
  'avenue Cartier',
  'rue des Pionniers',
];

/** Quebec's economic activity classification (CAE), a few codes with their French titles. */
export const ACTIVITIES: [string, string][] = [
  ['0111', 'Culture de céréales'],
  ['1011', 'Abattage et transformation de la viande'],
  ['2361', 'Construction résidentielle'],
  ['2382', 'Travaux d’électricité'],
  ['2383', 'Travaux de plomberie, de chauffage et de climatisation'],
  ['4452', 'Épiceries et dépanneurs'],
  ['4841', 'Transport par camion'],
  ['5411', 'Services juridiques'],
  ['5412', 'Services de comptabilité et de tenue de livres'],
  ['5415', 'Conception de systèmes informatiques'],
  ['5617', 'Services relatifs aux bâtiments et aux logements'],
  ['6211', 'Cabinets de médecins'],
  ['7225', 'Restaurants'],
  ['8111', 'Réparation et entretien de véhicules automobiles'],
  ['8121', 'Soins personnels'],
  ['9999', 'Activité non précisée'],
];

/** A name as the enterprise's legal form suggests it. */
export function enterpriseName(random: Random, form: string, neq: string): string {
  const family = random.pick(FAMILY_NAMES);
  const trade = random.pick(TRADES);
  if (form === 'IND') return `${random.pick(GIVEN_NAMES)} ${family}`;
  if (form === 'SENC') return `${family}, ${random.pick(FAMILY_NAMES)} et associés S.E.N.C.`;
  if (form === 'COP')
    return `Coopérative de ${trade.toLowerCase()} ${random.pick(['du Québec', 'de la Beauce', 'des Laurentides'])}`;
  if (form === 'PMSBL')
    return `Association ${random.pick(['des amis', 'culturelle', 'sportive'])} de ${family}`;
  const style = random.int(0, 5);
  if (style === 0) return `${neq.slice(2)} Québec inc.`;
  if (style === 1) return `Les Entreprises ${family} inc.`;
  if (style === 2) return `${trade} ${family} ltée`;
  if (style === 3) return `${family} & Fils inc.`;
  return `${trade} ${random.pick(GIVEN_NAMES)} ${family} inc.`;
}

export function streetAddress(random: Random): string {
  return `${random.int(1, 9999)}, ${random.pick(STREETS)}`;
}

/** A Canadian postal code of Quebec (first letter G, H or J), without a space, as the REQ writes it. */
export function postalCode(random: Random): string {
  const letters = 'ABCEGHJKLMNPRSTVWXYZ';
  const letter = () => letters[random.int(0, letters.length - 1)];
  return `${random.pick(['G', 'H', 'J'])}${random.int(0, 9)}${letter()}${random.int(0, 9)}${letter()}${random.int(0, 9)}`;
}
