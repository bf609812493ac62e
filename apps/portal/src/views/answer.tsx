import type { PublicCampaign } from '../api';
import type { Draft, UnitDraft } from '../storage';
import { Alert, ViewHeading } from './common';
import { UnitItem, type FieldErrors } from './unit-item';

interface Props {
  campaign: PublicCampaign;
  draft: Draft;
  group: string;
  errors: FieldErrors;
  /** Shown above the units when going on was refused. */
  problem: string | null;
  onGroup(code: string): void;
  onUnit(unitId: number, next: UnitDraft): void;
  onReview(): void;
  onBack(): void;
}

/** The units of one group at a time, with the groups as a row of tabs-like buttons and the progress. */
export function AnswerView({ campaign: c, draft, group, errors, problem, onGroup, onUnit, onReview, onBack }: Props) {
  const total = c.groups.reduce((n, g) => n + g.units.length, 0);
  const done = (units: { id: number }[]) => units.filter((u) => draft.answers[u.id]?.answer).length;
  const answered = done(c.groups.reduce<{ id: number }[]>((all, g) => all.concat(g.units), []));
  const index = Math.max(0, c.groups.findIndex((g) => g.code === group));
  const current = c.groups[index]!;
  const next = c.groups[index + 1];
  const pct = total ? Math.round((answered / total) * 100) : 0;

  const switchTo = (code: string) => {
    onGroup(code);
    window.scrollTo(0, 0);
  };

  return (
    <>
      <ViewHeading class="title-small">{c.name}</ViewHeading>
      <div class="progress" id="progress">
        <p>
          已评价 <strong>{answered}</strong> / {total} 个单位
        </p>
        <div class="bar" aria-hidden="true">
          <div class="bar-fill" style={{ width: `${pct}%` }} />
        </div>
      </div>

      <nav class="groups" aria-label="单位分组">
        <ul>
          {c.groups.map((g) => (
            <li key={g.code}>
              <button type="button" class={`group-chip${g.code === current.code ? ' current' : ''}`} aria-current={g.code === current.code ? 'true' : undefined} onClick={() => switchTo(g.code)}>
                {g.name}
                <span class="count">
                  <span class="sr-only">，已评价</span>
                  {done(g.units)}/{g.units.length}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>

      {problem && <Alert id="answer-problem">{problem}</Alert>}

      <h2 class="group-title">
        {current.name}
        <span class="muted">（{current.units.length} 个单位）</span>
      </h2>
      {current.units.map((u) => (
        <UnitItem key={u.id} unit={u} campaign={c} value={draft.answers[u.id] ?? {}} errors={errors} onChange={(v) => onUnit(u.id, v)} />
      ))}

      <div class="actions split">
        {next ? (
          <button type="button" class="btn" onClick={() => switchTo(next.code)}>
            下一组：{next.name}
          </button>
        ) : (
          <button type="button" class="btn" onClick={onBack}>
            返回说明
          </button>
        )}
      </div>

      <div class="bottom-bar">
        <p aria-hidden="true">
          已评价 {answered}/{total}
        </p>
        <button type="button" class="btn btn-primary" onClick={onReview}>
          核对并提交
        </button>
      </div>
    </>
  );
}
