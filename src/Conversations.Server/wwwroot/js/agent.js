// The agent console: presence over /hubs/agent, offers with a countdown, several conversations at
// once with unread counts, the handoff summary, suggested replies, transfer and resolve.

import { $, $$, h, newId, replaceChildren, stickToBottom } from './dom.js';
import { t, lang, initLanguageSwitch } from './i18n.js';
import { TokenSource, LiveConnection, api, bindBanner } from './connection.js';
import { Transcript } from './transcript.js';
import { errorCode, errorText, time } from './format.js';

const SKILLS = ['presales', 'aftersales', 'complaints', 'general'];
const LANGUAGES = ['zh', 'en'];
const QUEUES = SKILLS.flatMap(skill => LANGUAGES.map(language => `${skill}:${language}`));
const RESOLUTIONS = ['solved', 'info_provided', 'refund_issued', 'replacement_sent', 'compensated', 'escalated', 'no_response'];
const DEMO_AGENTS = Array.from({ length: 8 }, (_, i) => `a-0${i + 1}`);
const EXPIRED_OFFER_LINGER_MS = 4000;
const GAP_GRACE_MS = 300;
const PERMANENT_ERRORS = new Set(['E_BAD_REQUEST', 'E_FORBIDDEN', 'E_CONFLICT', 'E_NOT_FOUND', 'E_UNAUTHORIZED']);

// Intent and handoff-reason labels for the people reading them; unknown codes show as they are.
const INTENTS = {
  greeting: ['问候', 'Greeting'], thanks: ['致谢', 'Thanks'], order_status: ['物流/催发货', 'Order status'],
  change_address: ['修改地址', 'Change address'], cancel_order: ['取消订单', 'Cancel order'],
  return_exchange: ['退换货', 'Return / exchange'], refund_status: ['退款进度', 'Refund status'],
  damaged_or_wrong_item: ['破损/错发', 'Damaged or wrong item'], product_question: ['商品咨询', 'Product question'],
  promotion: ['优惠活动', 'Promotion'], payment_issue: ['支付问题', 'Payment issue'], invoice: ['发票', 'Invoice'],
  complaint: ['投诉', 'Complaint'], human_agent: ['要求人工', 'Asked for a person'], account: ['账户', 'Account'], other: ['其他', 'Other'],
};
const REASONS = {
  customer_request: ['顾客要求人工', 'Customer asked for a person'], low_confidence: ['机器人无法确定', 'Bot not confident'],
  anger: ['顾客情绪激动', 'Customer is upset'], complaint: ['投诉', 'Complaint'], vip_complex_issue: ['VIP 复杂问题', 'VIP with a complex issue'],
  transfer: ['同事转接', 'Transferred by a colleague'], sla_escalation: ['SLA 升级', 'SLA escalation'], agent_left: ['原客服离开', 'Previous agent left'],
};
const REVOKED = {
  expired: ['已超时', 'expired'], declined: ['已拒绝', 'declined'], agent_away: ['您已切换为小休', 'you are away'],
  agent_offline: ['您已下线', 'you went offline'], agent_unavailable: ['您暂时不可接待', 'you are unavailable'], revoked: ['已撤回', 'withdrawn'],
};
const label = (table, code) => (table[code] ? table[code][lang() === 'zh' ? 0 : 1] : code ?? t('common.none'));

const params = new URLSearchParams(location.search);
const agentId = (params.get('agent') || localStorage.getItem('conversations.agent') || 'a-06').trim();
const onlineKey = `conversations.agent.${agentId}.online`;

const ui = {
  offers: $('#offers'),
  offerCount: $('#offer-count'),
  noOffers: $('#no-offers'),
  tabs: $('#tabs'),
  noConversations: $('#no-conversations'),
  conversations: $('#conversations'),
  empty: $('#empty-state'),
  assist: $('#assist'),
  suggestions: $('#suggestions'),
  composer: $('#composer'),
  form: $('#composer-form'),
  send: $('#send'),
  summaryPanel: $('#summary-panel'),
  summary: $('#summary'),
  presence: $('#presence'),
  loadMeter: $('#load-meter'),
  onlineForm: $('#online-form'),
  onlineError: $('#online-error'),
  goOnline: $('#go-online'),
  capacity: $('#capacity'),
};

const state = {
  presence: 'offline', // available | away | offline
  settings: loadSettings(),
  offers: new Map(), // offerId -> { offer, el }
  conversations: new Map(), // sessionId -> Conversation
  order: [], // sessionIds in tab order
  active: null,
};

