/**
 * Discussions on datasets: threads and replies, the publisher's answer marked and told to the
 * thread's people, closing; moderation (reports, hiding with a reason, bans, links from new
 * accounts held), spam defences (honeypot, rate limit per account) and the activity log; a
 * private dataset's discussions never show to those who cannot read it.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

describeEachEngine('discussions on datasets', (current) => {
  let citizen: Caller;
  let veteran: Caller;
  let publisher: Caller;
  let admin: Caller;
  let threadId = '';
  const json = { 'content-type': 'application/json' };
  const api = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    caller: Caller | null,
    body?: unknown,
  ) =>
    call(current().app, method, url, {
      ...(caller ? { token: caller.token } : {}),
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: json }),
    });
  const fields = (reply: { json: { errors?: { field: string }[] } }) =>
    (reply.json.errors ?? []).map((error) => error.field).sort();
  const thread = async (caller: Caller | null) => {
    const reply = await api('GET', `/api/v1/discussions/${threadId}`, caller);
    assert.equal(reply.status, 200, reply.body);
    return reply.json as {
      closed: string | null;
      answered: boolean;
      messages: {
        id: string;
        author: string;
        body: string | null;
        official: boolean;
        held: boolean;
        hidden_reason: string | null;
      }[];
    };
  };

  before(async () => {
    const { ctx } = current();
    const organization = await seedOrganization(ctx, 'ville-gatineau', 'Ville de Gatineau');
    citizen = await seedUser(ctx, 'citoyenne-gatineau');
    veteran = await seedUser(ctx, 'habitue');
    publisher = await seedUser(ctx, 'editeur-gatineau', { roles: [[organization, 'editor']] });
    admin = await seedUser(ctx, 'admin-discussions', { sysadmin: true });
    // An account a month old: its links are not held.
    await ctx.db.query(`UPDATE accounts.users SET created = now() - interval '30 days' WHERE name = $1`, [
      veteran.name,
    ]);
    for (const [name, hidden] of [
      ['arbres-gatineau', false],
      ['plan-interne-gatineau', true],
    ] as const) {
      const created = await api('POST', '/api/v1/datasets', publisher, {
        ...datasetBody(name, 'ville-gatineau'),
        private: hidden,
      });
      assert.equal(created.status, 201, created.body);
    }
  });

  test('a thread is opened with a title and a first message; its fields and honeypot are checked', async () => {
    const url = '/api/v1/datasets/arbres-gatineau/discussions';
    assert.equal((await api('POST', url, null, { title: 'Une question', body: 'Bonjour' })).status, 401);
    const bad = await api('POST', url, citizen, { title: 'Hé', body: ' ', website: '' });
    assert.equal(bad.status, 422);
    assert.deepEqual(fields(bad), ['body', 'title']);
    const robot = await api('POST', url, citizen, {
      title: 'Achetez maintenant',
      body: 'Bonjour à tous',
      website: 'spam',
    });
    assert.equal(robot.status, 422);
    assert.deepEqual(fields(robot), ['website'], 'the field people never see was filled');
    const opened = await api('POST', url, citizen, {
      title: 'Les frênes abattus sont-ils retirés ?',
      body: 'Les frênes **abattus** en 2025 apparaissent encore. <script>alert(1)</script>',
    });
    assert.equal(opened.status, 201, opened.body);
    threadId = opened.json.id;
    assert.equal(opened.json.messages.length, 1);
    assert.equal(opened.json.messages[0].official, false);
    assert.equal(opened.json.may_close, true, 'its author may close it');
    const listed = await api('GET', url, null);
    assert.deepEqual(
      listed.json.threads.map((t: { title: string; posts: number }) => [t.title, t.posts]),
      [['Les frênes abattus sont-ils retirés ?', 1]],
    );
    assert.equal((await api('GET', '/api/v1/datasets/pas-un-jeu/discussions', null)).status, 404);
  });

  test('a private dataset’s discussions are for those who may read it', async () => {
    const url = '/api/v1/datasets/plan-interne-gatineau/discussions';
    assert.equal(
      (await api('POST', url, citizen, { title: 'Question interne', body: 'Bonjour' })).status,
      404,
    );
    const opened = await api('POST', url, publisher, {
      title: 'Note interne',
      body: 'À revoir avant publication.',
    });
    assert.equal(opened.status, 201, opened.body);
    assert.equal((await api('GET', url, null)).status, 404);
    assert.equal((await api('GET', url, citizen)).status, 404);
    for (const caller of [null, citizen])
      assert.equal((await api('GET', `/api/v1/discussions/${opened.json.id}`, caller)).status, 404);
    for (const [url, body] of [
      [`/api/v1/discussions/${opened.json.id}/closing`, { closed: true }],
      [`/api/v1/discussions/${opened.json.id}/messages`, { body: 'Je lis ce fil privé' }],
    ] as const)
      assert.equal(
        (await api('POST', url, citizen, body)).status,
        404,
        `${url}: no write to what one cannot see`,
      );
    const message = opened.json.messages[0].id;
    assert.equal(
      (await api('POST', `/api/v1/messages/${message}/report`, citizen, { reason: 'pour voir' })).status,
      404,
      'a message one cannot read cannot be reported either',
    );
  });

  test('the publisher’s answer is marked and told to the thread’s people', async () => {
    const reply = await api('POST', `/api/v1/discussions/${threadId}/messages`, publisher, {
      body: 'Merci : la mise à jour de mars les retire.',
    });
    assert.equal(reply.status, 201, reply.body);
    assert.equal(reply.json.official, true);
    assert.equal((await thread(null)).answered, true);
    await until(async () => {
      const alerts = (await api('GET', '/api/v1/alerts', citizen)).json as { type: string; url: string }[];
      return alerts.some(
        (alert) => alert.type === 'discussion.answered' && alert.url.endsWith(`/discussions/${threadId}`),
      );
    });
  });

  test('a new account’s message with a link waits for a moderator; an older account’s does not', async () => {
    const held = await api('POST', `/api/v1/discussions/${threadId}/messages`, citizen, {
      body: 'Voyez aussi exemple.com/frenes pour la liste.',
    });
    assert.equal(held.status, 201, held.body);
    assert.equal(held.json.held, true);
    assert.ok(!(await thread(null)).messages.some((m) => m.id === held.json.id), 'hidden from the public');
    assert.ok(
      (await thread(citizen)).messages.some((m) => m.id === held.json.id),
      'shown to its author',
    );
    const queue = (await api('GET', '/api/v1/moderation', admin)).json.queue as {
      id: string;
      place: string;
    }[];
    assert.deepEqual(
      queue.filter((item) => item.id === held.json.id).map((item) => item.place),
      [`/api/v1/discussions/${threadId}`],
    );
    assert.equal((await api('GET', '/api/v1/moderation', citizen)).status, 403);
    const released = await api('POST', `/api/v1/messages/${held.json.id}/moderation`, publisher, {
      action: 'release',
    });
    assert.equal(released.status, 204, released.body);
    assert.ok((await thread(null)).messages.some((m) => m.id === held.json.id && !m.held));
    const veteranLink = await api('POST', `/api/v1/discussions/${threadId}/messages`, veteran, {
      body: 'La [liste officielle](https://exemple.org/frenes) est à jour.',
    });
    assert.equal(veteranLink.json.held, false);
  });

  test('a report reaches the moderators; a hidden message keeps only its reason', async () => {
    const posted = await api('POST', `/api/v1/discussions/${threadId}/messages`, veteran, {
      body: 'Message désagréable.',
    });
    const id = posted.json.id;
    const url = `/api/v1/messages/${id}/report`;
    assert.deepEqual(fields(await api('POST', url, citizen, { reason: '' })), ['reason']);
    assert.equal((await api('POST', url, citizen, { reason: 'Propos insultants' })).status, 204);
    assert.equal((await api('POST', url, citizen, { reason: 'Propos insultants' })).status, 204);
    const queue = (await api('GET', '/api/v1/moderation', admin)).json.queue as {
      id: string;
      reports: { by: string; reason: string }[];
    }[];
    assert.deepEqual(
      queue.find((item) => item.id === id)?.reports.map((r) => [r.by, r.reason]),
      [[citizen.name, 'Propos insultants']],
    );
    const moderation = `/api/v1/messages/${id}/moderation`;
    assert.equal((await api('POST', moderation, citizen, { action: 'hide', reason: 'non' })).status, 403);
    assert.deepEqual(fields(await api('POST', moderation, publisher, { action: 'hide' })), ['reason']);
    assert.equal(
      (await api('POST', moderation, publisher, { action: 'hide', reason: 'Propos insultants' })).status,
      204,
    );
    const shown = (await thread(null)).messages.find((m) => m.id === id);
    assert.deepEqual([shown?.body, shown?.hidden_reason], [null, 'Propos insultants']);
    assert.equal((await thread(publisher)).messages.find((m) => m.id === id)?.body, 'Message désagréable.');
    const after = (await api('GET', '/api/v1/moderation', admin)).json.queue as { id: string }[];
    assert.ok(!after.some((item) => item.id === id), 'dealt with: out of the queue');
  });

  test('a closed thread takes replies from its moderators only', async () => {
    const closing = `/api/v1/discussions/${threadId}/closing`;
    assert.equal((await api('POST', closing, veteran, { closed: true })).status, 403);
    const closed = await api('POST', closing, citizen, { closed: true });
    assert.equal(closed.status, 200, closed.body);
    assert.equal(closed.json.closed_by, citizen.name);
    const replies = `/api/v1/discussions/${threadId}/messages`;
    assert.equal((await api('POST', replies, veteran, { body: 'Encore une chose.' })).status, 403);
    assert.equal((await api('POST', replies, publisher, { body: 'Nous fermons ici.' })).status, 201);
    assert.equal((await api('POST', closing, publisher, { closed: false })).json.closed, null);
  });

  test('a banned person may no longer write; a ban is the administrators’ and is lifted', async () => {
    const bans = '/api/v1/moderation/bans';
    assert.equal(
      (await api('PUT', `${bans}/${veteran.name}`, publisher, { reason: 'Insultes' })).status,
      403,
    );
    assert.deepEqual(fields(await api('PUT', `${bans}/personne-inconnue`, admin, { reason: 'Insultes' })), [
      'user',
    ]);
    assert.equal(
      (await api('PUT', `${bans}/${veteran.name}`, admin, { reason: 'Insultes répétées' })).status,
      204,
    );
    const refused = await api('POST', `/api/v1/discussions/${threadId}/messages`, veteran, {
      body: 'Bonjour',
    });
    assert.equal(refused.status, 403);
    assert.match(refused.json.detail, /Insultes répétées/);
    assert.deepEqual(
      (await api('GET', bans, admin)).json.map((ban: { user: string; by: string }) => [ban.user, ban.by]),
      [[veteran.name, admin.name]],
    );
    assert.equal((await api('DELETE', `${bans}/${veteran.name}`, admin)).status, 204);
    assert.equal(
      (
        await api('POST', `/api/v1/discussions/${threadId}/messages`, veteran, {
          body: 'Je reviens poliment.',
        })
      ).status,
      201,
    );
  });

  test('each account writes a bounded number of messages in ten minutes', async () => {
    const { ctx } = current();
    const writer = await seedUser(ctx, 'bavard');
    const url = `/api/v1/discussions/${threadId}/messages`;
    let status = 201;
    let sent = 0;
    while (status === 201 && sent < 30) {
      const reply = await api('POST', url, writer, { body: `Message numéro ${sent + 1}` });
      status = reply.status;
      if (status === 201) sent++;
      else assert.ok(Number(reply.headers['retry-after']) > 0);
    }
    assert.deepEqual([status, sent], [429, 20]);
  });

  test('an erased account’s messages go with it', async () => {
    const { ctx } = current();
    const passing = await seedUser(ctx, 'de-passage');
    const opened = await api('POST', '/api/v1/datasets/arbres-gatineau/discussions', passing, {
      title: 'Une question de passage',
      body: 'Mon message personnel.',
    });
    assert.equal(opened.status, 201, opened.body);
    await api('POST', `/api/v1/discussions/${opened.json.id}/messages`, publisher, { body: 'Une réponse.' });
    const erased = await api('POST', '/api/v1/account/delete', passing, {
      password: 'un-mot-de-passe-assez-long',
    });
    assert.equal(erased.status, 204, erased.body);
    const after = await thread(null).catch(() => null);
    assert.ok(after);
    const read = await api('GET', `/api/v1/discussions/${opened.json.id}`, null);
    assert.deepEqual(
      read.json.messages.map((m: { body: string }) => m.body),
      ['Une réponse.'],
      'their message is gone; the answer stays',
    );
  });

  test('every step is in the activity log', async () => {
    const activity = (await api('GET', '/api/v1/moderation', admin)).json.activity as {
      action: string;
      actor: string;
      thread: string | null;
    }[];
    assert.equal(activity[0]?.action, 'post.written', 'the newest step first (the answer above)');
    const actions = new Set(
      activity.filter((step) => step.thread === threadId || step.thread === null).map((s) => s.action),
    );
    for (const action of [
      'thread.opened',
      'post.written',
      'post.held',
      'post.released',
      'post.reported',
      'post.hidden',
      'thread.closed',
      'thread.reopened',
      'user.banned',
      'user.unbanned',
    ])
      assert.ok(actions.has(action), `${action} is logged`);
  });
});
