import type { Context } from '../context.js';
import { ANONYMOUS } from '../modules/accounts/index.js';
import { CITIZEN } from './community.js';

/** The demo's writers count as one client for the rate limits. */
const CLIENT = 'demo';
const DAY = 86_400_000;

/**
 * Discussions and consultations as a portal has them: a citizen's question on the trees of
 * Montréal answered by the publisher (marked as official), a new account's message with a link
 * waiting in the administrator's moderation queue; the next action plan open for comments, and
 * last year's consultation with its summary and answers published.
 */
export async function loadDiscussionsDemo(ctx: Context): Promise<void> {
  const { discussions, consultations } = ctx.community;
  if ((await consultations.list(1)).length > 0) return;
  const actorOf = async (name: string) => ctx.accounts.actorForUser(await ctx.accounts.requireUser(name));
  const [admin, publisher, citizen] = await Promise.all([
    actorOf('admin-demo'),
    actorOf('editeur-demo'),
    actorOf(CITIZEN.name),
  ]);

  const question = await discussions.open(
    citizen,
    'arbres-publics-montreal',
    {
      title: 'Les frênes abattus figurent-ils encore dans l’inventaire ?',
      body: 'Dans mon quartier, plusieurs **frênes** ont été abattus l’automne dernier (agrile), mais ils apparaissent encore dans le fichier. Les retirez-vous à chaque mise à jour ?',
    },
    CLIENT,
  );
  await discussions.reply(
    publisher,
    question.thread.id,
    {
      body: 'Bonjour, merci de la question. Les arbres abattus sont retirés à la mise à jour mensuelle qui suit le constat des équipes d’arboriculture ; la colonne `Date_Releve` indique la dernière visite.',
    },
    CLIENT,
  );
  await discussions.reply(
    citizen,
    question.thread.id,
    { body: 'Merci, c’est clair. Je surveillerai la prochaine mise à jour.' },
    CLIENT,
  );
  // A new account's message with a link: held until a moderator publishes it.
  await discussions.open(
    citizen,
    'debits-circulation-routiere',
    {
      title: 'Comparaison avec les comptages de Montréal',
      body: 'J’ai comparé ces débits avec ceux de la Ville : voir exemple.org/comparaison-debits pour le détail.',
    },
    CLIENT,
  );

  const proposal = await consultations.create(admin, {
    title: 'Plan d’action 2027-2030 pour les données ouvertes',
    description:
      'Le gouvernement prépare son prochain plan d’action. Il propose trois mesures et veut connaître votre avis sur chacune avant de les arrêter.\n\n- **Des données de référence** partagées par tous les ministères ;\n- **la participation** des citoyens et des entreprises ;\n- **la qualité** des jeux de données publiés.',
    opensAt: new Date(Date.now() - DAY).toISOString(),
    closesAt: new Date(Date.now() + 60 * DAY).toISOString(),
    themes: [
      {
        title: 'Des données de référence communes',
        description: 'Codes géographiques, organismes, nomenclatures.',
      },
      {
        title: 'La participation citoyenne',
        description: 'Demandes de données, discussions, consultations.',
      },
      { title: 'La qualité des jeux de données', description: 'Descriptions, formats, mises à jour.' },
    ],
  });
  await consultations.comment(
    citizen,
    proposal.name,
    {
      body: 'Les codes des municipalités devraient être les mêmes partout : c’est la première chose à régler.',
      theme: '1',
    },
    CLIENT,
  );

  const past = await consultations.create(admin, {
    title: 'Jeux de données prioritaires pour 2026',
    description:
      'Quels jeux de données le gouvernement devrait-il publier en premier ? Cette consultation a recueilli les avis du public sur deux familles de données.',
    opensAt: new Date(Date.now() - 2 * DAY).toISOString(),
    closesAt: new Date(Date.now() + DAY).toISOString(),
    themes: [{ title: 'Transport et mobilité' }, { title: 'Environnement' }],
  });
  await consultations.comment(
    citizen,
    past.name,
    { body: 'Les débits de circulation, tronçon par tronçon, avec leur historique.', theme: '1' },
    CLIENT,
  );
  await consultations.closeNow(admin, past.name);
  // The period has ended (the database's clock moved on): the summary and answers are published.
  while ((await consultations.get(ANONYMOUS, past.name)).consultation.state === 'open')
    await new Promise((resolve) => setTimeout(resolve, 5));
  await consultations.conclude(admin, past.name, {
    summary:
      'Les personnes qui ont participé demandent d’abord les données de mobilité, avec leur historique, puis l’inventaire des arbres publics.',
    answers: {
      '1': 'Les débits de circulation routière sont publiés depuis, avec dix ans d’historique.',
      '2': 'L’inventaire des arbres publics de Montréal est publié et mis à jour chaque mois.',
    },
  });
}
