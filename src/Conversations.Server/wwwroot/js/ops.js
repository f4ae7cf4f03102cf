// The live operations view: polls GET /api/stats (admin token) and /health/ready every 2 s, shows the
// figures shops watch as tiles and keeps a few minutes of history for the charts.

import { $, h } from './dom.js';
import { t, lang, initLanguageSwitch } from './i18n.js';
import { TokenSource, api } from './connection.js';
import { drawLineChart } from './chart.js';
import { number, percent, time } from './format.js';

const POLL_MS = 2000;
const HISTORY_SAMPLES = 180; // six minutes at one sample every two seconds
const HISTORY_KEY = 'conversations.ops.history';
const COLORS = { activeSessions: '#2563eb', queued: '#f97316', agentsOnline: '#16a34a', containment: '#7c3aed', firstResponse: '#0891b2' };

const params = new URLSearchParams(location.search);
const tokens = new TokenSource('admin', params.get('admin') || 'ops-admin');

const state = {
  latest: null,
  history: loadHistory(),
  paused: false,
  error: null,
  ready: null,
  timer: null,
};

function loadHistory() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(saved) ? saved.slice(-HISTORY_SAMPLES) : [];
  } catch {
    return [];
  }
}

function saveHistory() {
  try {
    sessionStorage.setItem(HISTORY_KEY, JSON.stringify(state.history));
  } catch {
    // Full or blocked storage only costs the history across a reload.
  }
}

async function poll() {
  clearTimeout(state.timer);
  const [stats, ready] = await Promise.allSettled([api(tokens, '/api/stats'), fetch('/health/ready', { cache: 'no-store' })]);
  state.ready = ready.status === 'fulfilled' ? ready.value.ok : false;
  if (stats.status === 'fulfilled' && stats.value && typeof stats.value === 'object') {
    state.latest = stats.value;
    state.error = null;
    state.history.push({ t: Date.now(), ...pick(stats.value) });
    if (state.history.length > HISTORY_SAMPLES) state.history.splice(0, state.history.length - HISTORY_SAMPLES);
    saveHistory();
  } else {
    state.error = stats.reason?.message ?? String(stats.reason ?? 'unknown');
  }
  render();
  if (!state.paused) state.timer = setTimeout(poll, POLL_MS);
}

/** The figures worth charting, kept small so six minutes of history fit in session storage. */
function pick(s) {
  return {
    activeSessions: s.activeSessions,
    queued: s.queued,
    agentsOnline: s.agentsOnline,
    containment: ratio(s.botContainmentRate),
    firstResponse: typeof s.avgFirstResponseMs === 'number' ? s.avgFirstResponseMs / 1000 : null,
  };
}

/** Containment may come as 0..1 or as a percentage; the charts want 0..1. */
function ratio(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return value > 1 ? value / 100 : value;
}