const live = new LiveConnection({ hubUrl: '/hubs/agent', tokens: new TokenSource('agent', agentId), onReady: rejoin, onState: onConnectionState });
const showBanner = bindBanner($('#reconnect-banner'), live, t);
live.on('Offer', onOffer);
live.on('OfferRevoked', onOfferRevoked);
live.on('SessionAssigned', onSessionAssigned);
live.on('Event', onEvent);

// ------------------------------------------------------------------ presence

function loadSettings() {
  try {
    const saved = JSON.parse(localStorage.getItem(`conversations.agent.${agentId}.settings`) ?? 'null');
    if (saved?.skills && saved?.languages && saved?.capacity) return saved;
  } catch {
    // Corrupt or blocked storage: start from the defaults.
  }
  return { skills: [...SKILLS], languages: [...LANGUAGES], capacity: 5 };
}

function readSettings() {
  const skills = $$('#skills input:checked').map(i => i.value);
  const languages = $$('#languages input:checked').map(i => i.value);
  const capacity = Math.max(1, Math.min(20, Number(ui.capacity.value) || 1));
  return { skills, languages, capacity };
}

async function goOnline() {
  const settings = readSettings();
  if (!settings.skills.length || !settings.languages.length) {
    showOnlineError(t('common.error', { error: `${t('agent.skills')} / ${t('agent.languages')}` }));
    return false;
  }
  state.settings = settings;
  localStorage.setItem(`conversations.agent.${agentId}.settings`, JSON.stringify(settings));
  try {
    const result = await live.invoke('GoOnline', settings);
    hideOnlineError();
    sessionStorage.setItem(onlineKey, '1');
    setPresence(result?.status === 'away' ? 'away' : 'available');
    for (const sessionId of result?.activeSessions ?? []) await ensureConversation(sessionId, null, { fetch: true });
    return true;
  } catch (error) {
    showOnlineError(t('common.error', { error: errorText(error) }));
    return false;
  }
}

async function choosePresence(next) {
  if (next === state.presence || !live.connected) return;
  try {
    if (next === 'offline') {
      await live.invoke('GoOffline');
      sessionStorage.removeItem(onlineKey);
      setPresence('offline');
      clearOffers();
      return;
    }
    if (state.presence === 'offline' && !(await goOnline())) return;
    if (next !== state.presence) {
      const result = await live.invoke('SetAvailability', { status: next });
      setPresence(result?.status === 'away' ? 'away' : result?.status === 'offline' ? 'offline' : next);
    }
  } catch (error) {
    showOnlineError(t('common.error', { error: errorText(error) }));
  }
}

function setPresence(presence) {
  state.presence = presence;
  sessionStorage.setItem(`${onlineKey}.presence`, presence);
  for (const button of $$('[data-presence]', ui.presence)) {
    button.setAttribute('aria-checked', String(button.dataset.presence === presence));
  }
  ui.presence.dataset.presence = presence;
  ui.goOnline.textContent = presence === 'offline' ? t('agent.goOnline') : '✓ ' + t('agent.goOnline');
  renderLoad();
}

function renderLoad() {
  const active = [...state.conversations.values()].filter(c => !c.ended).length;
  ui.loadMeter.textContent = state.presence === 'offline' ? t('agent.signedInAs', { id: agentId }) : t('agent.activeCount', { n: active, capacity: state.settings.capacity });
}

/** After every (re)connect: go back online with the same settings and catch up every open conversation. */
async function rejoin(isReconnect) {
  const wasOnline = sessionStorage.getItem(onlineKey) === '1';
  if (wasOnline) {
    const previous = sessionStorage.getItem(`${onlineKey}.presence`);
    if (await goOnline() && previous === 'away') await choosePresence('away');
  }
  if (isReconnect) {
    for (const conversation of state.conversations.values()) catchUp(conversation);
  }
}

function showOnlineError(text) {
  ui.onlineError.textContent = text;
  ui.onlineError.hidden = false;
}

function hideOnlineError() {
  ui.onlineError.hidden = true;
}

// ------------------------------------------------------------------ offers

function onOffer(offer) {
  if (!offer?.offerId || state.offers.has(offer.offerId)) return;
  // A fresh offer for the same conversation (after an expiry or a decline) replaces the old card.
  for (const [offerId, entry] of state.offers) {
    if (entry.offer.sessionId === offer.sessionId) removeOffer(offerId);
  }
  const el = offerCard(offer);
  const entry = { offer, el, timer: null };
  state.offers.set(offer.offerId, entry);
  ui.offers.prepend(el);
  tick(entry);
  entry.timer = setInterval(() => tick(entry), 250);
  renderOfferCount();
  updateTitle();
}

