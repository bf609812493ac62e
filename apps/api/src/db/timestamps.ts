/** A timestamp column as the API sends it: an ISO 8601 instant, or null. */
export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
