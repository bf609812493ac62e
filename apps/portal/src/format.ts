/** Dates as the city reads them: Beijing time, whatever the phone's own zone. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const pad = (n: number) => (n < 10 ? '0' : '') + n;

function parts(iso: string) {
  const d = new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() };
}

/** 2021年12月15日 */
export function formatDate(iso: string): string {
  const p = parts(iso);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** 2021年12月15日 09:30 */
export function formatDateTime(iso: string): string {
  const p = parts(iso);
  return `${formatDate(iso)} ${pad(p.h)}:${pad(p.min)}`;
}

/** The end of a window; an end at midnight is shown as the day before, 24:00. */
export function formatEnd(endsAt: string): string {
  const e = parts(endsAt);
  return e.h === 0 && e.min === 0 ? `${formatDate(new Date(new Date(endsAt).getTime() - 60_000).toISOString())} 24:00` : formatDateTime(endsAt);
}
