// The customer chat widget: one session over /hubs/customer, optimistic sends acknowledged by seq,
// and a reconnect that replays exactly what was missed.

import { $, h, newId, stickToBottom } from './dom.js';
import { t, initLanguageSwitch, lang, languageWasChosen } from './i18n.js';
import { TokenSource, LiveConnection, bindBanner } from './connection.js';
import { Transcript } from './transcript.js';
import { duration, errorCode, errorText } from './format.js';

const DEMO_CUSTOMERS = Array.from({ length: 12 }, (_, i) => `c-${1001 + i}`);
const HISTORY_PAGE = 200;
const GAP_GRACE_MS = 300;
const PERMANENT_ERRORS = new Set(['E_BAD_REQUEST', 'E_FORBIDDEN', 'E_CONFLICT', 'E_NOT_FOUND', 'E_UNAUTHORIZED']);

const params = new URLSearchParams(location.search);
const customerId = (params.get('customer') || 'c-1001').trim();

const ui = {
  messages: $('#messages'),
  composer: $('#composer'),
  form: $('#composer-form'),
  send: $('#send'),
  talk: $('#talk-to-person'),
  close: $('#close-session'),
  closeConfirm: $('#close-confirm'),
  status: $('#session-status'),
  statusText: $('#session-status [data-status-text]'),
  queue: $('#queue-panel'),
  queueText: $('#queue-panel [data-queue-text]'),
  toast: $('#toast'),
  banner: $('#reconnect-banner'),
};

const state = {
  session: null, // { sessionId, status }
  status: 'connecting',
  // The seq the shown status is true as of. Answers and pushes share the socket in no promised order (an agent may
  // accept before RequestAgent's "queued" answer arrives), so an older word must never undo a newer one.
  statusSeq: 0,
  agentName: null,
  queue: null, // { position, etaSeconds }
  outbox: [], // pending transcript entries still to be stored by the server
  catchingUp: null,
  catchUpAgain: false,
  gapTimer: null,
};

const transcript = new Transcript(ui.messages, {
  viewer: 'customer',
  selfRole: 'customer',
  customerLabel: () => t('common.you'),
  onQuickReply: text => send(text),
  onRate: rate,
  isRated: sessionId => sessionStorage.getItem(ratedKey(sessionId)) === '1',
  onNewConversation: () => startNewConversation(),
  onRetry: entry => deliver(entry),
  onEvent: applyEvent,
});
const scroller = stickToBottom(ui.messages);

const live = new LiveConnection({
  hubUrl: '/hubs/customer',
  tokens: new TokenSource('customer', customerId),
  onReady: join,
  onState: connectionState,
});
const showBanner = bindBanner(ui.banner, live, t);
live.on('Event', onPushedEvent);

// ------------------------------------------------------------------ session lifecycle

async function join(isReconnect) {
  // Catch up on the session we had first: it may have ended while we were away, and then
  // StartSession would quietly open a new one.
  if (isReconnect && state.session) await catchUp();
  if (state.session && transcript.ended) return;
  const started = await startSession();
  if (!started) return;
  if (!state.session || started.sessionId !== state.session.sessionId) {
    state.session = { sessionId: started.sessionId };
    transcript.reset(started.sessionId);
    state.statusSeq = 0;
    state.agentName = null;
    state.queue = null;
  }
  setStatus(started.status, Number(started.lastSeq) || 0);
  await catchUp();
  flushOutbox();
}

/** StartSession, waiting out admission control (E_OVERLOADED) instead of failing the page. */
async function startSession() {
  for (let attempt = 0; live.connected; attempt++) {
    try {
      const request = { channel: 'web' };
      if (languageWasChosen()) request.language = lang();
      const started = await live.invoke('StartSession', request);
      hideToast();
      return started;
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'E_OVERLOADED' && code !== 'E_RATE_LIMITED') {
        showToast(t('common.error', { error: errorText(error) }));
        return null;
      }
      const waitSeconds = retryHint(error) ?? Math.min(30, 3 * (attempt + 1));
      showToast(t('common.error', { error: errorText(error) }));
      await new Promise(resolve => setTimeout(resolve, waitSeconds * 1000));
    }
  }
  return null;
}

function retryHint(error) {
  const match = /retry\D{0,20}(\d+)\s*s/i.exec(String(error?.message ?? ''));
  return match ? Number(match[1]) : null;
}

async function startNewConversation() {
  state.session = null;
  transcript.reset(null);
  state.statusSeq = 0;
  setStatus('connecting');
  if (live.connected) await join(false);
}