function onOfferRevoked(revoked) {
  // The server sets an agent who lets offers expire to away and says so in the reason; show it.
  if (revoked?.reason === 'agent_away' && state.presence === 'available') setPresence('away');
  const entry = state.offers.get(revoked?.offerId);
  if (!entry) return;
  entry.el.classList.add('is-revoked');
  entry.el.querySelector('[data-offer-state]').textContent = t('agent.revoked', { reason: label(REVOKED, revoked.reason ?? 'revoked') });
  for (const button of $$('button', entry.el)) button.disabled = true;
  setTimeout(() => removeOffer(revoked.offerId), 1500);
}

function tick(entry) {
  const total = Math.max(1, new Date(entry.offer.expiresAt) - new Date(entry.receivedAt ??= Date.now()));
  const left = new Date(entry.offer.expiresAt) - Date.now();
  const bar = entry.el.querySelector('.offer__bar > span');
  const text = entry.el.querySelector('[data-countdown]');
  if (left <= 0) {
    text.textContent = t('agent.expired');
    bar.style.width = '0%';
    entry.el.classList.add('is-expired');
    clearInterval(entry.timer);
    setTimeout(() => removeOffer(entry.offer.offerId), EXPIRED_OFFER_LINGER_MS);
    return;
  }
  text.textContent = t('agent.expiresIn', { s: Math.ceil(left / 1000) });
  bar.style.width = `${Math.min(100, (left / total) * 100)}%`;
  entry.el.classList.toggle('is-urgent', left < 5000);
}

function removeOffer(offerId) {
  const entry = state.offers.get(offerId);
  if (!entry) return;
  clearInterval(entry.timer);
  entry.el.remove();
  state.offers.delete(offerId);
  renderOfferCount();
}

function clearOffers() {
  for (const offerId of [...state.offers.keys()]) removeOffer(offerId);
}

function renderOfferCount() {
  ui.offerCount.textContent = String(state.offers.size);
  ui.noOffers.hidden = state.offers.size > 0;
}

function offerCard(offer) {
  const s = offer.summary ?? {};
  const last = (s.lastMessages ?? []).filter(e => e.kind === 'message' && e.text).slice(-3);
  const accept = h('button', { type: 'button', class: 'btn btn--ok', 'data-testid': 'accept-offer' }, t('agent.accept'));
  const decline = h('button', { type: 'button', class: 'btn', 'data-testid': 'decline-offer' }, t('agent.decline'));
  const el = h('article', {
    class: 'offer',
    'data-testid': 'offer',
    dataset: { offerId: offer.offerId, sessionId: offer.sessionId },
    'aria-label': t('agent.offerFrom', { customer: s.customerId ?? '', tier: tierLabel(s.tier) }),
  },
  h('header', { class: 'offer__head' },
    h('strong', {}, s.customerId ?? shortId(offer.sessionId)),
    tierBadge(s.tier),
    h('span', { class: 'offer__countdown', 'data-countdown': '', 'data-testid': 'offer-countdown' })),
  h('div', { class: 'offer__bar', 'aria-hidden': 'true' }, h('span')),
  h('div', { class: 'offer__tags' },
    h('span', { class: 'badge' }, label(INTENTS, s.intent)),
    sentimentBadge(s.sentiment),
    h('span', { class: 'badge' }, offer.queue),
    offer.priority ? h('span', { class: 'badge badge--warn' }, t('agent.priority', { n: offer.priority })) : null),
  h('p', { class: 'offer__reason' }, label(REASONS, s.reason), s.orderId ? h('span', { class: 'mono' }, ` · ${s.orderId}`) : null),
  last.length ? h('ul', { class: 'offer__last' }, last.map(e => h('li', { dataset: { role: e.sender?.role } },
    h('span', { class: `offer__who offer__who--${e.sender?.role}` }, roleShort(e.sender?.role)),
    h('span', {}, e.text)))) : null,
  h('p', { class: 'offer__state', 'data-offer-state': '', role: 'status' }),
  h('div', { class: 'offer__actions' }, decline, accept));

  accept.addEventListener('click', async () => {
    accept.disabled = decline.disabled = true;
    try {
      const result = await live.invoke('AcceptOffer', { offerId: offer.offerId });
      removeOffer(offer.offerId);
      const conversation = await ensureConversation(result.sessionId ?? offer.sessionId, result.summary ?? offer.summary, { fetch: false });
      conversation.queue = offer.queue;
      for (const event of result.history ?? []) conversation.transcript.add(event);
      conversation.transcript.settle();
      activate(conversation.sessionId);
      if (conversation.transcript.hasGap || !(result.history?.length)) catchUp(conversation);
    } catch (error) {
      el.querySelector('[data-offer-state]').textContent = t('common.error', { error: errorText(error) });
      el.classList.add('is-revoked');
      setTimeout(() => removeOffer(offer.offerId), 2500);
    }
  });
  decline.addEventListener('click', async () => {
    accept.disabled = decline.disabled = true;
    try {
      await live.invoke('DeclineOffer', { offerId: offer.offerId, reason: 'declined_by_agent' });
    } catch (error) {
      console.warn('DeclineOffer failed', error);
    }
    removeOffer(offer.offerId);
  });
  return el;
}

