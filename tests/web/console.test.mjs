// The agent console in Chromium beyond accepting one offer: the offer countdown and declining, two conversations
// at once, suggested replies, transfer, and the Chinese UI. One console page (an agent online for every queue) goes
// through the tests in order, as one agent's shift would; customers and other agents are Node clients.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueId } from './support/server.mjs';
import { onlineAgent, customerAskingForAPerson } from './support/hub.mjs';
import { onePageSuite, goOnline, sendFromComposer } from './support/browser.mjs';

const suite = onePageSuite(`/agent?agent=${uniqueId('a-console')}&lang=en`, goOnline);

const offerCard = sessionId => suite.page.locator(`[data-testid="offer"][data-session-id="${sessionId}"]`);
const tab = sessionId => suite.page.locator(`[data-testid="conversation-tab"][data-session-id="${sessionId}"]`);
const conversation = sessionId => suite.page.locator(`[data-testid="conversation"][data-session-id="${sessionId}"]`);

async function agent(id, options) {
  const other = await onlineAgent(suite.server.url, uniqueId(id), options);
  suite.cleanUp.push(other.stop);
  return other;
}

async function customer(id, options) {
  const asking = await customerAskingForAPerson(suite.server.url, id, options);
  suite.cleanUp.push(() => asking.connection.stop());
  return asking;
}

async function accept(sessionId) {
  await offerCard(sessionId).getByTestId('accept-offer').click();
  await tab(sessionId).waitFor();
  await conversation(sessionId).and(suite.page.locator(':visible')).waitFor();
}

function secondsLeft(text) {
  const match = /^Expires in (\d+) s$/.exec(text);
  assert.ok(match, `countdown text "${text}"`);
  return Number(match[1]);
}

test('an offer counts down, and declining it sends the conversation to another agent', async () => {
  // Online after the console's agent, so the console (idle longer) is offered first.
  const backup = await agent('a-backup', { capacity: 1 });
  const asking = await customer(uniqueId('c-declined'));

  const card = offerCard(asking.sessionId);
  await card.waitFor();
  const countdown = card.getByTestId('offer-countdown');
  const first = secondsLeft(await countdown.innerText());
  assert.ok(first >= 1 && first <= 20, `${first} s left of a 20 s offer`);
  await suite.page.waitForFunction(
    ([sessionId, shown]) => Number(/(\d+)/.exec(document.querySelector(`[data-testid="offer"][data-session-id="${sessionId}"] [data-testid="offer-countdown"]`).textContent)[1]) < shown,
    [asking.sessionId, first]);

  await card.getByTestId('decline-offer').click();

  await card.waitFor({ state: 'detached' });
  // Well inside the offer's 20 s: only the decline, not an expiry, can have freed the session this soon.
  const handedOn = await backup.offers.waitFor(o => o.sessionId === asking.sessionId, 'the declined conversation offered to the backup agent', 10_000);
  assert.equal(handedOn.summary.customerId, asking.customerId);
  assert.equal(await suite.page.getByTestId('offer').count(), 0);
  await asking.connection.invoke('CloseSession', { sessionId: asking.sessionId });
  await backup.stop();
});

