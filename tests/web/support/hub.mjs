// The official @microsoft/signalr client under Node, plus an inbox to wait on pushed messages.

import * as signalR from '@microsoft/signalr';
import { devToken } from './server.mjs';

export const DEFAULT_TIMEOUT_MS = Number(process.env.CONVERSATIONS_WAIT_MS ?? 20_000);
export const ALL_SKILLS = ['presales', 'aftersales', 'complaints', 'general'];
export const ALL_LANGUAGES = ['zh', 'en'];

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
 * An agent online through the Node client, serving `skills` in `languages`: { connection, offers, events, stop }.
 * stop() goes offline (withdrawing its offers, handing its sessions back) and closes the connection.
 */
export async function onlineAgent(url, id, { skills = ALL_SKILLS, languages = ALL_LANGUAGES, capacity = 2 } = {}) {
  const connection = await connectHub(url, '/hubs/agent', 'agent', id);
  const agent = { connection, offers: new Inbox(connection, 'Offer'), events: new Inbox(connection, 'Event') };
  await connection.invoke('GoOnline', { skills, languages, capacity });
  agent.stop = async () => {
    await connection.invoke('GoOffline').catch(() => {});
    await connection.stop();
  };
  return agent;
}

/** A customer through the Node client who opened a session and asked for a person: { customerId, connection, events, sessionId }. */
export async function customerAskingForAPerson(url, id, { text, orderId, language = 'en' } = {}) {
  const connection = await connectHub(url, '/hubs/customer', 'customer', id);
  const events = new Inbox(connection, 'Event');
  const { sessionId } = await connection.invoke('StartSession', { channel: 'app', language, orderId });
  if (text) {
    const ack = await connection.invoke('SendMessage', { sessionId, clientMessageId: crypto.randomUUID(), text });
    await events.waitFor(e => e.seq > ack.seq && e.sender?.role === 'bot', 'a bot answer');
  }
  const { status } = await connection.invoke('RequestAgent', { sessionId });
  if (status !== 'queued') throw new Error(`RequestAgent answered ${status}, not queued: no agent serves the session?`);
  return { customerId: id, connection, events, sessionId };
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