// ------------------------------------------------------------------ conversations

/**
 * One conversation this agent holds: its own transcript element and tab; the composer and the
 * summary panel are shared and follow the active tab.
 */
function createConversation(sessionId, summary) {
  const messages = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite', tabindex: 0 });
  const section = h('section', { class: 'conversation', 'data-testid': 'conversation', dataset: { sessionId }, hidden: true });
  const conversation = {
    sessionId,
    summary,
    queue: null,
    unread: 0,
    ended: false,
    status: 'assigned',
    outbox: [],
    section,
    messages,
    tab: null,
    suggestionsFor: -1,
    gapTimer: null,
    catching: null,
  };
  conversation.transcript = new Transcript(messages, {
    viewer: 'agent',
    selfRole: 'agent',
    customerLabel: sender => sender?.name || conversation.summary?.customerId || sender?.id || t('common.customer'),
    onRetry: entry => deliver(conversation, entry),
    onEvent: event => applyEvent(conversation, event),
  });
  conversation.transcript.reset(sessionId);
  conversation.scroller = stickToBottom(messages);
  renderConversationHeader(conversation);
  section.append(conversation.header, messages);
  ui.conversations.append(section);

  conversation.tab = h('button', {
    type: 'button', role: 'tab', class: 'tab', 'aria-selected': 'false', 'data-testid': 'conversation-tab',
    dataset: { sessionId },
    onclick: () => activate(sessionId),
  });
  ui.tabs.append(conversation.tab);
  renderTab(conversation);
  return conversation;
}

async function ensureConversation(sessionId, summary, { fetch }) {
  let conversation = state.conversations.get(sessionId);
  if (!conversation) {
    conversation = createConversation(sessionId, summary);
    state.conversations.set(sessionId, conversation);
    state.order.push(sessionId);
    ui.noConversations.hidden = true;
  } else if (summary) {
    conversation.summary = summary;
  }
  if (conversation.ended && summary) {
    // Handed back to us (a re-offer after a transfer): writable again.
    conversation.ended = false;
    conversation.status = 'assigned';
  }
  renderConversationHeader(conversation);
  renderTab(conversation);
  if (state.active === sessionId) renderSummary(conversation);
  renderLoad();
  if (!state.active) activate(sessionId);
  if (fetch) await catchUp(conversation);
  return conversation;
}

function onSessionAssigned(assigned) {
  if (!assigned?.sessionId) return;
  ensureConversation(assigned.sessionId, assigned.summary, { fetch: true });
}

function onEvent(event) {
  if (!event?.sessionId) return;
  const conversation = state.conversations.get(event.sessionId);
  if (!conversation) {
    // An event for a session we have not seen assigned yet (SessionAssigned still in flight).
    ensureConversation(event.sessionId, null, { fetch: true }).then(c => c.transcript.add(event));
    return;
  }
  conversation.transcript.add(event);
  watchForGap(conversation);
}

