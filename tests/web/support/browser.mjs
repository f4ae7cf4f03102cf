// Debian's Chromium through playwright-core, and the steps the browser tests share.

import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer, devToken } from './server.mjs';

const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
export const WAIT_MS = 25_000;
export const VIEWPORT = { width: 1360, height: 860 };

/**
 * Launches the browser for a test file against `serverUrl`. `open(path, options)` opens a page in a fresh context,
 * running `init(arg)` in it before the page's own scripts when given; every uncaught page error lands in `pageErrors`,
 * which the file's last test expects to be empty.
 */
export async function launchBrowser(serverUrl) {
  const browser = await chromium.launch(LAUNCH);
  const pageErrors = [];
  async function open(path, { locale = 'en-US', viewport = VIEWPORT, init = null, arg } = {}) {
    const context = await browser.newContext({ locale, viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    if (init) await page.addInitScript(init, arg);
    page.setDefaultTimeout(WAIT_MS);
    page.on('pageerror', error => pageErrors.push(`${path}: ${error.message}`));
    await page.goto(`${serverUrl}${path}`);
    return page;
  }
  return { browser, open, pageErrors, close: () => browser.close() };
}

export async function composerReady(page) {
  await page.waitForFunction(() => {
    const composer = document.querySelector('[data-testid="composer"]');
    return composer && !composer.disabled;
  });
}

/** Types `text` into the composer, sends it and waits until the page shows it as the user's own message. */
export async function sendFromComposer(page, text, role = 'customer') {
  await composerReady(page);
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
  await page.locator(`[data-testid="message"][data-role="${role}"]`, { hasText: text }).waitFor();
}

/** A bot message drawn after the customer's message: transcript order is seq order. */
export function botAnswerAfter(page, text) {
  return page.locator(`[data-testid="message"][data-role="customer"]:has-text(${JSON.stringify(text)}) ~ [data-testid="message"][data-role="bot"]`).first();
}

export async function goOnline(agentPage) {
  await agentPage.getByTestId('go-online').click();
  await agentPage.locator('[data-testid="presence-available"][aria-checked="true"]').waitFor();
}

/**
 * A test file that drives one page through its tests in order: before them, the server starts, the browser launches
 * and `path` opens (then `ready(page)` runs); after them, the steps pushed on `cleanUp` run last first, then the
 * browser and the server stop. Returns { server, ui, page, cleanUp }, filled in once the file's tests run.
 */
export function onePageSuite(path, ready = async () => {}) {
  const suite = { server: null, ui: null, page: null, cleanUp: [] };
  before(async () => {
    suite.server = await startServer();
    suite.ui = await launchBrowser(suite.server.url);
    suite.page = await suite.ui.open(path);
    await ready(suite.page);
  });
  after(async () => {
    for (const step of suite.cleanUp.reverse()) await step();
    await suite.ui?.close();
    await suite.server?.stop();
  });
  return suite;
}

/**
 * Runs in the page (open's `init`): the hub's answers to invocations of `method` are held back until
 * `window.releaseAnswers()` (which returns how many it let through). The server may send pushed events ahead of an
 * answer it computed earlier; this makes that ordering happen on purpose.
 */
export function holdAnswers(method) {
  const Native = window.WebSocket;
  const held = [];
  const invocations = new Set();
  const records = data => String(data).split('\x1e').filter(Boolean);
  window.WebSocket = class extends Native {
    send(data) {
      for (const record of records(data)) {
        const message = JSON.parse(record);
        if (message.target === method) invocations.add(message.invocationId);
      }
      super.send(data);
    }

    get onmessage() {
      return super.onmessage;
    }

    set onmessage(handler) {
      super.onmessage = event => {
        const passed = [];
        for (const record of records(event.data)) {
          const message = JSON.parse(record);
          if (message.type === 3 && invocations.has(message.invocationId)) held.push({ handler, record });
          else passed.push(record);
        }
        if (passed.length) handler({ data: passed.map(r => `${r}\x1e`).join('') });
      };
    }
  };
  window.releaseAnswers = () => {
    const released = held.splice(0);
    for (const { handler, record } of released) handler({ data: `${record}\x1e` });
    return released.length;
  };
}

/**
 * Runs in the page (open's `init`): keeps hold of the page's sockets, so `window.dropSockets()` cuts them as a network
 * drop would, and notes the last hub messages each way in `window.hubTraffic` for widgetReport.
 */
export function trackSockets() {
  const Native = window.WebSocket;
  const sockets = [];
  const traffic = [];
  window.hubTraffic = traffic;
  const note = (direction, data) => {
    for (const record of String(data).split('\x1e').filter(Boolean)) {
      let message;
      try {
        message = JSON.parse(record);
      } catch {
        continue;
      }
      const event = message.target === 'Event' ? message.arguments?.[0] : null;
      const what = event
        ? `Event #${event.seq} ${event.kind} ${event.data?.status ?? ''}`
        : message.type === 1 ? `${message.target} (call ${message.invocationId ?? '-'})`
          : message.type === 3 ? `answer to call ${message.invocationId}: ${message.error ?? JSON.stringify(message.result)?.slice(0, 80)}`
            : null;
      if (!what) continue;
      traffic.push(`${Math.round(performance.now())} ms ${direction} ${what}`);
      if (traffic.length > 60) traffic.shift();
    }
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      sockets.push(this);
      this.addEventListener('message', e => note('in ', e.data));
    }

    send(data) {
      note('out', data);
      super.send(data);
    }
  };
  window.dropSockets = () => sockets.splice(0).forEach(s => s.close(4000, 'test drop'));
}

/**
 * What the widget shows beside what the server knows, so a failed wait explains itself: the session's status
 * (GET /api/sessions/{id} with the customer's token), the widget's data-status, the events it drew and, with
 * trackSockets installed, its last hub messages.
 */
export async function widgetReport(page, serverUrl, customerId, sessionId) {
  const lines = [];
  try {
    const token = await devToken(serverUrl, 'customer', customerId);
    const response = await fetch(`${serverUrl}/api/sessions/${sessionId}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.json();
    lines.push(`server: session ${sessionId} is ${body.status} (agent ${body.agentId ?? 'none'}, lastSeq ${body.lastSeq}; HTTP ${response.status})`);
  } catch (error) {
    lines.push(`server: GET /api/sessions/${sessionId} failed: ${error.message}`);
  }
  try {
    const shown = await page.evaluate(() => ({
      status: document.querySelector('[data-testid="session-status"]')?.dataset.status,
      drawn: [...document.querySelectorAll('[data-testid="message"]')]
        .map(e => `#${e.dataset.seq ?? '-'} ${e.dataset.kind} ${e.dataset.role} ${e.textContent.trim().replace(/\s+/g, ' ').slice(0, 60)}`),
      traffic: window.hubTraffic ?? [],
    }));
    lines.push(`widget: data-status="${shown.status}"`, 'drawn:', ...shown.drawn.map(d => `  ${d}`));
    if (shown.traffic.length) lines.push('hub messages:', ...shown.traffic.map(t => `  ${t}`));
  } catch (error) {
    lines.push(`widget: could not be read: ${error.message}`);
  }
  return lines.join('\n');
}

/** Awaits `waiting`; if it fails, the error also carries `report()`'s account of the state things are in. */
export async function explained(waiting, report) {
  try {
    return await waiting;
  } catch (error) {
    const account = await report().catch(e => `(no report: ${e.message})`);
    error.message = `${error.message}\n${account}`;
    throw error;
  }
}
