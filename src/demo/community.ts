import sharp from 'sharp';
import type { Context } from '../context.js';
import { SYSTEM } from '../modules/accounts/index.js';

/** A citizen's demo account (listed in the README with the others). */
export const CITIZEN = {
  name: 'citoyenne-demo',
  fullname: 'Citoyenne (démo)',
  email: 'citoyenne-demo@quai.example',
  password: 'motdepasse-citoyenne-demo',
};

/**
 * Data requests as a portal has them: one asked and supported, one planned by its publisher, one
 * answered by a published dataset, one refused with its reason.
 */
export async function loadCommunityDemo(ctx: Context): Promise<void> {
  const { requests } = ctx.community;
  if (
    (
      await requests.list(SYSTEM, {
        status: null,
        organization: null,
        text: null,
        sort: 'newest',
        limit: 1,
        offset: 0,
      })
    ).total > 0
  )
    return;
  if (!(await ctx.accounts.findUser(CITIZEN.name)))
    await ctx.accounts.createUser(SYSTEM, { ...CITIZEN, about: null, sysadmin: false });
  const actorOf = async (name: string) => ctx.accounts.actorForUser(await ctx.accounts.requireUser(name));
  const citizen = await actorOf(CITIZEN.name);
  const publisher = await actorOf('editeur-demo');
  const admin = await actorOf('admin-demo');

  const ask = (title: string, description: string, reason: string | null, organization: string | null) =>
    requests.create(citizen, { title, description, reason, organization });

  const open = await ask(
    'Heures d’affluence des traversiers',
    'Le nombre de passagers et de véhicules par traversée, heure par heure, pour chaque traverse du Québec, depuis 2019.',
    'Pour planifier mes déplacements et comparer les périodes de pointe.',
    'transports',
  );
  await requests.support(admin, String(open.number), true);

  const planned = await ask(
    'Qualité de l’eau des plages municipales',
    'Les résultats des échantillonnages de la qualité bactériologique de l’eau aux plages publiques, par plage et par date, avec la cote attribuée.',
    null,
    'ministere-environnement',
  );
  await requests.answer(publisher, String(planned.number), {
    status: 'planned',
    message: 'Ces résultats seront publiés au début de la saison estivale, puis chaque semaine.',
    dataset: null,
  });

  const published = await ask(
    'Débits de circulation sur les routes',
    'Les débits journaliers moyens annuels par tronçon du réseau routier, avec la part des camions.',
    'Étude de bruit routier pour un projet de quartier.',
    'transports',
  );
  await requests.answer(publisher, String(published.number), {
    status: 'published',
    message: 'Les débits sont maintenant publiés et mis à jour chaque année.',
    dataset: 'debits-circulation-routiere',
  });

  const refused = await ask(
    'Adresses des propriétaires de chaque immeuble',
    'Le nom et l’adresse de chaque propriétaire inscrit au rôle d’évaluation foncière de chaque municipalité.',
    null,
    'affaires-municipales',
  );
  await requests.answer(publisher, String(refused.number), {
    status: 'refused',
    message:
      'Ces renseignements sont personnels : la Loi sur l’accès aux documents des organismes publics et sur la protection des renseignements personnels en interdit la diffusion. Le rôle d’évaluation sans les noms est déjà publié.',
    dataset: null,
  });
}

/**
 * The citizen follows a dataset, an organisation, a search, a tender buyer and an enterprise,
 * with a daily digest; the dataset's latest change is already in their private feed.
 */