function applyEvent(conversation, event) {
  const data = event.data ?? {};
  const mine = event.sender?.role === 'agent' && event.sender.id === agentId;
  if (!mine && conversation.sessionId !== state.active && (event.kind === 'message' || event.kind === 'order_card')) {
    conversation.unread++;
    updateTitle();
  }
  if (event.kind === 'status' && data.status) {
    conversation.status = data.status;
    if (data.status === 'resolved' || data.status === 'closed' || data.status === 'abandoned') conversation.ended = true;
    if (data.status === 'assigned') conversation.ended = false;
  }
  if (event.kind === 'closed') {
    conversation.status = data.status ?? 'closed';
    conversation.ended = true;
  }
  if (event.kind === 'agent_left' && (data.agentId === agentId || !data.agentId)) {
    conversation.status = data.reason === 'transfer' ? 'transferred' : conversation.status;
    conversation.ended = true;
  }
  if (event.kind === 'agent_joined' && data.agentId === agentId) conversation.ended = false;
  if (event.kind === 'agent_joined' && data.agentId && data.agentId !== agentId) conversation.ended = true;
  renderTab(conversation);
  renderConversationHeader(conversation);
  renderLoad();
  if (conversation.sessionId === state.active) {
    renderComposerState();
    if (event.kind === 'message' && event.sender?.role === 'customer') refreshSuggestions(conversation);
  }
}

function watchForGap(conversation) {
  if (!conversation.transcript.hasGap || conversation.gapTimer) return;
  conversation.gapTimer = setTimeout(() => {
    conversation.gapTimer = null;
    if (conversation.transcript.hasGap) catchUp(conversation);
  }, GAP_GRACE_MS);
}

/** Reads the transcript after the last seq on screen over REST (the agent hub has no GetHistory). */
function catchUp(conversation) {
  if (conversation.catching) return conversation.catching;
  conversation.catching = (async () => {
    try {
      let afterSeq = conversation.transcript.lastSeq;
      for (;;) {
        const batch = await api(live.tokens, `/api/sessions/${encodeURIComponent(conversation.sessionId)}/events?afterSeq=${afterSeq}&limit=500`);
        for (const event of batch ?? []) conversation.transcript.add(event);
        if (!batch?.length || batch.length < 500) break;
        afterSeq = Number(batch.at(-1).seq);
      }
      conversation.transcript.settle();
    } catch (error) {
      console.warn('Fetching events failed', conversation.sessionId, error);
    } finally {
      conversation.catching = null;
    }
  })();
  return conversation.catching;
}

function activate(sessionId) {
  const conversation = state.conversations.get(sessionId);
  if (!conversation) return;
  state.active = sessionId;
  for (const c of state.conversations.values()) {
    c.section.hidden = c.sessionId !== sessionId;
    c.tab.setAttribute('aria-selected', String(c.sessionId === sessionId));
    c.tab.tabIndex = c.sessionId === sessionId ? 0 : -1;
  }
  conversation.unread = 0;
  renderTab(conversation);
  ui.empty.hidden = true;
  ui.assist.hidden = false;
  ui.summaryPanel.hidden = false;
  renderSummary(conversation);
  renderComposerState();
  conversation.scroller.scrollToBottom();
  refreshSuggestions(conversation);
  updateTitle();
}

function closeTab(sessionId) {
  const conversation = state.conversations.get(sessionId);
  if (!conversation) return;
  conversation.section.remove();
  conversation.tab.remove();
  state.conversations.delete(sessionId);
  state.order = state.order.filter(id => id !== sessionId);
  ui.noConversations.hidden = state.conversations.size > 0;
  if (state.active === sessionId) {
    state.active = null;
    const next = state.order.at(-1);
    if (next) activate(next);
    else {
      ui.empty.hidden = false;
      ui.assist.hidden = true;
      ui.summaryPanel.hidden = true;
    }
  }
  renderLoad();
  updateTitle();
}

function renderTab(conversation) {
  const s = conversation.summary ?? {};
  const lastMessage = [...conversation.transcript.entries.values()].map(e => e.event).filter(e => e.kind === 'message' && e.text).at(-1);
  const tab = conversation.tab;
  tab.classList.toggle('is-ended', conversation.ended);
  replaceChildren(tab,
    h('span', { class: `avatar avatar--customer avatar--small` }, (s.customerId ?? '?').slice(-2)),
    h('span', { class: 'tab__main' },
      h('span', { class: 'tab__top' },
        h('strong', {}, s.customerId ?? shortId(conversation.sessionId)),
        s.tier && s.tier !== 'regular' ? tierBadge(s.tier) : null,
        lastMessage ? h('time', { datetime: lastMessage.at }, time(lastMessage.at)) : null),
      h('span', { class: 'tab__preview' }, conversation.ended ? t('agent.ended', { status: conversation.status }) : lastMessage?.text ?? label(INTENTS, s.intent))),
    conversation.unread > 0
      ? h('span', { class: 'unread', 'data-testid': 'unread', 'aria-label': t('agent.unread', { n: conversation.unread }) }, String(conversation.unread))
      : null);
  updateTitle();
}

