// The whole customer → bot → handoff → offer → accept → reply → resolve → CSAT flow, driven through
// the OFFICIAL @microsoft/signalr JavaScript client, as a shop's own frontend would use it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, devToken, uniqueId } from './support/server.mjs';
import { connectHub, Inbox, hubError, ALL_SKILLS, ALL_LANGUAGES } from './support/hub.mjs';

let server;
const connections = [];

before(async () => {
  server = await startServer();
});

after(async () => {
  await Promise.allSettled(connections.map(c => c.stop()));
  await server?.stop();
});

async function connect(path, role, id) {
  const connection = await connectHub(server.url, path, role, id);
  connections.push(connection);
  return connection;
}

test('the full flow works through @microsoft/signalr under Node', async () => {
  const customerId = uniqueId('c-js');
  const agentId = uniqueId('a-js');

  const customer = await connect('/hubs/customer', 'customer', customerId);
  const customerEvents = new Inbox(customer, 'Event');
  const agent = await connect('/hubs/agent', 'agent', agentId);
  const offers = new Inbox(agent, 'Offer');
  const agentEvents = new Inbox(agent, 'Event');

  // The customer opens a session and the bot answers a question.
  const started = await customer.invoke('StartSession', { channel: 'web', language: 'en' });
  assert.match(started.sessionId, /\S/);
  assert.equal(started.status, 'bot');
  assert.equal(started.resumed, false);
  const { sessionId } = started;

  const clientMessageId = randomUUID();
  const ack = await customer.invoke('SendMessage', { sessionId, clientMessageId, text: 'Hi, where is my order? It has not shipped yet.' });
  assert.equal(ack.duplicate, false);
  assert.ok(ack.seq >= 1, `seq ${ack.seq}`);

  const again = await customer.invoke('SendMessage', { sessionId, clientMessageId, text: 'Hi, where is my order? It has not shipped yet.' });
  assert.deepEqual({ seq: again.seq, duplicate: again.duplicate }, { seq: ack.seq, duplicate: true });

  const botAnswer = await customerEvents.waitFor(e => e.sessionId === sessionId && e.seq > ack.seq && e.sender?.role === 'bot', 'a bot answer after the question');
  assert.ok(botAnswer.text || botAnswer.data, 'the bot answer carries text or data');

  // An agent with every skill and language goes online; the customer asks for a person.
  const online = await agent.invoke('GoOnline', { skills: ALL_SKILLS, languages: ALL_LANGUAGES, capacity: 3 });
  assert.equal(online.status, 'available');
  assert.deepEqual(online.activeSessions, []);

  const requested = await customer.invoke('RequestAgent', { sessionId, reason: 'wants a person' });
  // Queued: the session waits in its queue while the offer to the agent is out.
  assert.equal(requested.status, 'queued');

  const offer = await offers.waitFor(o => o.sessionId === sessionId, `an offer for ${sessionId}`);
  assert.match(offer.offerId, /\S/);
  assert.match(offer.queue, /^[a-z]+:(zh|en)$/);
  assert.ok(Date.parse(offer.expiresAt) > Date.now() - 60_000, `expiresAt ${offer.expiresAt}`);
  assert.equal(offer.summary.customerId, customerId);
  assert.ok(Array.isArray(offer.summary.lastMessages));

  const accepted = await agent.invoke('AcceptOffer', { offerId: offer.offerId });
  assert.equal(accepted.sessionId, sessionId);
  assert.equal(accepted.summary.customerId, customerId);
  assert.ok(accepted.history.some(e => e.seq === ack.seq && e.sender.role === 'customer'), 'the history holds the customer question');

  await customerEvents.waitFor(e => e.sessionId === sessionId && e.kind === 'agent_joined', 'agent_joined');

  // The agent replies; the customer receives it under the acknowledged seq.
  const replyText = `Hello, this is ${agentId}. Let me check your order.`;
  const reply = await agent.invoke('SendMessage', { sessionId, clientMessageId: randomUUID(), text: replyText });
  assert.equal(reply.duplicate, false);
  const delivered = await customerEvents.waitFor(e => e.sessionId === sessionId && e.seq === reply.seq, `the agent reply #${reply.seq}`);
  assert.equal(delivered.kind, 'message');
  assert.equal(delivered.sender.role, 'agent');
  assert.equal(delivered.text, replyText);

  // The customer answers; the agent sees it.
  const answer = await customer.invoke('SendMessage', { sessionId, clientMessageId: randomUUID(), text: 'Thank you!' });
  const seenByAgent = await agentEvents.waitFor(e => e.sessionId === sessionId && e.seq === answer.seq, `the customer answer #${answer.seq}`);
  assert.equal(seenByAgent.sender.role, 'customer');

  // Resolve; the customer is asked for a rating and gives one.
  const resolved = await agent.invoke('ResolveSession', { sessionId, resolution: 'solved' });
  assert.equal(resolved.status, 'resolved');
  await customerEvents.waitFor(e => e.sessionId === sessionId && e.kind === 'csat_request', 'csat_request');
  const rated = await customer.invoke('RateSession', { sessionId, score: 5, comment: 'Quick and kind.' });
  assert.equal(rated.ok, true);

  // The transcript read back: seq 1..N, no gaps, no duplicates, everything above in it.
  const history = await customer.invoke('GetHistory', { sessionId, afterSeq: 0 });
  assert.deepEqual(history.map(e => e.seq), history.map((_, i) => i + 1));
  for (const seq of [ack.seq, reply.seq, answer.seq]) assert.ok(history.some(e => e.seq === seq), `seq ${seq} in history`);
  assert.equal(history.filter(e => e.seq === ack.seq).length, 1);

  const rest = await fetch(`${server.url}/api/sessions/${sessionId}`, { headers: { authorization: `Bearer ${await devToken(server.url, 'admin', 'web-tests')}` } });
  assert.equal(rest.status, 200);
  const session = await rest.json();
  assert.equal(session.customerId, customerId);
  assert.equal(session.csat?.score, 5);

  await agent.invoke('GoOffline');
});

