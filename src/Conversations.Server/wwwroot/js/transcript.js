// One session's transcript on screen: events kept by seq (so a replay or a late push never shows
// twice), optimistic bubbles for messages still on their way, and the rendering of every event kind.

import { h } from './dom.js';
import { t, has } from './i18n.js';
import { time, dateTime, money } from './format.js';

const BOT_ICON = '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M12 2a1 1 0 0 1 1 1v1.07A7 7 0 0 1 19 11v5a3 3 0 0 1-3 3H8a3 3 0 0 1-3-3v-5a7 7 0 0 1 6-6.93V3a1 1 0 0 1 1-1Zm-3 9.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3ZM2 12a1 1 0 0 1 1 1v2a1 1 0 1 1-2 0v-2a1 1 0 0 1 1-1Zm20 0a1 1 0 0 1 1 1v2a1 1 0 1 1-2 0v-2a1 1 0 0 1 1-1Z"/></svg>';

export class Transcript {
  /**
   * @param {HTMLElement} list the element messages go into (role="log")
   * @param {object} options viewer ('customer' | 'agent'), selfRole, and callbacks for interactive cards
   */
  constructor(list, options) {
    this.list = list;
    this.options = options;
    this.sessionId = null;
    this.entries = new Map(); // seq -> { event, el }
    this.pending = []; // optimistic messages not yet acknowledged: { id, text, el, state }
    this.lastSeq = 0; // every seq up to here is on screen
    this.maxSeq = 0;
    this.ended = false;
  }

  reset(sessionId) {
    this.sessionId = sessionId;
    this.entries.clear();
    this.pending = [];
    this.lastSeq = 0;
    this.maxSeq = 0;
    this.ended = false;
    this.list.replaceChildren();
  }

  /** True when a later seq arrived before an earlier one: the caller asks GetHistory for the hole. */
  get hasGap() {
    return this.maxSeq > this.lastSeq;
  }

  /**
   * Adds a pushed or replayed event. Returns false when it is a duplicate (same seq) or belongs to
   * another session, true when something new went on screen.
   */
  add(event) {
    if (!event || (this.sessionId && event.sessionId && event.sessionId !== this.sessionId)) return false;
    const seq = Number(event.seq) || 0;
    if (seq > 0 && this.entries.has(seq)) {
      const entry = this.entries.get(seq);
      // The ack may have placed an optimistic bubble under this seq first; keep it, take the server's time.
      if (entry.provisional) {
        entry.event = event;
        entry.provisional = false;
        this._refreshFoot(entry.el, event);
      }
      return false;
    }

    if (seq > 0 && event.kind === 'message' && event.sender?.role === this.options.selfRole) {
      const mine = this.pending.find(p => p.text === event.text && p.state !== 'failed-permanent');
      if (mine) {
        this._settlePending(mine, seq, event);
        this.options.onEvent?.(event);
        return true;
      }
    }

    const el = this._render(event);
    if (seq > 0) {
      this.entries.set(seq, { event, el });
      this._advance(seq);
    }
    if (el) this._insert(el, seq);
    if (event.kind === 'closed') this.ended = true;
    this.options.onEvent?.(event);
    return true;
  }

  /** After a GetHistory, seqs the server did not return are not coming: stop waiting for them. */
  settle() {
    this.lastSeq = Math.max(this.lastSeq, this.maxSeq);
  }

  /** Shows the user's own message at once, before the server has stored it. */
  addPending(id, text) {
    const entry = { id, text, state: 'sending', el: null };
    entry.el = this._messageEl({ kind: 'message', sender: { role: this.options.selfRole }, text, at: new Date().toISOString() }, entry);
    this.pending.push(entry);
    this.list.append(entry.el);
    return entry;
  }

  /** The server stored the message under `seq`: the bubble becomes that event. */
  confirm(entry, seq) {
    if (!this.pending.includes(entry)) return;
    const existing = this.entries.get(seq);
    if (existing && existing.el !== entry.el) {
      // The pushed event got here first and was drawn on its own; drop the optimistic copy.
      entry.el.remove();
      this.pending.splice(this.pending.indexOf(entry), 1);
      return;
    }
    this._settlePending(entry, seq, null);
  }

  setPendingState(entry, state, detail) {
    entry.state = state;
    entry.detail = detail;
    this._refreshFoot(entry.el, null, entry);
  }

