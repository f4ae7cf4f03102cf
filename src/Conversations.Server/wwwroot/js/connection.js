// Tokens, REST calls and a SignalR connection that keeps coming back. The SignalR browser bundle is
// loaded as a classic script (wwwroot/lib/signalr.min.js) and exposes the global `signalR`.

const TOKEN_LIFETIME_MS = 20 * 60 * 1000;
// SignalR's own reconnect covers short blips; after this long we stop it and fall back to our own
// slower loop plus the banner's "retry now", so a laptop waking from sleep does not wait minutes.
const AUTOMATIC_RECONNECT_MS = 45_000;
const AUTOMATIC_DELAYS = [0, 1000, 2000, 4000, 8000];
const MANUAL_DELAYS = [2000, 5000, 10000, 20000, 30000];

/** Where a token comes from: `?token=` (shops running `jwt` auth), else the dev endpoint. */
export class TokenSource {
  constructor(role, id) {
    this.role = role;
    this.id = id;
    this._token = null;
    this._fetchedAt = 0;
  }

  async get() {
    const supplied = new URLSearchParams(location.search).get('token');
    if (supplied) return supplied;
    if (this._token && Date.now() - this._fetchedAt < TOKEN_LIFETIME_MS) return this._token;
    const response = await fetch('/api/dev/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: this.role, id: this.id }),
    });
    if (!response.ok) throw new Error(await problemText(response));
    const body = await response.json();
    if (!body?.token) throw new Error('The token endpoint answered without a token.');
    this._token = body.token;
    this._fetchedAt = Date.now();
    return this._token;
  }

  /** Forget the cached token, e.g. after the server restarted with a new signing key. */
  invalidate() {
    this._token = null;
  }
}

async function problemText(response) {
  let detail = '';
  try {
    const body = await response.json();
    detail = [body.code, body.detail ?? body.title].filter(Boolean).join(' ');
  } catch {
    // Not problem+json: the status line is all there is.
  }
  return detail || `HTTP ${response.status} ${response.statusText}`.trim();
}

/** GET/PUT/POST a JSON REST endpoint with the bearer token; throws with the problem code on failure. */
export async function api(tokens, path, { method = 'GET', body } = {}) {
  const headers = { authorization: `Bearer ${await tokens.get()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) tokens.invalidate();
  if (!response.ok) throw new Error(await problemText(response));
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * A hub connection with states the UI can show: connecting, connected, reconnecting, disconnected.
 * `onReady(isReconnect)` runs after every successful (re)connect; that is where a page re-joins its
 * sessions and fetches what it missed.
 */
export class LiveConnection {
  constructor({ hubUrl, tokens, onReady, onState }) {
    if (!globalThis.signalR) throw new Error('The SignalR client (lib/signalr.min.js) did not load.');
    this.tokens = tokens;
    this.onReady = onReady;
    this.onState = onState ?? (() => {});
    this.state = 'idle';
    this._attempt = 0;
    this._timer = null;
    this._stopping = false;
    this._restarting = false;

    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(hubUrl, { accessTokenFactory: () => this.tokens.get() })
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: context =>
          context.elapsedMilliseconds > AUTOMATIC_RECONNECT_MS
            ? null
            : AUTOMATIC_DELAYS[Math.min(context.previousRetryCount, AUTOMATIC_DELAYS.length - 1)],
      })
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    this.connection.onreconnecting(() => this._setState('reconnecting'));
    this.connection.onreconnected(() => this._connected(true));
    this.connection.onclose(() => {
      if (this._stopping || this._restarting) return;
      this._setState('disconnected');
      this._scheduleRetry();
    });
    addEventListener('online', () => {
      if (this.state === 'disconnected') this.retryNow();
    });
  }

  on(name, handler) {
    this.connection.on(name, handler);
  }

  invoke(method, ...args) {
    return this.connection.invoke(method, ...args);
  }

  get connected() {
    return this.state === 'connected';
  }

  async start() {
    this._stopping = false;
    await this._connect(false);
  }

  async stop() {
    this._stopping = true;
    clearTimeout(this._timer);
    await this.connection.stop();
    this._setState('idle');
  }

  /** The banner's button: cut a slow automatic reconnect short, or try again at once when given up. */
  async retryNow() {
    if (this._stopping || this.state === 'connected' || this.state === 'connecting') return;
    clearTimeout(this._timer);
    if (this.connection.state !== signalR.HubConnectionState.Disconnected) {
      this._restarting = true;
      try {
        await this.connection.stop();
      } finally {
        this._restarting = false;
      }
    }
    await this._connect(true);
  }

  async _connect(isReconnect) {
    this._setState(isReconnect ? 'reconnecting' : 'connecting');
    try {
      await this.connection.start();
    } catch (error) {
      if (this._stopping) return;
      this.tokens.invalidate();
      this._setState('disconnected', error);
      this._scheduleRetry();
      return;
    }
    await this._connected(isReconnect);
  }

  async _connected(isReconnect) {
    this._attempt = 0;
    this._setState('connected');
    try {
      await this.onReady?.(isReconnect);
    } catch (error) {
      console.error('Re-joining after connect failed', error);
    }
  }

  _scheduleRetry() {
    clearTimeout(this._timer);
    const delay = MANUAL_DELAYS[Math.min(this._attempt++, MANUAL_DELAYS.length - 1)];
    this._timer = setTimeout(() => this._connect(true), delay);
  }

  _setState(state, error) {
    this.state = state;
    this.onState(state, error);
  }
}

/** Shows the reconnect banner for connection states other than "connected". */
export function bindBanner(banner, live, t) {
  const text = banner.querySelector('[data-banner-text]');
  const retry = banner.querySelector('[data-banner-retry]');
  retry.addEventListener('click', async () => {
    retry.disabled = true;
    retry.textContent = t('common.retrying');
    try {
      await live.retryNow();
    } finally {
      retry.disabled = false;
      retry.textContent = t('common.retry');
    }
  });
  return function show(state) {
    banner.dataset.state = state;
    banner.hidden = state === 'connected' || state === 'idle';
    banner.classList.toggle('is-offline', state === 'disconnected');
    const key = state === 'connecting' ? 'common.connecting' : state === 'reconnecting' ? 'common.reconnecting' : 'common.disconnected';
    text.textContent = t(key);
    retry.textContent = t('common.retry');
    retry.hidden = state === 'connecting';
  };
}
