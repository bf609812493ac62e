import { describe, expect, it } from 'vitest';
import { changedRows, gradeOptions, isChanged, isFilled, pendingNoEvents, shownCell, toEntries, type Drafts } from './grid-edits';
import type { GridRow } from './reporting.api';

let nextId = 1;
/** A grid row as the API sends it, with what a case needs changed. */
function row(method: string, over: Partial<GridRow> = {}): GridRow {
  const id = nextId++;
  return {
    indicator: { id, code: `C${id}`, name: `指标${id}`, points: 10, unitLabel: null, direction: 'higher', method, dataSourceUnitId: null },
    target: null,
    lastYear: null,
    limits: null,
    valueId: null,
    value: null,
    grade: null,
    events: null,
    note: null,
    status: 'empty',
    returnReason: null,
    evidenceCount: 0,
    canEdit: true,
    ...over,
  };
}

describe('the reporting grid’s unsaved edits', () => {
  it('shows the draft over the saved value, and the saved value when nothing was typed', () => {
    const r = row('target_ratio', { value: 12 });
    expect(shownCell(r, {}).value).toBe(12);
    expect(shownCell(r, { [r.indicator.id]: { value: 15, grade: null, events: null, note: null } }).value).toBe(15);
  });

  it('counts a row as changed only when what is typed differs from what is saved', () => {
    const r = row('target_ratio', { value: 12, note: '  ' });
    expect(isChanged(r, undefined)).toBe(false);
    expect(isChanged(r, { value: 12, grade: null, events: null, note: '' })).toBe(false);
    expect(isChanged(r, { value: 12, grade: null, events: null, note: '说明' })).toBe(true);
    expect(isChanged(r, { value: 13, grade: null, events: null, note: null })).toBe(true);
  });

  it('tells "no events recorded" from "recorded: none" (本期无事项)', () => {
    const r = row('deduct', { events: null });
    expect(isChanged(r, { value: null, grade: null, events: [], note: null })).toBe(true);
    expect(isFilled({ value: null, grade: null, events: [], note: null }, 'deduct')).toBe(true);
    expect(isFilled({ value: null, grade: null, events: null, note: null }, 'deduct')).toBe(false);
    expect(pendingNoEvents([r], {})).toEqual([r]);
    expect(pendingNoEvents([r], { [r.indicator.id]: { value: null, grade: null, events: [], note: null } })).toEqual([]);
  });

  it('saves only rows the person may edit, each with its method’s kind of input and a trimmed note', () => {
    const number = row('target_ratio', { value: 1 });
    const grade = row('grade');
    const events = row('deduct');
    const locked = row('target_ratio', { value: 1, canEdit: false });
    const drafts: Drafts = {
      [number.indicator.id]: { value: 2, grade: '优', events: null, note: ' 已核实 ' },
      [grade.indicator.id]: { value: 5, grade: '良', events: null, note: null },
      [events.indicator.id]: { value: null, grade: null, events: [], note: '' },
      [locked.indicator.id]: { value: 9, grade: null, events: null, note: null },
    };
    const rows = [number, grade, events, locked];
    expect(changedRows(rows, drafts)).toEqual([number, grade, events]);
    expect(toEntries(rows, drafts)).toEqual([
      { indicatorId: number.indicator.id, value: 2, note: '已核实' },
      { indicatorId: grade.indicator.id, grade: '良', note: null },
      { indicatorId: events.indicator.id, events: [], note: null },
    ]);
  });

  it('offers the method’s own grades, else 优/良/中/差', () => {
    expect(gradeOptions({ type: 'grade', shares: { A: 1, B: 0.8 } } as never)).toEqual(['A', 'B']);
    expect(gradeOptions(undefined)).toEqual(['优', '良', '中', '差']);
  });
});