  removePending(entry) {
    entry.el.remove();
    this.pending = this.pending.filter(p => p !== entry);
  }

  /** Redraws everything (after a language switch). */
  rerender() {
    const ordered = [...this.entries.entries()].sort((a, b) => a[0] - b[0]);
    this.list.replaceChildren();
    for (const [seq, entry] of ordered) {
      entry.el = entry.provisional ? this._messageEl(entry.event, null) : this._render(entry.event);
      if (entry.el) {
        entry.el.dataset.seq = String(seq);
        this.list.append(entry.el);
      }
    }
    for (const pending of this.pending) {
      pending.el = this._messageEl({ kind: 'message', sender: { role: this.options.selfRole }, text: pending.text, at: new Date().toISOString() }, pending);
      this.list.append(pending.el);
    }
  }

  _settlePending(entry, seq, event) {
    this.pending.splice(this.pending.indexOf(entry), 1);
    entry.el.dataset.seq = String(seq);
    entry.el.classList.remove('is-pending', 'is-failed');
    const stored = event ?? { sessionId: this.sessionId, seq, kind: 'message', sender: { role: this.options.selfRole }, text: entry.text, at: new Date().toISOString() };
    this.entries.set(seq, { event: stored, el: entry.el, provisional: !event });
    entry.el.remove();
    this._insert(entry.el, seq);
    this._refreshFoot(entry.el, stored);
    this._advance(seq);
  }

  _advance(seq) {
    this.maxSeq = Math.max(this.maxSeq, seq);
    while (this.entries.has(this.lastSeq + 1)) this.lastSeq++;
  }

  _insert(el, seq) {
    if (seq > 0) {
      el.dataset.seq = String(seq);
      for (const child of this.list.children) {
        const other = Number(child.dataset.seq);
        if ((other && other > seq) || child.classList.contains('is-pending') || child.classList.contains('is-failed')) {
          this.list.insertBefore(el, child);
          return;
        }
      }
    }
    this.list.append(el);
  }

  // ------------------------------------------------------------------ rendering

  _render(event) {
    const viewer = this.options.viewer;
    switch (event.kind) {
      case 'message':
        return this._messageEl(event);
      case 'quick_replies':
        return this._quickRepliesEl(event);
      case 'order_card':
        return this._orderCardEl(event);
      case 'status':
        return this._statusEl(event);
      case 'queue_position':
        return null; // shown live in the queue panel, not as a line per update
      case 'agent_joined':
        return this._noteEl(event, event.text ?? t('widget.status.assigned', { name: event.data?.name ?? event.data?.agentId ?? '' }));
      case 'agent_left':
        return this._noteEl(event, event.text ?? `${event.data?.name ?? ''}`);
      case 'csat_request':
        return viewer === 'customer' ? this._csatEl(event) : this._noteEl(event, event.text ?? t('widget.rate.title'));
      case 'closed':
        return this._closedEl(event);
      case 'sla_warning':
      case 'sla_breach':
        if (viewer !== 'agent') return null;
        return this._noteEl(event, t(`agent.${event.kind}`, { clock: event.data?.clock ?? '' }), 'note--warn');
      default:
        return event.text ? this._noteEl(event, event.text) : null;
    }
  }

  _roleLabel(sender) {
    switch (sender?.role) {
      case 'bot':
        return t('common.bot');
      case 'agent':
        return sender.name || sender.id || t('common.agent');
      case 'customer':
        return this.options.customerLabel?.(sender) ?? t('common.customer');
      default:
        return t('common.system');
    }
  }

  _avatar(sender) {
    const role = sender?.role ?? 'system';
    const avatar = h('div', { class: `avatar avatar--${role}`, 'aria-hidden': 'true' });
    if (role === 'bot') avatar.innerHTML = BOT_ICON;
    else avatar.textContent = (this._roleLabel(sender) || '?').trim().charAt(0).toUpperCase();
    return avatar;
  }