function renderConversationHeader(conversation) {
  const s = conversation.summary ?? {};
  const transferSelect = h('select', { 'aria-label': t('agent.transferTo'), 'data-testid': 'transfer-queue' },
    QUEUES.map(q => h('option', { value: q, selected: q === conversation.queue }, queueLabel(q))));
  const transfer = h('button', { type: 'button', class: 'btn btn--small', 'data-testid': 'transfer' }, t('agent.transfer'));
  const resolutionSelect = h('select', { 'aria-label': t('agent.resolution'), 'data-testid': 'resolution' },
    RESOLUTIONS.map(code => h('option', { value: code }, t(`agent.resolution.${code}`))));
  const resolve = h('button', { type: 'button', class: 'btn btn--ok btn--small', 'data-testid': 'resolve' }, t('agent.resolve'));
  const closeButton = h('button', { type: 'button', class: 'btn btn--ghost btn--small', 'data-testid': 'close-tab' }, t('agent.closeTab'));
  for (const control of [transferSelect, transfer, resolutionSelect, resolve]) control.disabled = conversation.ended || conversation.acting;

  transfer.addEventListener('click', () => runAction(conversation, 'TransferSession', { sessionId: conversation.sessionId, queue: transferSelect.value }));
  resolve.addEventListener('click', () => runAction(conversation, 'ResolveSession', { sessionId: conversation.sessionId, resolution: resolutionSelect.value }));
  closeButton.addEventListener('click', () => closeTab(conversation.sessionId));

  const header = h('header', { class: 'conversation__head' },
    h('div', { class: 'conversation__who' },
      h('span', { class: 'avatar avatar--customer' }, (s.customerId ?? '?').slice(-2)),
      h('div', {},
        h('h2', {}, s.customerId ?? conversation.sessionId),
        h('p', { class: 'conversation__meta' },
          tierBadge(s.tier), sentimentBadge(s.sentiment),
          h('span', { class: 'badge' }, label(INTENTS, s.intent)),
          h('span', { class: 'mono muted', title: conversation.sessionId }, shortId(conversation.sessionId))))),
    h('div', { class: 'conversation__actions' },
      conversation.ended
        ? [h('span', { class: 'badge badge--ok' }, t('agent.ended', { status: conversation.status })), closeButton]
        : [h('div', { class: 'action-group' }, transferSelect, transfer), h('div', { class: 'action-group' }, resolutionSelect, resolve)]));
  if (conversation.header) conversation.header.replaceWith(header);
  conversation.header = header;
}

// One action at a time per conversation: a transfer and a resolve clicked together would both reach the server,
// and the one that lost would come back as an error.
async function runAction(conversation, method, argument) {
  if (conversation.acting) return;
  conversation.acting = true;
  renderConversationHeader(conversation);
  try {
    const result = await live.invoke(method, argument);
    conversation.status = result?.status ?? conversation.status;
    if (method === 'TransferSession') conversation.status = 'transferred';
    conversation.ended = true;
    renderConversationHeader(conversation);
    renderTab(conversation);
    renderComposerState();
    renderLoad();
    catchUp(conversation);
  } catch (error) {
    conversation.transcript.list.append(h('div', { class: 'note note--warn', role: 'alert' }, t('common.error', { error: errorText(error) })));
  } finally {
    conversation.acting = false;
    if (!conversation.ended) renderConversationHeader(conversation);
  }
}

function renderSummary(conversation) {
  const s = conversation.summary ?? {};
  const rows = [
    ['customer', s.customerId],
    ['tier', s.tier ? tierBadge(s.tier) : null],
    ['language', s.language ? t(`agent.language.${s.language}`) : null],
    ['channel', s.channel],
    ['intent', s.intent ? label(INTENTS, s.intent) : null],
    ['sentiment', s.sentiment ? sentimentBadge(s.sentiment) : null],
    ['order', s.orderId ? h('span', { class: 'mono' }, s.orderId) : null],
    ['reason', s.reason ? label(REASONS, s.reason) : null],
    ['queue', conversation.queue],
    ['note', s.note],
    ['previous', s.previousSessionId ? h('span', { class: 'mono' }, s.previousSessionId) : null],
  ];
  ui.summary.replaceChildren(...rows.filter(([, value]) => value).flatMap(([key, value]) => [
    h('dt', {}, t(`agent.summary.${key}`)),
    h('dd', { dataset: { field: key } }, value),
  ]));
  const last = (s.lastMessages ?? []).filter(e => e.text);
  if (last.length) {
    ui.summary.append(h('dt', {}, t('agent.summary.lastMessages')), h('dd', {},
      h('ul', { class: 'summary__last' }, last.map(e => h('li', { dataset: { role: e.sender?.role } },
        h('time', { datetime: e.at }, time(e.at)), ' ', e.text)))));
  }
}

