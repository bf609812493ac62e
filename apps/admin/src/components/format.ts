import dayjs from 'dayjs';

/** Local date and time to the minute, e.g. 2025-12-24 09:30. */
export function formatDateTime(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : fallback;
}

/** Local date and time to the second, for the audit log. */
export function formatTimestamp(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}