/**
 * GetHistory after the last seq on screen, page by page; pushes that race with it are deduplicated
 * by seq in the transcript. Concurrent callers share one run (and ask for one more if needed).
 */
function catchUp() {
  if (!state.session) return Promise.resolve();
  if (state.catchingUp) {
    state.catchUpAgain = true;
    return state.catchingUp;
  }
  state.catchingUp = (async () => {
    try {
      do {
        state.catchUpAgain = false;
        let afterSeq = transcript.lastSeq;
        for (;;) {
          const sessionId = state.session?.sessionId;
          if (!sessionId || !live.connected) return;
          const batch = await live.invoke('GetHistory', { sessionId, afterSeq, limit: HISTORY_PAGE });
          if (sessionId !== state.session?.sessionId) return;
          for (const event of batch) transcript.add(event);
          if (batch.length < HISTORY_PAGE) {
            transcript.settle();
            break;
          }
          afterSeq = Math.max(afterSeq + 1, Number(batch.at(-1).seq));
        }
      } while (state.catchUpAgain);
    } catch (error) {
      console.warn('GetHistory failed', error);
    } finally {
      state.catchingUp = null;
    }
  })();
  return state.catchingUp;
}

function onPushedEvent(event) {
  if (!state.session || event?.sessionId !== state.session.sessionId) return;
  transcript.add(event);
  watchForGap();
}

/** A seq that skips ahead means a push was lost (or is still in flight): give it a moment, then ask. */
function watchForGap() {
  if (!transcript.hasGap || state.gapTimer) return;
  state.gapTimer = setTimeout(() => {
    state.gapTimer = null;
    if (transcript.hasGap) catchUp();
  }, GAP_GRACE_MS);
}

function applyEvent(event) {
  const data = event.data ?? {};
  const seq = Number(event.seq) || 0;
  switch (event.kind) {
    case 'status':
      if (data.status) setStatus(data.status, seq);
      break;
    case 'queue_position':
      state.queue = { position: data.position, etaSeconds: data.etaSeconds };
      renderQueue();
      break;
    case 'agent_joined':
      state.agentName = data.name ?? event.sender?.name ?? data.agentId ?? null;
      setStatus('assigned', seq);
      break;
    case 'agent_left':
      state.agentName = null;
      renderStatus();
      break;
    case 'message':
      if (event.sender?.role === 'agent' && event.sender.name) state.agentName = event.sender.name;
      break;
    case 'closed':
      setStatus(data.status === 'abandoned' ? 'abandoned' : 'closed', seq);
      break;
    default:
      break;
  }
}

/**
 * Shows `status` if it is at least as new as the one shown: `asOf` is the seq it is true as of (an event's seq,
 * StartSession's lastSeq); without one it is taken as current. A stale one still redraws (the agent's name may be new).
 */
function setStatus(status, asOf = state.statusSeq) {
  if (asOf >= state.statusSeq) {
    state.status = status ?? state.status;
    state.statusSeq = asOf;
  }
  if (state.status !== 'queued') state.queue = null;
  renderStatus();
  renderQueue();
}

function renderStatus() {
  const s = state.status;
  let text;
  if (s === 'assigned') text = state.agentName ? t('widget.status.assigned', { name: state.agentName }) : t('widget.status.assignedNoName');
  else text = t(`widget.status.${s}`);
  ui.statusText.textContent = text;
  ui.status.dataset.status = s;
  const ended = s === 'closed' || s === 'abandoned';
  ui.composer.disabled = ended || !state.session;
  ui.send.disabled = ended || !state.session;
  ui.talk.disabled = ended || !state.session || s === 'queued' || s === 'assigned';
  ui.close.disabled = ended || !state.session;
}

function renderQueue() {
  const queued = state.status === 'queued';
  ui.queue.hidden = !queued;
  if (!queued) return;
  const q = state.queue;
  ui.queueText.textContent = q && q.position > 0
    ? t('widget.queue', { position: q.position, eta: duration(q.etaSeconds) })
    : t('widget.queueNoPosition');
}

// ------------------------------------------------------------------ sending

function send(rawText) {
  const text = String(rawText ?? '').trim();
  if (!text || !state.session || transcript.ended) return;
  const entry = transcript.addPending(newId(), text);
  state.outbox.push(entry);
  scroller.scrollToBottom();
  deliver(entry);
}

