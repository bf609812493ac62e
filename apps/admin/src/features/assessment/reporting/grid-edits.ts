import { EVENT_METHODS as EVENT_METHOD_NAMES, type SchemeDocument, type SchemeIndicator, type SchemeMethod } from '@kaoping/shared';
import type { GridRow, ReportEvent, ValueEntry } from './reporting.api';

/** What the person has typed into one row and not yet saved. */
export interface RowDraft {
  value: number | null;
  grade: string | null;
  events: ReportEvent[] | null;
  note: string | null;
}

export type Drafts = Record<number, RowDraft>;

/** Methods whose rows record events (扣分/加分/否决) instead of a number. */
export const EVENT_METHODS: ReadonlySet<string> = new Set(EVENT_METHOD_NAMES);

/** Event rows still showing 本期无事项 unconfirmed: nothing recorded, saved or typed, and editable. */
export function pendingNoEvents(rows: GridRow[], drafts: Drafts): GridRow[] {
  return rows.filter((r) => r.canEdit && EVENT_METHODS.has(r.indicator.method) && shownCell(r, drafts).events === null);
}

/** The row as it is shown: the unsaved draft over the saved value. */
export function shownCell(row: GridRow, drafts: Drafts): RowDraft {
  return drafts[row.indicator.id] ?? { value: row.value, grade: row.grade, events: row.events, note: row.note };
}

// No events recorded (null) differs from "recorded: none" ([]), which fills a 扣分 row.
const sameEvents = (a: ReportEvent[] | null, b: ReportEvent[] | null) => JSON.stringify(a) === JSON.stringify(b);
const emptyText = (s: string | null) => (s ?? '').trim() === '';

/** True when the draft differs from what is saved. */
export function isChanged(row: GridRow, d: RowDraft | undefined): boolean {
  if (!d) return false;
  return (
    d.value !== row.value ||
    (d.grade ?? null) !== (row.grade ?? null) ||
    !sameEvents(d.events, row.events) ||
    (emptyText(d.note) ? '' : d.note) !== (emptyText(row.note) ? '' : row.note)
  );
}

/** The rows with unsaved changes the person may still save. */
export function changedRows(rows: GridRow[], drafts: Drafts): GridRow[] {
  return rows.filter((r) => r.canEdit && isChanged(r, drafts[r.indicator.id]));
}

/** The save request for the changed rows; a method takes only its kind of input. */
export function toEntries(rows: GridRow[], drafts: Drafts): ValueEntry[] {
  return changedRows(rows, drafts).map((r) => {
    const d = drafts[r.indicator.id]!;
    const note = emptyText(d.note) ? null : d.note!.trim();
    if (r.indicator.method === 'grade') return { indicatorId: r.indicator.id, grade: d.grade, note };
    if (EVENT_METHODS.has(r.indicator.method)) return { indicatorId: r.indicator.id, events: d.events ?? [], note };
    return { indicatorId: r.indicator.id, value: d.value, note };
  });
}

/** Every node of a scheme document by code, so a row can find its method's options. */
export function indicatorsByCode(doc: SchemeDocument | undefined): Map<string, SchemeIndicator> {
  const out = new Map<string, SchemeIndicator>();
  const walk = (nodes: SchemeIndicator[]) => {
    for (const n of nodes) {
      out.set(n.code, n);
      if (n.children) walk(n.children);
    }
  };
  if (doc) walk(doc.indicators);
  return out;
}

/** The grades an assessor may pick: the method's own scale, else 优/良/中/差. */
export function gradeOptions(method: SchemeMethod | undefined): string[] {
  if (method?.type === 'grade' && method.shares) return Object.keys(method.shares);
  return ['优', '良', '中', '差'];
}

/** Whether the row has anything entered (a value, a grade, or events). */
export function isFilled(cell: RowDraft, method: string): boolean {
  if (method === 'grade') return !!cell.grade;
  if (EVENT_METHODS.has(method)) return cell.events !== null;
  return cell.value !== null;
}