test('two conversations at once: each in its own tab, unread counted, replies reach the right customer', async () => {
  const one = await customer(uniqueId('c-one'));
  await accept(one.sessionId);
  const two = await customer(uniqueId('c-two'));
  await accept(two.sessionId);

  // The conversation accepted last is open; a message in the other one is counted on its tab.
  await one.connection.invoke('SendMessage', { sessionId: one.sessionId, clientMessageId: crypto.randomUUID(), text: 'One here: has it shipped?' });
  await tab(one.sessionId).getByTestId('unread').filter({ hasText: /^1$/ }).waitFor();
  assert.equal(await tab(two.sessionId).getByTestId('unread').count(), 0);

  await tab(one.sessionId).click();
  await conversation(one.sessionId).locator('[data-testid="message"][data-role="customer"]', { hasText: 'One here: has it shipped?' }).waitFor();
  assert.equal(await conversation(two.sessionId).isVisible(), false);
  assert.equal(await tab(one.sessionId).getByTestId('unread').count(), 0, 'read once opened');
  await sendFromComposer(suite.page, 'Reply for customer one.', 'agent');
  await one.events.waitFor(e => e.sender?.role === 'agent' && e.text === 'Reply for customer one.', 'the reply in conversation one');

  await tab(two.sessionId).click();
  await sendFromComposer(suite.page, 'Reply for customer two.', 'agent');
  await two.events.waitFor(e => e.sender?.role === 'agent' && e.text === 'Reply for customer two.', 'the reply in conversation two');
  assert.equal(await conversation(two.sessionId).getByText('Reply for customer one.').count(), 0);
  assert.ok(!one.events.items.some(e => e.text === 'Reply for customer two.'), 'customer one never got the other reply');
  assert.ok(!two.events.items.some(e => e.text === 'Reply for customer one.'), 'customer two never got the other reply');
});

test('suggested replies are shown for the open conversation, and one tap puts one in the composer', async () => {
  // Demo customer c-1001 asks about an order of theirs: the bot drafts replies from the order.
  const asking = await customer('c-1001', { orderId: '2026111100009305' });
  await accept(asking.sessionId);

  // The one drafted from the order names its tracking number.
  const fromTheOrder = suite.page.getByTestId('suggestion').filter({ hasText: 'YT7701234567801' });
  await fromTheOrder.waitFor();
  await fromTheOrder.click();
  const text = await suite.page.getByTestId('composer').inputValue();
  assert.match(text, /^Order 2026111100009305 shipped on .+ with YTO \(tracking number YT7701234567801\)/);

  await suite.page.getByTestId('send').click();
  await asking.events.waitFor(e => e.sender?.role === 'agent' && e.text === text, 'the suggested reply');
});

test('transfer hands the open conversation to another queue and closes it in this console, and a resolve clicked with it does nothing', async () => {
  const sessionId = await suite.page.locator('[data-testid="conversation"]:visible').getAttribute('data-session-id');
  const specialist = await agent('a-aftersales', { skills: ['aftersales'], languages: ['en'] });
  const open = conversation(sessionId);

  await open.getByTestId('transfer-queue').selectOption('aftersales:en');
  // Both buttons in one go, as a hurried double click would: only the first action may reach the server.
  await open.evaluate(element => {
    const [transfer, resolve] = ['transfer', 'resolve'].map(id => element.querySelector(`[data-testid="${id}"]`));
    transfer.click();
    resolve.click();
  });

  const offer = await specialist.offers.waitFor(o => o.sessionId === sessionId, 'the transferred conversation');
  assert.equal(offer.queue, 'aftersales:en');
  assert.equal(offer.summary.reason, 'transfer');
  await open.getByText('This conversation has ended (transferred).').waitFor();
  assert.equal(await open.getByTestId('transfer').count(), 0, 'no actions left on it');
  assert.equal(await open.locator('[role="alert"]').count(), 0, 'the resolve was not sent, so nothing came back refused');
  assert.equal(await suite.page.getByTestId('composer').isDisabled(), true);
});

test('switching to 中文 shows the console in Chinese', async () => {
  await suite.page.locator('[data-lang-option="zh"]').click();

  await suite.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await suite.page.locator('#offers-title [data-i18n="agent.offers"]').innerText(), '待接入');
  assert.equal(await suite.page.getByTestId('presence-available').innerText(), '在线');
  assert.equal(await suite.page.locator('[data-testid="conversation"]:visible').getByText('会话已结束（transferred）。').count(), 1);
  const stillOpen = suite.page.locator('[data-testid="conversation"]').filter({ has: suite.page.getByTestId('transfer') }).first();
  assert.equal(await stillOpen.getByTestId('transfer').innerText(), '转接');
  assert.equal(await suite.page.getByTestId('presence-available').getAttribute('aria-checked'), 'true', 'still online');
});

test('no page threw an uncaught error', () => {
  assert.deepEqual(suite.ui.pageErrors, []);
});
