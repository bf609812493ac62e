import { useEffect, useRef, useState } from 'preact/hooks';
import { ANSWERS, type Answer, type PublicCampaign, type PublicUnit } from '../api';
import type { UnitDraft } from '../storage';
import { describedBy, FieldError, Paragraphs } from './common';

export const REASON_MAX = 500;
export const SUGGESTION_MAX = 1000;

/** Field errors by key: `<unitId>.answer`, `<unitId>.reason`, `<unitId>.suggestion`. */
export type FieldErrors = Record<string, string | undefined>;

interface Props {
  unit: PublicUnit;
  campaign: PublicCampaign;
  value: UnitDraft;
  errors: FieldErrors;
  onChange(next: UnitDraft): void;
}

/** One unit: its public card, the four answers, the reason on 不满意 and an optional suggestion. */
export function UnitItem({ unit, campaign, value, errors, onChange }: Props) {
  const q = campaign.questionnaire;
  const base = `u${unit.id}`;
  const [suggesting, setSuggesting] = useState(!!value.suggestion);
  const [focusSuggestion, setFocusSuggestion] = useState(false);
  const suggestionRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusSuggestion) suggestionRef.current?.focus();
  }, [focusSuggestion]);
  const needsReason = value.answer === 'dissatisfied' && q.reasonOnDissatisfied;
  const hasCard = !!(unit.duties || unit.highlights);
  const answerError = errors[`${unit.id}.answer`];
  const reasonError = errors[`${unit.id}.reason`];
  const suggestionError = errors[`${unit.id}.suggestion`];

  const choose = (answer: Answer) => onChange({ ...value, answer });

  return (
    <section class={`unit${value.answer ? ' answered' : ''}`} aria-labelledby={`${base}-name`} data-unit={unit.id}>
      <h3 id={`${base}-name`}>
        {unit.name}
        {value.answer && (
          <span class={`tag tag-${value.answer}`}>
            <span class="sr-only">，已评价：</span>
            {q.answers[value.answer]}
          </span>
        )}
      </h3>
      {hasCard && (
        <details class="unit-card">
          <summary>查看单位职责与年度亮点</summary>
          {unit.duties && (
            <div class="card-part">
              <p class="card-label">主要职责</p>
              <Paragraphs text={unit.duties} />
            </div>
          )}
          {unit.highlights && (
            <div class="card-part">
              <p class="card-label">年度工作亮点</p>
              <Paragraphs text={unit.highlights} />
            </div>
          )}
        </details>
      )}
      <fieldset class="answers" aria-describedby={describedBy(answerError && `${base}-answer-err`)} aria-invalid={answerError ? 'true' : undefined}>
        <legend>
          <span class="sr-only">{unit.name}：</span>您的评价
        </legend>
        <div class="choices">
          {ANSWERS.map((a) => (
            <label key={a} class={`choice choice-${a}${value.answer === a ? ' checked' : ''}`}>
              <input type="radio" name={`${base}-answer`} value={a} checked={value.answer === a} onChange={() => choose(a)} />
              <span>{q.answers[a]}</span>
            </label>
          ))}
        </div>
        <FieldError id={`${base}-answer-err`} message={answerError} />
      </fieldset>
      {value.answer && (
        <button type="button" class="link-button small" onClick={() => onChange({ ...value, answer: undefined })}>
          撤销对本单位的评价
        </button>
      )}

      {needsReason && (
        <div class="field">
          <label for={`${base}-reason`}>
            {q.answers.dissatisfied}的原因<span class="required">（必填）</span>
          </label>
          <textarea
            id={`${base}-reason`}
            rows={3}
            maxLength={REASON_MAX}
            required
            aria-required="true"
            aria-invalid={reasonError ? 'true' : undefined}
            aria-describedby={describedBy(reasonError && `${base}-reason-err`, `${base}-reason-hint`)}
            value={value.reason ?? ''}
            onInput={(e) => onChange({ ...value, reason: e.currentTarget.value })}
          />
          <p id={`${base}-reason-hint`} class="hint">
            请简要说明遇到的问题，例如办事经历、时间和地点。{(value.reason ?? '').length}/{REASON_MAX}
          </p>
          <FieldError id={`${base}-reason-err`} message={reasonError} />
        </div>
      )}

      {!suggesting ? (
        <button
          type="button"
          class="link-button"
          onClick={() => {
            setSuggesting(true);
            setFocusSuggestion(true);
          }}
        >
          ＋ 对本单位提意见建议（选填）
        </button>
      ) : (
        <div class="field">
          <label for={`${base}-suggestion`}>意见建议（选填）</label>
          <textarea
            id={`${base}-suggestion`}
            ref={suggestionRef}
            rows={3}
            maxLength={SUGGESTION_MAX}
            aria-invalid={suggestionError ? 'true' : undefined}
            aria-describedby={describedBy(suggestionError && `${base}-suggestion-err`, `${base}-suggestion-hint`)}
            value={value.suggestion ?? ''}
            onInput={(e) => onChange({ ...value, suggestion: e.currentTarget.value })}
          />
          <p id={`${base}-suggestion-hint`} class="hint">
            将转交该单位办理，提交后可凭回执编号查看答复。请不要填写姓名、电话等个人信息。{(value.suggestion ?? '').length}/{SUGGESTION_MAX}
          </p>
          <FieldError id={`${base}-suggestion-err`} message={suggestionError} />
        </div>
      )}
    </section>
  );
}
