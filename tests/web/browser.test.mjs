// The web UI in Debian's Chromium through playwright-core: the widget gets a bot answer; a handoff
// shows up in the agent console, is accepted, and the agent's reply appears in the widget.
// SCREENSHOTS=1 also saves docs/screenshots/{widget,agent,ops}.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startServer, uniqueId, repoRoot } from './support/server.mjs';
import { connectHub, Inbox, onlineAgent } from './support/hub.mjs';
import { launchBrowser, composerReady, sendFromComposer as sendFromWidget, botAnswerAfter, goOnline, holdAnswers, trackSockets, widgetReport, explained } from './support/browser.mjs';

let server;
let ui;
let open;

before(async () => {
  server = await startServer();
  ui = await launchBrowser(server.url);
  ({ open } = ui);
});

after(async () => {
  await ui?.close();
  await server?.stop();
});

test('the widget gets a bot answer', async () => {
  const page = await open(`/?customer=${uniqueId('c-web')}&lang=en`);
  const question = 'Where is my order? It has not shipped yet.';
  await sendFromWidget(page, question);
  await botAnswerAfter(page, question).waitFor();

  // The optimistic bubble became the stored message: it carries a seq and no pending state.
  const mine = page.locator('[data-testid="message"][data-role="customer"]', { hasText: question });
  await assert.doesNotReject(mine.and(page.locator('[data-seq]:not(.is-pending)')).waitFor());
  assert.equal(await mine.count(), 1, 'the message is shown once');
  assert.equal(await page.getByTestId('reconnect-banner').isVisible(), false);
  await page.context().close();
});

test('a handoff reaches the agent console, is accepted, and the reply appears in the widget', async () => {
  const agentId = uniqueId('a-web');
  const agentPage = await open(`/agent?agent=${agentId}&lang=en`);
  await goOnline(agentPage);

  const customerPage = await open(`/?customer=${uniqueId('c-web')}&lang=en`);
  const question = 'The jeans I received are too small, I want to exchange them.';
  await sendFromWidget(customerPage, question);
  await botAnswerAfter(customerPage, question).waitFor();
  await customerPage.getByTestId('request-agent').click();

  const offer = agentPage.getByTestId('offer').first();
  await offer.waitFor();
  await offer.getByTestId('accept-offer').click();
  const conversation = agentPage.locator('[data-testid="conversation"]:visible');
  await conversation.waitFor();
  await conversation.locator('[data-testid="message"][data-role="customer"]', { hasText: question }).waitFor();
  await customerPage.getByTestId('session-status').and(customerPage.locator('[data-status="assigned"]')).waitFor();

  const reply = `Hello, I am ${agentId}. I will arrange the exchange for you right away.`;
  await composerReady(agentPage);
  await agentPage.getByTestId('composer').fill(reply);
  await agentPage.getByTestId('send').click();
  await customerPage.locator('[data-testid="message"][data-role="agent"]', { hasText: reply }).waitFor();
  assert.equal(await customerPage.locator('[data-testid="message"][data-role="agent"]', { hasText: reply }).count(), 1);

  const thanks = 'Great, thank you!';
  await sendFromWidget(customerPage, thanks);
  await conversation.locator('[data-testid="message"][data-role="customer"]', { hasText: thanks }).waitFor();

  await agentPage.getByTestId('resolve').click();
  await customerPage.getByTestId('csat-submit').waitFor();
  await customerPage.locator('label.star').nth(4).click();
  await customerPage.getByTestId('csat-submit').click();
  await customerPage.locator('.csat__thanks').waitFor();

  await agentPage.getByTestId('presence-offline').click();
  await agentPage.locator('[data-testid="presence-offline"][aria-checked="true"]').waitFor();
  await Promise.all([agentPage.context().close(), customerPage.context().close()]);
});

test('after a lost connection the widget shows a banner, reconnects and renders exactly the missed events', async () => {
  const customerId = uniqueId('c-web');
  const agentId = uniqueId('a-web');
  const agent = await onlineAgent(server.url, agentId);
  try {
    // Keep hold of the page's sockets so the test can cut them as a network drop would.
    const page = await open(`/?customer=${customerId}&lang=en`, { init: trackSockets });
    const question = 'Is the cotton T-shirt true to size?';
    await sendFromWidget(page, question);
    await botAnswerAfter(page, question).waitFor();
    await page.getByTestId('request-agent').click();
    const offer = await agent.offers.waitFor(o => o.summary?.customerId === customerId, 'an offer for the widget session');
    await agent.connection.invoke('AcceptOffer', { offerId: offer.offerId });
    const report = () => widgetReport(page, server.url, customerId, offer.sessionId);
    await explained(page.getByTestId('session-status').and(page.locator('[data-status="assigned"]')).waitFor(), report);

    // Cut the connection and refuse new ones while the agent writes twice.
    const blocked = route => route.abort('internetdisconnected');
    await page.route('**/hubs/customer/negotiate**', blocked);
    await page.evaluate(() => window.dropSockets());
    await page.getByTestId('reconnect-banner').waitFor({ state: 'visible' });
    const missed = ['First message while you were away.', 'Second message while you were away.'];
    for (const text of missed) await agent.connection.invoke('SendMessage', { sessionId: offer.sessionId, clientMessageId: crypto.randomUUID(), text });

    await page.unroute('**/hubs/customer/negotiate**', blocked);
    const retry = page.getByTestId('reconnect-retry');
    if (await retry.isVisible()) await retry.click().catch(() => {}); // the automatic retry may win the race
    await explained(page.getByTestId('reconnect-banner').waitFor({ state: 'hidden' }), report);
    for (const text of missed) {
      await explained(page.locator('[data-testid="message"][data-role="agent"]', { hasText: text }).waitFor(), report);
      assert.equal(await page.locator('[data-testid="message"][data-role="agent"]', { hasText: text }).count(), 1, `"${text}" shown once`);
    }
    const seqs = await page.locator('[data-seq]').evaluateAll(els => els.map(e => Number(e.dataset.seq)));
    assert.equal(new Set(seqs).size, seqs.length, `no seq drawn twice: ${seqs}`);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'drawn in seq order');
    await page.context().close();
  } finally {
    await agent.stop();
  }
});