test('GetHistory after a seq returns exactly the later events', async () => {
  const customer = await connect('/hubs/customer', 'customer', uniqueId('c-js'));
  const { sessionId } = await customer.invoke('StartSession', { channel: 'web', language: 'en' });
  const first = await customer.invoke('SendMessage', { sessionId, clientMessageId: randomUUID(), text: 'Do you have this jacket in size L?' });
  const second = await customer.invoke('SendMessage', { sessionId, clientMessageId: randomUUID(), text: 'And in black?' });

  const after = await customer.invoke('GetHistory', { sessionId, afterSeq: first.seq });
  assert.ok(after.length >= 1);
  assert.ok(after.every(e => e.seq > first.seq), 'nothing at or before afterSeq');
  assert.deepEqual(after.map(e => e.seq), after.map((_, i) => first.seq + 1 + i), 'no gaps');
  assert.ok(after.some(e => e.seq === second.seq && e.text === 'And in black?'));
});

test('hub errors carry the stable codes', async () => {
  const owner = await connect('/hubs/customer', 'customer', uniqueId('c-js'));
  const { sessionId } = await owner.invoke('StartSession', { channel: 'web' });

  const tooLong = await hubError(owner.invoke('SendMessage', { sessionId, clientMessageId: randomUUID(), text: 'x'.repeat(4001) }));
  assert.equal(codeOf(tooLong), 'E_BAD_REQUEST');

  // Someone else's session and one that does not exist are refused alike.
  const stranger = await connect('/hubs/customer', 'customer', uniqueId('c-js'));
  const forbidden = await hubError(stranger.invoke('GetHistory', { sessionId, afterSeq: 0 }));
  assert.equal(codeOf(forbidden), 'E_FORBIDDEN');
  const missing = await hubError(stranger.invoke('GetHistory', { sessionId: 's-does-not-exist', afterSeq: 0 }));
  assert.equal(missing, forbidden);

  // The score is checked before the session's state: out of range is a bad request even while rating is not yet open.
  const badScore = await hubError(owner.invoke('RateSession', { sessionId, score: 9 }));
  assert.equal(codeOf(badScore), 'E_BAD_REQUEST');
  const tooEarly = await hubError(owner.invoke('RateSession', { sessionId, score: 5 }));
  assert.equal(codeOf(tooEarly), 'E_CONFLICT');
});

/** The stable code a hub error's message carries (the client prefixes the server's message with its own words). */
function codeOf(message) {
  const codes = message.match(/\bE_[A-Z_]+\b/g) ?? [];
  assert.equal(new Set(codes).size, 1, `one code in: ${message}`);
  return codes[0];
}

test('a customer token cannot open the agent hub', async () => {
  await assert.rejects(connectHub(server.url, '/hubs/agent', 'customer', uniqueId('c-js')));
});