  /** A chat bubble; `pending` is set for the user's optimistic copy. */
  _messageEl(event, pending = null, extra = null) {
    const role = event.sender?.role ?? 'system';
    if (role === 'system') return this._noteEl(event, event.text ?? '');
    const self = role === this.options.selfRole;
    const el = h('div', {
      class: `msg msg--${role}${self ? ' msg--self' : ''}${pending ? ' is-pending' : ''}`,
      'data-testid': 'message',
      dataset: { role, kind: event.kind },
    },
    self ? null : this._avatar(event.sender),
    h('div', { class: 'msg__body' },
      self ? null : h('div', { class: 'msg__name' }, this._roleLabel(event.sender)),
      event.text ? h('div', { class: 'bubble' }, event.text) : null,
      extra,
      h('div', { class: 'msg__foot' })));
    this._refreshFoot(el, pending ? null : event, pending);
    if (pending) {
      el.addEventListener('click', () => {
        if (pending.state === 'failed') this.options.onRetry?.(pending);
      });
    }
    return el;
  }

  _refreshFoot(el, event, pending = null) {
    const foot = el?.querySelector('.msg__foot');
    if (!foot) return;
    foot.replaceChildren();
    if (pending) {
      el.classList.toggle('is-pending', pending.state === 'sending' || pending.state === 'offline');
      el.classList.toggle('is-failed', pending.state.startsWith('failed'));
      const key = { sending: 'common.sending', offline: 'common.queuedOffline', failed: 'common.failed' }[pending.state];
      const label = key ? t(key) : t('common.failedPermanent', { error: pending.detail ?? '' });
      foot.append(h('span', { class: 'msg__state', role: pending.state.startsWith('failed') ? 'alert' : null }, label));
      return;
    }
    if (event?.at) foot.append(h('time', { datetime: event.at, title: dateTime(event.at) }, time(event.at)));
    if (event?.sender?.role === this.options.selfRole && event.kind === 'message') {
      foot.append(h('span', { class: 'msg__state msg__state--ok', title: t('common.sent') }, '✓'));
    }
  }

  _noteEl(event, text, extraClass = '') {
    if (!text) return null;
    return h('div', {
      class: `note ${extraClass}`.trim(),
      'data-testid': 'message',
      dataset: { role: event.sender?.role ?? 'system', kind: event.kind },
    }, h('span', {}, text), event.at ? h('time', { datetime: event.at }, time(event.at)) : null);
  }

  _quickRepliesEl(event) {
    // Options are { label, text } (what the chip says, what tapping it sends); plain strings also work.
    const options = (event.data?.options ?? [])
      .map(o => (typeof o === 'string' ? { label: o, text: o } : { label: o?.label ?? o?.text, text: o?.text ?? o?.label }))
      .filter(o => o.label && o.text);
    const interactive = this.options.viewer === 'customer';
    const chips = h('div', { class: 'chips', role: interactive ? 'group' : null, 'aria-label': t('widget.quickReplies') },
      options.map(o => interactive
        ? h('button', { type: 'button', class: 'chip', 'data-testid': 'quick-reply', title: o.text !== o.label ? o.text : null, onclick: () => this.options.onQuickReply?.(o.text) }, o.label)
        : h('span', { class: 'chip chip--static' }, o.label)));
    if (event.text) return this._messageEl(event, null, chips);
    return h('div', { class: 'msg msg--bot msg--chips', 'data-testid': 'message', dataset: { role: event.sender?.role ?? 'bot', kind: event.kind } },
      h('div', { class: 'avatar avatar--spacer', 'aria-hidden': 'true' }),
      h('div', { class: 'msg__body' }, h('div', { class: 'msg__name' }, t('widget.quickReplies')), chips));
  }

  _orderCardEl(event) {
    const card = orderCard(event.data);
    if (event.text) return this._messageEl({ ...event, sender: event.sender ?? { role: 'bot' } }, null, card);
    return this._messageEl({ ...event, text: null, sender: event.sender ?? { role: 'bot' } }, null, card);
  }

  _statusEl(event) {
    const status = event.data?.status;
    if (this.options.viewer === 'agent') {
      // agent_joined already says who took it; the other changes are worth a quiet line.
      if (!status || status === 'assigned') return null;
      const label = has(`agent.status.${status}`) ? t(`agent.status.${status}`) : status;
      const detail = event.data?.resolution ?? event.data?.reason;
      return this._noteEl(event, detail ? `${label} · ${detail}` : label, 'note--status');
    }
    if (event.text) return this._noteEl(event, event.text);
    if (status === 'queued') return this._noteEl(event, t('widget.note.queued'));
    if (status === 'resolved') return this._noteEl(event, t('widget.note.resolved'));
    if (status === 'bot' && event.data?.reason) return this._noteEl(event, t('widget.note.bot'));
    return null;
  }

