/**
 * Public consultations: an administrator opens one on a proposal for a period, with themes;
 * people comment during the period only (through the same guard as discussions); at the end
 * the summary and the answer to each theme are published.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, seedUser } from './helpers/fixtures.js';

describeEachEngine('public consultations', (current) => {
  let citizen: Caller;
  let admin: Caller;
  const json = { 'content-type': 'application/json' };
  const api = (method: 'GET' | 'POST', url: string, caller: Caller | null, body?: unknown) =>
    call(current().app, method, url, {
      ...(caller ? { token: caller.token } : {}),
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: json }),
    });
  const fields = (reply: { json: { errors?: { field: string }[] } }) =>
    (reply.json.errors ?? []).map((error) => error.field).sort();
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();
  const proposal = {
    title: 'Plan d’action 2027-2029 pour les données ouvertes',
    description: 'Nous proposons trois mesures. Dites-nous ce que vous en pensez, mesure par mesure.',
    opens_at: day(-1),
    closes_at: day(30),
    themes: [
      { title: 'Mesure 1 : des données de référence', description: 'Codes, lieux, organismes.' },
      { title: 'Mesure 2 : la participation citoyenne' },
    ],
  };

  before(async () => {
    const { ctx } = current();
    citizen = await seedUser(ctx, 'citoyen-consulte');
    admin = await seedUser(ctx, 'admin-consultations', { sysadmin: true });
  });

  test('administrators open a consultation; its dates and themes are checked', async () => {
    assert.equal((await api('POST', '/api/v1/consultations', citizen, proposal)).status, 403);
    const bad = await api('POST', '/api/v1/consultations', admin, {
      ...proposal,
      closes_at: day(-2),
      themes: [{ title: ' ' }],
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(fields(bad), ['closes_at', 'themes']);
    assert.deepEqual(
      fields(await api('POST', '/api/v1/consultations', admin, { ...proposal, opens_at: 'demain' })),
      ['opens_at'],
    );
    const opened = await api('POST', '/api/v1/consultations', admin, proposal);
    assert.equal(opened.status, 201, opened.body);
    assert.equal(opened.json.name, 'plan-d-action-2027-2029-pour-les-donnees-ouvertes');
    assert.equal(opened.json.state, 'open');
    assert.deepEqual(
      opened.json.themes.map((theme: { position: number; answer: null }) => [theme.position, theme.answer]),
      [
        [1, null],
        [2, null],
      ],
    );
    const listed = await api('GET', '/api/v1/consultations', null);
    assert.ok(listed.json.consultations.some((c: { name: string }) => c.name === opened.json.name));
  });

  test('people comment during the period, on the proposal or a theme', async () => {
    const url = '/api/v1/consultations/plan-d-action-2027-2029-pour-les-donnees-ouvertes';
    assert.equal((await api('POST', `${url}/comments`, null, { body: 'Bravo' })).status, 401);
    assert.deepEqual(fields(await api('POST', `${url}/comments`, citizen, { body: 'Oui', theme: '9' })), [
      'theme',
    ]);
    const onTheme = await api('POST', `${url}/comments`, citizen, {
      body: 'La mesure 2 devrait prévoir des rencontres en région.',
      theme: '2',
    });
    assert.equal(onTheme.status, 201, onTheme.body);
    const general = await api('POST', `${url}/comments`, citizen, {
      body: 'Une bonne proposition dans l’ensemble.',
    });
    assert.equal(general.json.theme, null);
    const read = await api('GET', url, null);
    assert.equal(read.json.comments, 2);
    assert.equal(
      read.json.messages.find((m: { id: string }) => m.id === onTheme.json.id)?.theme,
      read.json.themes[1].id,
    );
    assert.equal(read.json.may_comment, false, 'visitors are asked to sign in');
    const early = await api('POST', `${url}/conclusion`, admin, {
      summary: 'Trop tôt pour conclure.',
      answers: {},
    });
    assert.equal(early.status, 409, 'the summary waits for the end of the period');
  });

  test('a consultation not yet open takes no comment', async () => {
    const later = await api('POST', '/api/v1/consultations', admin, {
      ...proposal,
      title: 'Consultation à venir sur les jeux de données prioritaires',
      opens_at: day(10),
    });
    assert.equal(later.json.state, 'upcoming');
    const refused = await api('POST', `/api/v1/consultations/${later.json.name}/comments`, citizen, {
      body: 'Déjà ?',
    });
    assert.equal(refused.status, 409);
  });

  test('at the end, the summary and the answer to each theme are published', async () => {
    const url = '/api/v1/consultations/plan-d-action-2027-2029-pour-les-donnees-ouvertes';
    assert.equal((await api('POST', `${url}/closing`, citizen)).status, 403);
    const closed = await api('POST', `${url}/closing`, admin);
    assert.equal(closed.status, 200, closed.body);
    assert.equal(closed.json.state, 'closed');
    assert.equal((await api('POST', `${url}/comments`, citizen, { body: 'Trop tard ?' })).status, 409);
    const partial = await api('POST', `${url}/conclusion`, admin, {
      summary: 'Deux commentaires, favorables dans l’ensemble.',
      answers: { '1': 'La mesure 1 est maintenue.' },
    });
    assert.deepEqual(fields(partial), ['answers.2'], 'every theme is answered');
    const concluded = await api('POST', `${url}/conclusion`, admin, {
      summary: 'Deux commentaires, favorables dans l’ensemble.',
      answers: { '1': 'La mesure 1 est maintenue.', '2': 'Des rencontres auront lieu dans chaque région.' },
    });
    assert.equal(concluded.status, 200, concluded.body);
    const read = await api('GET', url, null);
    assert.equal(read.json.state, 'concluded');
    assert.equal(read.json.summary, 'Deux commentaires, favorables dans l’ensemble.');
    assert.deepEqual(
      read.json.themes.map((theme: { answer: string }) => theme.answer),
      ['La mesure 1 est maintenue.', 'Des rencontres auront lieu dans chaque région.'],
    );
    const activity = (await api('GET', '/api/v1/moderation', admin)).json.activity as { action: string }[];
    for (const action of [
      'consultation.opened',
      'comment.written',
      'consultation.closed',
      'consultation.concluded',
    ])
      assert.ok(
        activity.some((step) => step.action === action),
        `${action} is logged`,
      );
  });
});