async function deliver(entry) {
  if (!state.session) return;
  if (!live.connected) {
    transcript.setPendingState(entry, 'offline');
    return;
  }
  transcript.setPendingState(entry, 'sending');
  try {
    // The same clientMessageId on every retry: the server answers a repeat with the original seq.
    const result = await live.invoke('SendMessage', { sessionId: state.session.sessionId, clientMessageId: entry.id, text: entry.text });
    state.outbox = state.outbox.filter(e => e !== entry);
    transcript.confirm(entry, Number(result.seq));
    watchForGap();
  } catch (error) {
    const code = errorCode(error);
    if (!live.connected) {
      transcript.setPendingState(entry, 'offline');
    } else if (PERMANENT_ERRORS.has(code)) {
      state.outbox = state.outbox.filter(e => e !== entry);
      transcript.setPendingState(entry, 'failed-permanent', errorText(error));
    } else {
      transcript.setPendingState(entry, 'failed');
    }
  }
}

function flushOutbox() {
  for (const entry of [...state.outbox]) {
    if (entry.state === 'offline' || entry.state === 'failed') deliver(entry);
  }
}

async function requestAgent() {
  if (!state.session) return;
  ui.talk.disabled = true;
  try {
    const asked = state.statusSeq;
    const result = await live.invoke('RequestAgent', { sessionId: state.session.sessionId });
    // The answer has no seq: a status event that came meanwhile (the agent accepted already) is newer than it.
    if (result?.status && state.statusSeq === asked) setStatus(result.status);
  } catch (error) {
    showToast(t('widget.requestFailed', { error: errorText(error) }));
    renderStatus();
  }
}

async function closeSession() {
  if (!state.session) return;
  try {
    const asked = state.statusSeq;
    const result = await live.invoke('CloseSession', { sessionId: state.session.sessionId });
    if (result?.status && state.statusSeq === asked) setStatus(result.status);
    await catchUp();
  } catch (error) {
    showToast(t('common.error', { error: errorText(error) }));
  }
}

async function rate(sessionId, score, comment) {
  const result = await live.invoke('RateSession', { sessionId, score, comment });
  if (result && result.ok === false) throw new Error('rating refused');
  sessionStorage.setItem(ratedKey(sessionId), '1');
}

function ratedKey(sessionId) {
  return `conversations.rated.${sessionId}`;
}

// ------------------------------------------------------------------ chrome

function connectionState(connectionStateName) {
  showBanner(connectionStateName);
  if (connectionStateName !== 'connected') {
    for (const entry of state.outbox) if (entry.state === 'sending') transcript.setPendingState(entry, 'offline');
  }
  if (!state.session) {
    ui.statusText.textContent = t('widget.status.connecting');
  }
}

let toastTimer = null;
function showToast(text) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(hideToast, 8000);
}

function hideToast() {
  ui.toast.hidden = true;
}

function wireUp() {
  initLanguageSwitch();

  const customerInput = $('#customer-id');
  customerInput.value = customerId;
  $('#demo-customers').append(...DEMO_CUSTOMERS.map(id => h('option', { value: id })));
  $('#customer-form').addEventListener('submit', e => {
    e.preventDefault();
    const next = customerInput.value.trim();
    if (!next || next === customerId) return;
    const url = new URL(location.href);
    url.searchParams.set('customer', next);
    location.assign(url);
  });

  ui.form.addEventListener('submit', e => {
    e.preventDefault();
    const text = ui.composer.value;
    if (!text.trim()) return;
    ui.composer.value = '';
    autosize();
    send(text);
    ui.composer.focus();
  });
  ui.composer.addEventListener('keydown', e => {
    // Enter sends; Shift+Enter breaks the line; never while an IME is composing Chinese.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      ui.form.requestSubmit();
    }
  });
  ui.composer.addEventListener('input', autosize);

  ui.talk.addEventListener('click', requestAgent);
  ui.close.addEventListener('click', () => {
    ui.closeConfirm.hidden = false;
    $('#close-yes').focus();
  });
  $('#close-no').addEventListener('click', () => {
    ui.closeConfirm.hidden = true;
  });
  $('#close-yes').addEventListener('click', () => {
    ui.closeConfirm.hidden = true;
    closeSession();
  });

  document.addEventListener('langchange', () => {
    transcript.rerender();
    renderStatus();
    renderQueue();
    showBanner(live.state);
  });

  renderStatus();
  ui.statusText.textContent = t('widget.status.connecting');
}

function autosize() {
  ui.composer.style.height = 'auto';
  ui.composer.style.height = `${Math.min(ui.composer.scrollHeight, 140)}px`;
}

wireUp();
live.start();