test('the widget shows assigned when the acceptance is pushed ahead of RequestAgent\'s answer', async () => {
  // The answer ("queued") and the assignment's pushed events share the socket, in no promised order: an agent
  // accepting at once can be pushed ahead of the answer, which must not set the widget back to queued.
  const customerId = uniqueId('c-web');
  const agent = await onlineAgent(server.url, uniqueId('a-web'));
  try {
    const page = await open(`/?customer=${customerId}&lang=en`, { init: holdAnswers, arg: 'RequestAgent' });
    const question = 'Can I still change the size of my order?';
    await sendFromWidget(page, question);
    await botAnswerAfter(page, question).waitFor();
    await page.getByTestId('request-agent').click();
    const offer = await agent.offers.waitFor(o => o.summary?.customerId === customerId, 'an offer for the widget session');
    await agent.connection.invoke('AcceptOffer', { offerId: offer.offerId });
    await page.locator('[data-testid="message"][data-kind="agent_joined"]').waitFor();

    assert.equal(await page.evaluate(() => window.releaseAnswers()), 1, 'the held RequestAgent answer');
    // Past the answer's continuation: a macrotask runs only once the microtasks before it have.
    await page.evaluate(() => new Promise(resolve => setTimeout(resolve, 0)));
    assert.equal(await page.getByTestId('session-status').getAttribute('data-status'), 'assigned');
    await page.context().close();
  } finally {
    await agent.stop();
  }
});

test('the ops view shows live figures', async () => {
  const page = await open('/ops?lang=en');
  await page.getByTestId('tile-activeSessions').waitFor();
  await page.locator('[data-testid="chart-sessions"] svg').waitFor();
  for (const tile of ['queued', 'agentsOnline', 'slaBreaches', 'botContainmentRate', 'csatAverage', 'avgFirstResponseMs']) {
    assert.equal(await page.getByTestId(`tile-${tile}`).count(), 1, tile);
  }
  await page.context().close();
});

test('screenshots of the three pages', { skip: process.env.SCREENSHOTS !== '1' && 'set SCREENSHOTS=1 to take them' }, async () => {
  const dir = resolve(repoRoot, 'docs/screenshots');
  await mkdir(dir, { recursive: true });

  const agentPage = await open('/agent?agent=a-06&lang=zh', { locale: 'zh-CN' });
  await goOnline(agentPage);

  // The customer in the widget: a question, the bot's answer, a handoff and the agent's reply.
  const customerPage = await open('/?customer=c-1002&lang=zh', { locale: 'zh-CN', viewport: { width: 1100, height: 860 } });
  const question = '我上周买的衣服怎么还没发货？';
  await sendFromWidget(customerPage, question);
  await botAnswerAfter(customerPage, question).waitFor();
  await customerPage.getByTestId('request-agent').click();
  await agentPage.getByTestId('offer').first().waitFor();
  await agentPage.getByTestId('offer').first().getByTestId('accept-offer').click();
  await agentPage.locator('[data-testid="conversation"]:visible').waitFor();
  const reply = '您好，我是何静。已为您查到订单，仓库今天发出，发货后会同步物流单号给您。';
  await composerReady(agentPage);
  await agentPage.getByTestId('composer').fill(reply);
  await agentPage.getByTestId('send').click();
  await customerPage.locator('[data-testid="message"][data-role="agent"]', { hasText: reply }).waitFor();
  await sendFromWidget(customerPage, '好的，谢谢！');
  await customerPage.screenshot({ path: resolve(dir, 'widget.png'), animations: 'disabled' });

  // A second customer waiting, so the console shows an offer with its countdown beside the conversation.
  const waiting = await connectHub(server.url, '/hubs/customer', 'customer', 'c-1004');
  const waitingEvents = new Inbox(waiting, 'Event');
  const { sessionId } = await waiting.invoke('StartSession', { channel: 'app', language: 'en' });
  const ack = await waiting.invoke('SendMessage', { sessionId, clientMessageId: crypto.randomUUID(), text: 'My hair dryer arrived broken, I want a replacement.' });
  await waitingEvents.waitFor(e => e.seq > ack.seq && e.sender?.role === 'bot', 'a bot answer');
  await waiting.invoke('RequestAgent', { sessionId });
  await agentPage.locator(`[data-testid="offer"][data-session-id="${sessionId}"]`).waitFor();
  await agentPage.locator('[data-testid="conversation"]:visible [data-testid="message"][data-role="customer"]', { hasText: '好的，谢谢！' }).waitFor();
  await agentPage.screenshot({ path: resolve(dir, 'agent.png'), animations: 'disabled' });

  const opsPage = await open('/ops?lang=zh', { locale: 'zh-CN' });
  await opsPage.waitForFunction(() => JSON.parse(sessionStorage.getItem('conversations.ops.history') ?? '[]').length >= 5);
  await opsPage.screenshot({ path: resolve(dir, 'ops.png'), animations: 'disabled', fullPage: true });

  await agentPage.getByTestId('presence-offline').click();
  await waiting.stop();
  await Promise.all([agentPage, customerPage, opsPage].map(p => p.context().close()));
});

test('no page threw an uncaught error', () => {
  assert.deepEqual(ui.pageErrors, []);
});