function renderComposerState() {
  const conversation = state.conversations.get(state.active);
  const disabled = !conversation || conversation.ended;
  ui.composer.disabled = disabled;
  ui.send.disabled = disabled;
  $('#suggestions-panel').hidden = disabled;
}

// ------------------------------------------------------------------ suggestions and sending

async function refreshSuggestions(conversation, force = false) {
  if (conversation.ended) {
    ui.suggestions.replaceChildren();
    return;
  }
  if (!force && conversation.suggestionsFor === conversation.transcript.lastSeq) return;
  conversation.suggestionsFor = conversation.transcript.lastSeq;
  try {
    const suggestions = await live.invoke('GetSuggestions', { sessionId: conversation.sessionId });
    if (state.active !== conversation.sessionId) return;
    renderSuggestions(suggestions ?? []);
  } catch (error) {
    console.warn('GetSuggestions failed', error);
    if (state.active === conversation.sessionId) renderSuggestions([]);
  }
}

function renderSuggestions(suggestions) {
  if (!suggestions.length) {
    ui.suggestions.replaceChildren(h('span', { class: 'muted' }, t('agent.noSuggestions')));
    return;
  }
  ui.suggestions.replaceChildren(...suggestions.slice(0, 5).map(s => h('button', {
    type: 'button',
    class: 'chip chip--suggestion',
    'data-testid': 'suggestion',
    title: [s.source, typeof s.confidence === 'number' ? `${Math.round(s.confidence * 100)}%` : null].filter(Boolean).join(' · '),
    onclick: () => {
      ui.composer.value = s.text;
      ui.composer.focus();
    },
  }, s.text)));
}

function sendFromComposer() {
  const conversation = state.conversations.get(state.active);
  const text = ui.composer.value.trim();
  if (!conversation || conversation.ended || !text) return;
  ui.composer.value = '';
  const entry = conversation.transcript.addPending(newId(), text);
  conversation.outbox.push(entry);
  conversation.scroller.scrollToBottom();
  deliver(conversation, entry);
}

async function deliver(conversation, entry) {
  if (!live.connected) {
    conversation.transcript.setPendingState(entry, 'offline');
    return;
  }
  conversation.transcript.setPendingState(entry, 'sending');
  try {
    const result = await live.invoke('SendMessage', { sessionId: conversation.sessionId, clientMessageId: entry.id, text: entry.text });
    conversation.outbox = conversation.outbox.filter(e => e !== entry);
    conversation.transcript.confirm(entry, Number(result.seq));
    watchForGap(conversation);
  } catch (error) {
    if (!live.connected) conversation.transcript.setPendingState(entry, 'offline');
    else if (PERMANENT_ERRORS.has(errorCode(error))) {
      conversation.outbox = conversation.outbox.filter(e => e !== entry);
      conversation.transcript.setPendingState(entry, 'failed-permanent', errorText(error));
    } else conversation.transcript.setPendingState(entry, 'failed');
  }
}

function flushOutboxes() {
  for (const conversation of state.conversations.values()) {
    for (const entry of [...conversation.outbox]) if (entry.state !== 'sending') deliver(conversation, entry);
  }
}

// ------------------------------------------------------------------ small pieces

/** Session ids are long GUIDs; eight characters are enough to tell tabs apart and to read out on a call. */
function shortId(id) {
  const bare = String(id).replace(/^s-/, '');
  return bare.length > 10 ? `#${bare.slice(0, 8)}` : String(id);
}

function roleShort(role) {
  return role === 'customer' ? t('common.customer') : role === 'bot' ? t('common.bot') : role === 'agent' ? t('common.agent') : t('common.system');
}

function tierLabel(tier) {
  return tier ? t(`agent.tier.${tier}`) : '';
}

function tierBadge(tier) {
  return tier ? h('span', { class: `badge badge--${tier}` }, tierLabel(tier)) : null;
}