  _closedEl(event) {
    const note = this._noteEl(event, event.text ?? t('widget.status.closed'), 'note--closed');
    if (this.options.viewer === 'customer' && this.options.onNewConversation) {
      note.append(h('button', {
        type: 'button',
        class: 'btn btn--primary btn--small',
        'data-testid': 'new-conversation',
        onclick: () => this.options.onNewConversation(),
      }, t('widget.newConversation')));
    }
    return note;
  }

  _csatEl(event) {
    const sessionId = event.sessionId ?? this.sessionId;
    const wrapper = h('div', { class: 'note note--csat', 'data-testid': 'message', dataset: { role: 'system', kind: 'csat_request' } });
    wrapper.append(h('span', {}, event.text ?? t('widget.rate.title')));
    if (this.options.isRated?.(sessionId)) {
      wrapper.append(h('p', { class: 'csat__thanks' }, t('widget.rate.thanks')));
      return wrapper;
    }

    const labels = t('widget.rate.labels').split('|');
    let score = 0;
    const name = `csat-${sessionId}-${event.seq}`;
    const caption = h('span', { class: 'stars__caption', 'aria-live': 'polite' });
    const stars = [1, 2, 3, 4, 5].map(n => {
      const input = h('input', { type: 'radio', name, value: n, id: `${name}-${n}`, class: 'visually-hidden', 'data-testid': 'csat-star' });
      const label = h('label', { for: `${name}-${n}`, class: 'star', title: labels[n - 1] },
        h('span', { 'aria-hidden': 'true' }, '★'),
        h('span', { class: 'visually-hidden' }, t(n === 1 ? 'widget.rate.star' : 'widget.rate.stars', { n })));
      input.addEventListener('change', () => {
        score = n;
        paint(n);
        submit.disabled = false;
      });
      label.addEventListener('mouseenter', () => paint(n));
      return [input, label];
    });
    const group = h('fieldset', { class: 'stars' }, h('legend', { class: 'visually-hidden' }, t('widget.rate.title')), stars.flat(), caption);
    group.addEventListener('mouseleave', () => paint(score));
    function paint(upTo) {
      stars.forEach(([, label], i) => label.classList.toggle('is-on', i < upTo));
      caption.textContent = upTo ? labels[upTo - 1] : '';
    }

    const comment = h('textarea', { class: 'csat__comment', rows: 2, maxlength: 500, placeholder: t('widget.rate.comment'), 'aria-label': t('widget.rate.comment') });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--small', disabled: true, 'data-testid': 'csat-submit' }, t('widget.rate.submit'));
    const form = h('form', { class: 'csat' }, group, comment, h('div', { class: 'csat__actions' }, submit), error);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      if (!score) return;
      submit.disabled = true;
      error.hidden = true;
      try {
        await this.options.onRate?.(sessionId, score, comment.value.trim() || undefined);
        form.replaceWith(h('p', { class: 'csat__thanks', role: 'status' }, t('widget.rate.thanks')));
      } catch (err) {
        error.textContent = t('common.error', { error: err?.message ?? err });
        error.hidden = false;
        submit.disabled = false;
      }
    });
    wrapper.append(form);
    return wrapper;
  }
}

// ------------------------------------------------------------------ order card

/**
 * Reads `data.order`: the bot's flat card ({ orderId, status, statusText, items, amount, carrier,
 * trackingNo, lastEvent, recipient, promised… }), and also an order view ({ orderId, order, logistics })
 * so a card built from the REST shapes renders too.
 */
