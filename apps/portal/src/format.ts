/**
 * Dates as the city reads them: in the deployment's time zone (the API names it), whatever the phone's
 * own zone. Where the browser cannot convert to that zone, the phone's local time is the fallback.
 */

const pad = (n: number) => (n < 10 ? '0' : '') + n;

interface Parts {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
}

const formats: Record<string, Intl.DateTimeFormat | null> = {};

function formatIn(zone: string): Intl.DateTimeFormat | null {
  if (!(zone in formats)) {
    try {
      formats[zone] = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    } catch {
      formats[zone] = null;
    }
  }
  return formats[zone]!;
}

function parts(iso: string, zone: string): Parts {
  const t = new Date(iso);
  const f = formatIn(zone);
  if (f && typeof f.formatToParts === 'function') {
    const p: Record<string, number> = {};
    for (const x of f.formatToParts(t)) if (x.type !== 'literal') p[x.type] = Number(x.value);
    // Some engines write midnight as 24.
    return { y: p.year!, m: p.month!, d: p.day!, h: p.hour! % 24, min: p.minute! };
  }
  return { y: t.getFullYear(), m: t.getMonth() + 1, d: t.getDate(), h: t.getHours(), min: t.getMinutes() };
}

/** 2021年12月15日 */
export function formatDate(iso: string, zone: string): string {
  const p = parts(iso, zone);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** 2021年12月15日 09:30 */
export function formatDateTime(iso: string, zone: string): string {
  const p = parts(iso, zone);
  return `${formatDate(iso, zone)} ${pad(p.h)}:${pad(p.min)}`;
}

/** The end of a window; an end at midnight is shown as the day before, 24:00. */
export function formatEnd(endsAt: string, zone: string): string {
  const e = parts(endsAt, zone);
  return e.h === 0 && e.min === 0 ? `${formatDate(new Date(new Date(endsAt).getTime() - 60_000).toISOString(), zone)} 24:00` : formatDateTime(endsAt, zone);
}
