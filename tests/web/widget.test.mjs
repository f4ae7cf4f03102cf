// The customer widget in Chromium beyond the basic flow: quick replies, an order card, the queue position while
// waiting for a person, and the Chinese UI. One widget page (demo customer c-1001, who has orders) goes through
// the tests in order, as one customer would.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueId } from './support/server.mjs';
import { onlineAgent, customerAskingForAPerson } from './support/hub.mjs';
import { onePageSuite, botAnswerAfter } from './support/browser.mjs';

const suite = onePageSuite('/?customer=c-1001&lang=en');

const customerMessage = text => suite.page.locator('[data-testid="message"][data-role="customer"]', { hasText: text });

test('tapping a quick reply sends its text and the bot answers it', async () => {
  await suite.page.getByTestId('quick-reply').filter({ hasText: "Where's my order" }).click();

  const sent = customerMessage('Where is my order?');
  await sent.and(suite.page.locator('[data-seq]:not(.is-pending)')).waitFor();
  assert.equal(await sent.count(), 1, 'sent once');
  // The bot asks which order, offering the customer's orders as quick replies of their own.
  const answer = botAnswerAfter(suite.page, 'Where is my order?');
  await answer.waitFor();
  assert.match(await answer.innerText(), /Which order is this about\?/);
  await answer.getByTestId('quick-reply').filter({ hasText: '9305' }).waitFor();
});

test('an order question is answered with the order card', async () => {
  await botAnswerAfter(suite.page, 'Where is my order?').getByTestId('quick-reply').filter({ hasText: '9305' }).click();
  await customerMessage('Order 2026111100009305').waitFor();

  const card = suite.page.getByTestId('order-card');
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /2026111100009305/);
  assert.match(text, /羊毛混纺针织开衫 米白 M/);
  assert.match(text, /Shipped/);
  assert.match(text, /YTO/);
  assert.match(text, /YT7701234567801/);
  // The card sits in a bot message, after the question it answers.
  assert.equal(await suite.page.locator('[data-testid="message"][data-role="bot"] [data-testid="order-card"]').count(), 1);
});

test('a quick_replies event without text is still a message the tests and screen readers find', async () => {
  const drawn = await suite.page.evaluate(async () => {
    const { Transcript } = await import('/js/transcript.js');
    const list = document.createElement('div');
    const transcript = new Transcript(list, { viewer: 'customer', selfRole: 'customer' });
    transcript.reset('s-probe');
    transcript.add({ sessionId: 's-probe', seq: 1, kind: 'quick_replies', sender: { role: 'bot' }, at: new Date().toISOString(), data: { options: ['Returns', 'Coupons'] } });
    const el = list.firstElementChild;
    return { testid: el?.dataset.testid, role: el?.dataset.role, chips: [...list.querySelectorAll('[data-testid="quick-reply"]')].map(c => c.textContent) };
  });
  assert.deepEqual(drawn, { testid: 'message', role: 'bot', chips: ['Returns', 'Coupons'] });
});

test('while the customer waits for a person, the widget shows the place in the queue', async () => {
  // The only agent is busy with someone else, so the widget's session has to wait (and keeps waiting, in first
  // place, for the rest of the file).
  const agent = await onlineAgent(suite.server.url, uniqueId('a-busy'), { capacity: 1 });
  suite.cleanUp.push(agent.stop);
  const other = await customerAskingForAPerson(suite.server.url, uniqueId('c-first'));
  suite.cleanUp.push(() => other.connection.stop());
  const offer = await agent.offers.waitFor(o => o.sessionId === other.sessionId, 'the first customer’s offer');
  await agent.connection.invoke('AcceptOffer', { offerId: offer.offerId });

  await suite.page.getByTestId('request-agent').click();

  const queue = suite.page.getByTestId('queue-position');
  await queue.waitFor({ state: 'visible' });
  await suite.page.waitForFunction(() => /number 1 in line/.test(document.querySelector('[data-testid="queue-position"]').innerText));
  assert.match(await queue.innerText(), /^You are number 1 in line · about 3 min\n/);
  assert.equal(await suite.page.getByTestId('session-status').getAttribute('data-status'), 'queued');
  assert.equal(await suite.page.getByTestId('request-agent').isDisabled(), true, 'no second request while queued');
});

test('switching to 中文 shows the widget in Chinese, the conversation unchanged', async () => {
  const messages = await suite.page.locator('[data-testid="message"]').count();

  await suite.page.locator('[data-lang-option="zh"]').click();

  await suite.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await suite.page.locator('#widget-title').innerText(), '在线客服');
  assert.equal(await suite.page.getByTestId('request-agent').innerText(), '转人工');
  assert.equal(await suite.page.getByTestId('composer').getAttribute('placeholder'), '请输入您的问题…');
  assert.equal(await suite.page.getByTestId('send').innerText(), '发送');
  assert.match(await suite.page.getByTestId('queue-position').innerText(), /^您前面还有 1 位 · 预计 3 分钟\n/);
  assert.match(await suite.page.getByTestId('order-card').innerText(), /已发货/);
  assert.equal(await suite.page.locator('[data-lang-option="zh"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await suite.page.locator('[data-testid="message"]').count(), messages, 'every message redrawn once');
});

test('no page threw an uncaught error', () => {
  assert.deepEqual(suite.ui.pageErrors, []);
});