function seconds(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return t('common.none');
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`;
}

function tiles(s) {
  // Containment is a share of ended sessions: before the first one ends there is nothing to judge.
  const containment = s.sessionsEnded === 0 ? null : ratio(s.botContainmentRate);
  const csat = typeof s.csatAverage === 'number' && (s.csatRatings ?? 1) > 0 ? s.csatAverage : null;
  const first = s.avgFirstResponseMs;
  return [
    { key: 'activeSessions', value: number(s.activeSessions), sub: s.sessionsStarted !== undefined ? t('ops.sub.sessionsStarted', { n: number(s.sessionsStarted) }) : null, tone: 'blue' },
    { key: 'queued', value: number(s.queued), sub: null, tone: s.queued > 0 && s.agentsOnline === 0 ? 'bad' : s.queued > (s.agentsOnline ?? 0) * 3 ? 'warn' : 'orange' },
    { key: 'agentsOnline', value: number(s.agentsOnline), sub: null, tone: s.agentsOnline > 0 ? 'green' : 'warn' },
    { key: 'slaBreaches', value: number(s.slaBreaches), sub: s.slaWarnings !== undefined ? t('ops.sub.slaWarnings', { n: number(s.slaWarnings) }) : null, tone: s.slaBreaches > 0 ? 'bad' : 'green' },
    { key: 'botContainmentRate', value: percent(containment), sub: t('ops.sub.target75'), tone: containment === null ? 'plain' : containment >= 0.75 ? 'green' : containment >= 0.5 ? 'warn' : 'bad' },
    { key: 'csatAverage', value: csat === null ? t('common.none') : `${csat.toFixed(2)} / 5`, sub: s.csatRatings !== undefined ? t('ops.sub.csatRatings', { n: number(s.csatRatings) }) : null, tone: csat === null ? 'plain' : csat >= 4.5 ? 'green' : csat >= 3.5 ? 'warn' : 'bad' },
    { key: 'avgFirstResponseMs', value: seconds(first), sub: t('ops.sub.target30'), tone: !(first > 0) ? 'plain' : first <= 30_000 ? 'green' : first <= 60_000 ? 'warn' : 'bad' },
    { key: 'handoffs', value: number(s.handoffs), sub: typeof s.avgHandleSeconds === 'number' && s.avgHandleSeconds > 0 ? t('ops.sub.avgHandle', { v: seconds(s.avgHandleSeconds * 1000) }) : s.messagesStored !== undefined ? t('ops.sub.messagesStored', { n: number(s.messagesStored) }) : null, tone: 'plain' },
  ];
}

function sparkline(key) {
  const values = state.history.map(sample => sample[key === 'botContainmentRate' ? 'containment' : key === 'avgFirstResponseMs' ? 'firstResponse' : key]).filter(v => typeof v === 'number');
  if (values.length < 2) return null;
  const recent = values.slice(-40);
  const max = Math.max(...recent, 1e-9);
  const min = Math.min(...recent, 0);
  const span = max - min || 1;
  const points = recent.map((v, i) => `${((i / (recent.length - 1)) * 100).toFixed(1)},${(28 - ((v - min) / span) * 26).toFixed(1)}`).join(' ');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 100 30');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'tile__spark');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points);
  svg.append(line);
  return svg;
}

function render() {
  const health = $('#health');
  health.dataset.ready = String(state.ready);
  health.querySelector('[data-health-text]').textContent = state.ready ? t('ops.ready') : t('ops.notReady');

  $('#updated').textContent = state.paused
    ? t('ops.paused')
    : state.history.length ? t('ops.updated', { time: time(new Date(state.history.at(-1).t).toISOString()) }) : '';
  const errorBanner = $('#stats-error');
  errorBanner.hidden = !state.error;
  if (state.error) errorBanner.querySelector('[data-banner-text]').textContent = t('ops.stale', { error: state.error });

  const s = state.latest;
  if (s) {
    $('#tiles').replaceChildren(...tiles(s).map(tile => h('article', { class: `tile tile--${tile.tone}`, 'data-testid': `tile-${tile.key}` },
      h('h2', { class: 'tile__label' }, t(`ops.tile.${tile.key}`)),
      h('p', { class: 'tile__value' }, tile.value),
      tile.sub ? h('p', { class: 'tile__sub' }, tile.sub) : null,
      sparkline(tile.key))));
  } else if (!$('#tiles').children.length) {
    $('#tiles').replaceChildren(h('p', { class: 'empty' }, t('ops.noData')));
  }
  renderQueues(s?.queues);
  drawCharts();
}

/** One row per `<skill>:<language>` queue: a bar for who is waiting, agents able to take it, offers out. */
function renderQueues(queues) {
  const host = $('#queues');
  if (!Array.isArray(queues) || !queues.length) {
    host.replaceChildren(h('p', { class: 'empty' }, t('ops.noData')));
    return;
  }
  const most = Math.max(1, ...queues.map(q => q.waiting ?? 0));
  const head = h('tr', {}, ['queue', 'waiting', 'agents', 'offers'].map(key => h('th', { scope: 'col' }, t(`ops.queue.${key}`))));
  const rows = queues.map(q => {
    const [skill, language] = String(q.queue).split(':');
    const name = skill && language ? `${t(`agent.skill.${skill}`)} · ${t(`agent.language.${language}`)}` : q.queue;
    const starving = (q.waiting ?? 0) > 0 && !(q.agentsWithCapacity > 0);
    return h('tr', { class: starving ? 'is-starving' : null, 'data-queue': q.queue },
      h('th', { scope: 'row' }, h('span', {}, name), h('span', { class: 'mono muted' }, ` ${q.queue}`)),
      h('td', { class: 'queues__bar-cell' },
        h('span', { class: 'queues__bar', style: `width:${((q.waiting ?? 0) / most) * 85}%` }),
        h('span', { class: 'queues__num' }, number(q.waiting))),
      h('td', {}, `${number(q.agentsWithCapacity)} / ${number(q.agentsKnown)}`),
      h('td', {}, number(q.offersPending)));
  });
  host.replaceChildren(h('table', { class: 'queues__table' }, h('thead', {}, head), h('tbody', {}, rows)));
}

function series(key, name, color) {
  return { name, color, points: state.history.map(sample => ({ t: sample.t, v: sample[key] })) };
}

function legend(host, list) {
  host.replaceChildren(...list.map(s => h('span', { class: 'legend__item' }, h('span', { class: 'legend__swatch', style: `background:${s.color}` }), s.name)));
}

const clock = ms => new Date(ms).toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function drawCharts() {
  const sessions = [
    series('activeSessions', t('ops.series.activeSessions'), COLORS.activeSessions),
    series('queued', t('ops.series.queued'), COLORS.queued),
    series('agentsOnline', t('ops.series.agentsOnline'), COLORS.agentsOnline),
  ];
  legend($('#legend-sessions'), sessions);
  drawLineChart($('#chart-sessions'), sessions, { label: t('ops.chart.sessions'), emptyText: t('ops.noData'), timeFormat: clock });

  const containment = [series('containment', t('ops.series.containment'), COLORS.containment)];
  legend($('#legend-containment'), containment);
  drawLineChart($('#chart-containment'), containment, { label: t('ops.chart.containment'), yMax: 1, format: v => `${Math.round(v * 100)}%`, emptyText: t('ops.noData'), timeFormat: clock });

  const first = [series('firstResponse', t('ops.series.firstResponse'), COLORS.firstResponse)];
  legend($('#legend-first-response'), first);
  drawLineChart($('#chart-first-response'), first, { label: t('ops.chart.firstResponse'), format: v => `${Number.isInteger(v) ? v : v.toFixed(1)} s`, emptyText: t('ops.noData'), timeFormat: clock });

  const minutes = Math.max(1, Math.round((HISTORY_SAMPLES * POLL_MS) / 60_000));
  $('#window-note').textContent = t('ops.window', { n: minutes });
}

function wireUp() {
  initLanguageSwitch();
  const pause = $('#pause');
  pause.addEventListener('click', () => {
    state.paused = !state.paused;
    pause.setAttribute('aria-pressed', String(state.paused));
    pause.textContent = state.paused ? t('ops.resume') : t('ops.pause');
    if (state.paused) clearTimeout(state.timer);
    else poll();
    render();
  });
  document.addEventListener('langchange', () => {
    pause.textContent = state.paused ? t('ops.resume') : t('ops.pause');
    render();
  });
  let resizeTimer = null;
  addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(drawCharts, 150);
  });
  render();
}

wireUp();
poll();