export async function loadFollowsDemo(ctx: Context): Promise<void> {
  const citizen = await ctx.accounts.actorForUser(await ctx.accounts.requireUser(CITIZEN.name));
  const { follows } = ctx.community;
  if ((await follows.list(citizen)).length > 0) return;
  const dataset = await ctx.catalog.datasets.get(citizen, 'debits-circulation-routiere');
  await follows.follow(citizen, { kind: 'dataset', target: dataset.name });
  await follows.follow(citizen, { kind: 'organization', target: 'transports' });
  await follows.follow(citizen, { kind: 'search', target: 'vélo' });
  await follows.follow(citizen, { kind: 'category', target: 'works' });
  const [buyer] = await ctx.procurement.publication.buyers();
  if (buyer) await follows.follow(citizen, { kind: 'buyer', target: buyer.id });
  const [change] = await ctx.registry.service.latestChanges(1, null);
  if (change) await follows.follow(citizen, { kind: 'enterprise', target: change.neq });
  await follows.setFrequency(citizen, 'daily');
  // The publisher follows a theme and a search too (their workspace shows follows).
  const publisher = await ctx.accounts.actorForUser(await ctx.accounts.requireUser('editeur-demo'));
  await follows.follow(publisher, { kind: 'dataset', target: dataset.name });
  await follows.follow(publisher, { kind: 'search', target: 'qualité de l’eau' });
  await ctx.community.events.datasetWritten(dataset.id);
}

/** A bar chart drawn for the demo (an image as a reuse would have one). */
async function demoChart(colour: string, bars: number[]): Promise<Buffer> {
  const width = 900;
  const height = 600;
  const step = width / bars.length;
  const rects = bars
    .map(
      (value, i) =>
        `<rect x="${i * step + 10}" y="${height - value * 5}" width="${step - 20}" height="${value * 5}" fill="${colour}"/>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f1f1f2"/>${rects}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * A call for projects (HackQC 2027) with two reuses made for it — one by a publisher (published
 * at once), one by the citizen (approved by the administrator) — and a third awaiting moderation.
 */
export async function loadReusesDemo(ctx: Context): Promise<void> {
  const { reuses, calls } = ctx.community;
  if ((await calls.list()).length > 0) return;
  const actorOf = async (name: string) => ctx.accounts.actorForUser(await ctx.accounts.requireUser(name));
  const [admin, publisher, citizen] = await Promise.all([
    actorOf('admin-demo'),
    actorOf('editeur-demo'),
    actorOf(CITIZEN.name),
  ]);
  await calls.create(admin, {
    name: 'hackqc-2027',
    kind: 'hackathon',
    title: 'HackQC 2027',
    description:
      'Quarante-huit heures pour créer, en équipe, des applications et des visualisations avec les données ouvertes du Québec. Thème de cette édition : la ville résiliente.',
    participation:
      'Équipes de 2 à 5 personnes. Chaque projet est soumis comme une réutilisation liée à cet appel, avant la fin de l’évènement. Le jury publie ses prix sur cette page.',
    startsOn: '2027-03-05',
    endsOn: '2027-03-07',
    datasets: ['arbres-publics-montreal', 'debits-circulation-routiere'],
  });
  const canopy = await reuses.create(publisher, {
    title: 'Carte de la canopée montréalaise',
    description:
      'Une carte qui montre, quartier par quartier, la part du territoire couverte par les arbres publics, et les rues où en planter en premier.',
    type: 'visualization',
    url: 'https://exemple.org/canopee',
    topics: ['environnement', 'arbres'],
    datasets: ['arbres-publics-montreal'],
    call: 'hackqc-2027',
  });
  await reuses.setImage(publisher, canopy.name, await demoChart('#095797', [40, 70, 55, 90, 65, 80]));
  const traffic = await reuses.create(citizen, {
    title: 'Tableau de bord de la circulation',
    description:
      'Une application qui compare les débits de circulation d’une année à l’autre, tronçon par tronçon, et signale ceux où les camions sont les plus nombreux.',
    type: 'application',
    url: 'https://exemple.org/circulation',
    topics: ['mobilité'],
    datasets: ['debits-circulation-routiere'],
    call: 'hackqc-2027',
  });
  await reuses.moderate(admin, traffic.name, { state: 'published', reason: null });
  await reuses.setImage(citizen, traffic.name, await demoChart('#1f8a70', [30, 60, 45, 75, 50]));
  await reuses.create(citizen, {
    title: 'Où sont les arbres de ma rue ?',
    description:
      'Un article qui explique comment lire l’inventaire des arbres publics et retrouver ceux de sa rue, essence par essence.',
    type: 'article',
    url: 'https://exemple.org/arbres-de-ma-rue',
    topics: ['arbres'],
    datasets: ['arbres-publics-montreal'],
    call: null,
  });
}
