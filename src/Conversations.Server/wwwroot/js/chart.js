// Small time-series line charts drawn as SVG by hand: gridlines, y labels, time labels, a soft area
// under the first series and a dot on each series' latest value.

const SVG = 'http://www.w3.org/2000/svg';
const PAD = { top: 12, right: 16, bottom: 24, left: 44 };

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const TICKS = 4;

/** An axis top that is four round steps (1, 2, 2.5, 5 × 10^n each), so every gridline gets a round label. */
export function niceMax(value) {
  if (!(value > 0)) return TICKS;
  const raw = value / TICKS;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * power).find(s => s >= raw);
  return step * TICKS;
}

/**
 * Draws into `host` (replacing what was there).
 * series: [{ name, color, points: [{ t: ms, v: number|null }] }]; options: { yMax?, format(v), timeFormat(ms), label }
 */
export function drawLineChart(host, series, options = {}) {
  const width = Math.max(240, host.clientWidth || 480);
  const height = Math.max(140, host.clientHeight || 200);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': options.label ?? '' });
  svg.append(el('title', {}, options.label ?? ''));

  const all = series.flatMap(s => s.points).filter(p => typeof p.v === 'number' && Number.isFinite(p.v));
  const innerW = width - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const format = options.format ?? (v => (Number.isInteger(v) ? String(v) : v.toFixed(1)));

  const tMin = all.length ? Math.min(...all.map(p => p.t)) : Date.now() - 60_000;
  const tMax = all.length ? Math.max(...all.map(p => p.t)) : Date.now();
  const tSpan = Math.max(1, tMax - tMin);
  const yMax = options.yMax ?? niceMax(Math.max(0, ...all.map(p => p.v)) * 1.1);
  const x = t => PAD.left + ((t - tMin) / tSpan) * innerW;
  const y = v => PAD.top + innerH - (Math.max(0, Math.min(v, yMax)) / yMax) * innerH;

  const grid = el('g', { class: 'chart__grid' });
  for (let i = 0; i <= TICKS; i++) {
    const value = (yMax / TICKS) * i;
    const yy = y(value);
    grid.append(el('line', { x1: PAD.left, x2: width - PAD.right, y1: yy, y2: yy }));
    grid.append(el('text', { x: PAD.left - 6, y: yy + 4, 'text-anchor': 'end' }, format(value)));
  }
  if (all.length) {
    const timeFormat = options.timeFormat ?? (t => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
    for (const [t, anchor] of [[tMin, 'start'], [tMin + tSpan / 2, 'middle'], [tMax, 'end']]) {
      grid.append(el('text', { x: x(t), y: height - 6, 'text-anchor': anchor }, timeFormat(t)));
    }
  }
  svg.append(grid);

  series.forEach((s, index) => {
    const points = s.points.filter(p => typeof p.v === 'number' && Number.isFinite(p.v));
    if (!points.length) return;
    const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
    if (index === 0 && points.length > 1) {
      const area = `${line}L${x(points.at(-1).t).toFixed(1)},${y(0)}L${x(points[0].t).toFixed(1)},${y(0)}Z`;
      svg.append(el('path', { d: area, fill: s.color, 'fill-opacity': 0.12, stroke: 'none' }));
    }
    svg.append(el('path', { d: line, fill: 'none', stroke: s.color, 'stroke-width': 2, 'stroke-linejoin': 'round', 'stroke-linecap': 'round' }));
    const last = points.at(-1);
    svg.append(el('circle', { cx: x(last.t), cy: y(last.v), r: 3.5, fill: '#fff', stroke: s.color, 'stroke-width': 2 }));
  });

  if (!all.length && options.emptyText) {
    svg.append(el('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart__empty' }, options.emptyText));
  }
  host.replaceChildren(svg);
}