function sentimentBadge(sentiment) {
  return sentiment ? h('span', { class: `badge badge--${sentiment}` }, t(`agent.sentiment.${sentiment}`)) : null;
}

function queueLabel(queue) {
  const [skill, language] = queue.split(':');
  return `${t(`agent.skill.${skill}`)} · ${t(`agent.language.${language}`)}`;
}

function unreadTotal() {
  return [...state.conversations.values()].reduce((sum, c) => sum + c.unread, 0) + state.offers.size;
}

function updateTitle() {
  const n = unreadTotal();
  document.title = `${n ? `(${n}) ` : ''}${t('agent.pageTitle')}`;
}

function onConnectionState(connectionState) {
  showBanner(connectionState);
  const connected = connectionState === 'connected';
  ui.goOnline.disabled = !connected;
  for (const button of $$('[data-presence]', ui.presence)) button.disabled = !connected;
  if (connectionState === 'connected') flushOutboxes();
  else {
    for (const conversation of state.conversations.values()) {
      for (const entry of conversation.outbox) if (entry.state === 'sending') conversation.transcript.setPendingState(entry, 'offline');
    }
  }
}

function renderChecks() {
  $('#skills').replaceChildren(...SKILLS.map(skill => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: skill, checked: state.settings.skills.includes(skill), 'data-testid': `skill-${skill}` }),
    h('span', {}, t(`agent.skill.${skill}`)))));
  $('#languages').replaceChildren(...LANGUAGES.map(language => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: language, checked: state.settings.languages.includes(language), 'data-testid': `language-${language}` }),
    h('span', {}, t(`agent.language.${language}`)))));
  ui.capacity.value = String(state.settings.capacity);
}

function wireUp() {
  initLanguageSwitch();
  localStorage.setItem('conversations.agent', agentId);
  const idInput = $('#agent-id');
  idInput.value = agentId;
  $('#demo-agents').append(...DEMO_AGENTS.map(id => h('option', { value: id })));
  $('#signin-form').addEventListener('submit', e => {
    e.preventDefault();
    const next = idInput.value.trim();
    if (!next || next === agentId) return;
    const url = new URL(location.href);
    url.searchParams.set('agent', next);
    location.assign(url);
  });

  renderChecks();
  ui.onlineForm.addEventListener('submit', async e => {
    e.preventDefault();
    ui.goOnline.disabled = true;
    try {
      await goOnline();
    } finally {
      ui.goOnline.disabled = !live.connected;
    }
  });
  for (const button of $$('[data-presence]', ui.presence)) {
    button.addEventListener('click', () => choosePresence(button.dataset.presence));
  }
  ui.presence.addEventListener('keydown', e => {
    // Arrow keys move within the radio group, as the ARIA pattern expects.
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
    const buttons = $$('[data-presence]', ui.presence);
    const index = buttons.indexOf(document.activeElement);
    const next = buttons[(index + (e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 1) + buttons.length) % buttons.length];
    next.focus();
    e.preventDefault();
  });
  ui.tabs.addEventListener('keydown', e => {
    if (!['ArrowUp', 'ArrowDown'].includes(e.key)) return;
    const index = state.order.indexOf(state.active);
    const next = state.order[(index + (e.key === 'ArrowUp' ? -1 : 1) + state.order.length) % state.order.length];
    if (next) {
      activate(next);
      state.conversations.get(next).tab.focus();
      e.preventDefault();
    }
  });

  ui.form.addEventListener('submit', e => {
    e.preventDefault();
    sendFromComposer();
  });
  ui.composer.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      ui.form.requestSubmit();
    }
  });
  $('#refresh-suggestions').addEventListener('click', () => {
    const conversation = state.conversations.get(state.active);
    if (conversation) refreshSuggestions(conversation, true);
  });

  document.addEventListener('langchange', () => {
    renderChecks();
    setPresence(state.presence);
    for (const conversation of state.conversations.values()) {
      conversation.transcript.rerender();
      renderConversationHeader(conversation);
      renderTab(conversation);
    }
    for (const { el, offer } of state.offers.values()) {
      const fresh = offerCard(offer);
      el.replaceWith(fresh);
      state.offers.get(offer.offerId).el = fresh;
    }
    const active = state.conversations.get(state.active);
    if (active) renderSummary(active);
    showBanner(live.state);
    updateTitle();
  });

  setPresence('offline');
  onConnectionState('connecting');
  renderOfferCount();
  renderComposerState();
  ui.composer.disabled = true;
}

wireUp();
live.start();