export function normalizeOrder(data) {
  const raw = data?.order ?? data ?? {};
  const doc = raw.order && typeof raw.order === 'object' ? raw.order : raw;
  const logistics = raw.logistics ?? doc.logistics ?? data?.logistics;
  let latest = raw.lastEvent ?? doc.lastEvent ?? null;
  let summary = typeof logistics === 'string' ? logistics : raw.logisticsSummary ?? doc.logisticsSummary ?? data?.logisticsSummary ?? null;
  if (!latest && Array.isArray(logistics) && logistics.length) {
    latest = [...logistics].sort((a, b) => String(a.at).localeCompare(String(b.at))).at(-1);
  } else if (!latest && logistics && typeof logistics === 'object' && !Array.isArray(logistics)) {
    latest = logistics.latest ?? logistics;
    summary ??= logistics.summary ?? null;
  }
  return {
    id: raw.orderId ?? doc.orderId ?? data?.orderId ?? '',
    status: doc.status ?? raw.status,
    statusText: doc.statusText ?? raw.statusText,
    recipient: doc.recipient ?? raw.recipient ?? null,
    shippedAt: doc.shippedAt,
    deliveredAt: doc.deliveredAt,
    items: Array.isArray(doc.items) ? doc.items : [],
    amount: doc.amount,
    currency: doc.currency ?? 'CNY',
    carrier: doc.carrier ?? latest?.carrier ?? logistics?.carrier,
    trackingNo: doc.trackingNo ?? latest?.trackingNo ?? logistics?.trackingNo,
    promisedShipBy: doc.promisedShipBy,
    promisedDeliveryBy: doc.promisedDeliveryBy,
    latest: latest && (latest.description || latest.status) ? latest : null,
    summary: typeof summary === 'string' ? summary : null,
  };
}

export function orderCard(data) {
  const order = normalizeOrder(data);
  const statusKey = `order.status.${order.status}`;
  const statusText = order.status ? (has(statusKey) ? t(statusKey) : order.statusText ?? order.status) : '';

  const items = order.items.map(item => h('li', { class: 'order__item' },
    h('span', { class: 'order__item-name' }, item.name ?? item.sku ?? ''),
    h('span', { class: 'order__item-qty' }, `×${item.quantity ?? 1}`),
    typeof item.price === 'number' ? h('span', { class: 'order__item-price' }, money(item.price, order.currency)) : null));

  const logisticsLines = [];
  if (order.carrier || order.trackingNo) {
    logisticsLines.push(h('div', { class: 'order__tracking' }, t('order.tracking', { carrier: order.carrier ?? '', trackingNo: order.trackingNo ?? '' })));
  }
  if (order.latest) {
    logisticsLines.push(h('div', { class: 'order__latest order__latest--event' },
      h('span', { class: 'order__dot', 'aria-hidden': 'true' }),
      h('span', {}, [order.latest.description ?? order.latest.status, order.latest.location].filter(Boolean).join(' · ')),
      order.latest.at ? h('time', { datetime: order.latest.at }, dateTime(order.latest.at)) : null));
  }
  if (order.summary) logisticsLines.push(h('div', { class: 'order__latest' }, order.summary));
  if (order.deliveredAt && !order.latest) {
    logisticsLines.push(h('div', { class: 'order__latest' }, t('order.deliveredAt', { date: dateTime(order.deliveredAt) })));
  }
  if (!logisticsLines.length && order.status !== 'cancelled') {
    const promise = order.promisedDeliveryBy
      ? t('order.deliverBy', { date: dateTime(order.promisedDeliveryBy) })
      : order.promisedShipBy ? t('order.shipBy', { date: dateTime(order.promisedShipBy) }) : t('order.noLogistics');
    logisticsLines.push(h('div', { class: 'order__latest order__latest--muted' }, promise));
  }

  return h('article', { class: 'order', 'data-testid': 'order-card', 'aria-label': t('order.title', { id: order.id }) },
    h('header', { class: 'order__head' },
      h('span', { class: 'order__id' }, t('order.title', { id: order.id })),
      statusText ? h('span', { class: `badge badge--${order.status ?? 'unknown'}` }, statusText) : null),
    items.length ? h('ul', { class: 'order__items', 'aria-label': t('order.items') }, items) : null,
    typeof order.amount === 'number'
      ? h('div', { class: 'order__total' }, h('span', {}, t('order.total')), h('strong', {}, money(order.amount, order.currency)))
      : null,
    h('div', { class: 'order__logistics', 'aria-label': t('order.logistics') }, logisticsLines),
    order.recipient ? h('div', { class: 'order__recipient' },
      t('order.recipient', { name: order.recipient.name ?? '', phone: order.recipient.phone ?? '' }),
      order.recipient.address ? h('span', {}, order.recipient.address) : null) : null);
}
