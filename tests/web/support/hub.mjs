// The official @microsoft/signalr client under Node, plus an inbox to wait on pushed messages.

import * as signalR from '@microsoft/signalr';
import { devToken } from './server.mjs';

export const DEFAULT_TIMEOUT_MS = Number(process.env.CONVERSATIONS_WAIT_MS ?? 20_000);

/** Connects to `path` on the server with a dev token for { role, id }. */
export async function connectHub(url, path, role, id) {
  const token = await devToken(url, role, id);
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${url}${path}`, { accessTokenFactory: () => token, transport: signalR.HttpTransportType.WebSockets })
    // Failures surface as rejected calls; the client's own console logging would only add noise to the test output.
    .configureLogging(signalR.LogLevel.None)
    .build();
  await connection.start();
  return connection;
}

/**
 * Collects every push of one kind; waitFor resolves with the first (already seen or future) item
 * matching a predicate, or fails after a deadline listing what did arrive.
 */
export class Inbox {
  constructor(connection, method) {
    this.method = method;
    this.items = [];
    this.waiters = new Set();
    connection.on(method, item => {
      this.items.push(item);
      for (const waiter of [...this.waiters]) waiter(item);
    });
  }

  waitFor(predicate, description, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const seen = this.items.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = item => {
        if (!predicate(item)) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(item);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.items.slice(-12).map(summarize).join('\n  ');
        reject(new Error(`No ${this.method} matching "${description}" within ${timeoutMs} ms. Last ones:\n  ${recent || '(none)'}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

function summarize(item) {
  if (item && typeof item === 'object' && 'seq' in item) {
    return `#${item.seq} ${item.kind} ${item.sender?.role ?? ''} ${JSON.stringify(item.text ?? item.data ?? '').slice(0, 80)}`;
  }
  return JSON.stringify(item).slice(0, 160);
}

/** Awaits a hub call expected to fail and returns the error's message (which starts with the E_ code). */
export async function hubError(promise) {
  try {
    await promise;
  } catch (error) {
    return String(error?.message ?? error);
  }
  throw new Error('Expected the hub call to fail, but it succeeded.');
}

export { signalR };
