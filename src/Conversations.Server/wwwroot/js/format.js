import { lang, t } from './i18n.js';

const locale = () => (lang() === 'zh' ? 'zh-CN' : 'en-GB');

export function time(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });
}

export function dateTime(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale(), { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function money(amount, currency = 'CNY') {
  if (typeof amount !== 'number') return '';
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** "45 s" below two minutes, "3 min" above: what a waiting customer wants to read. */
export function duration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return t('common.none');
  if (seconds < 120) return t('common.seconds', { n: Math.max(0, Math.round(seconds)) });
  return t('common.minutes', { n: Math.round(seconds / 60) });
}

export function number(value, digits = 0) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return t('common.none');
  return value.toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function percent(ratio) {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio)) return t('common.none');
  return `${(ratio * 100).toFixed(1)}%`;
}

/** The stable error code a hub or REST error starts with (E_RATE_LIMITED …), or null. */
export function errorCode(error) {
  const match = /\b(E_[A-Z_]+)\b/.exec(String(error?.message ?? error ?? ''));
  return match ? match[1] : null;
}

/** A short, human message for an error: the server's text after its code, without SignalR's prefix. */
export function errorText(error) {
  const message = String(error?.message ?? error ?? 'unknown error');
  return message.replace(/^An unexpected error occurred invoking '\w+' on the server\.\s*/, '')
    .replace(/^HubException:\s*/, '')
    .trim();
}
