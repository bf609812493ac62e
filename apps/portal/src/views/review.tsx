import { useEffect, useState } from 'preact/hooks';
import type { Mode, PublicCampaign } from '../api';
import type { Draft } from '../storage';
import { Alert, describedBy, FieldError, ViewHeading } from './common';
import type { FieldErrors } from './unit-item';

export interface SmsState {
  phone: string;
  code: string;
  /** When another code may be asked for (ms since epoch). */
  resendAt: number;
  sending: boolean;
  sentTo: string | null;
}

interface Props {
  campaign: PublicCampaign;
  draft: Draft;
  /** The verification mode: fixed by an invitation link, or chosen among sms/open. */
  mode: Mode;
  modeChoices: Mode[];
  sms: SmsState;
  errors: FieldErrors;
  problem: string | null;
  /** A submission may have reached the server: tell the citizen a retry is safe. */
  retryable: boolean;
  submitting: boolean;
  onMode(mode: Mode): void;
  onSms(next: Partial<SmsState>): void;
  onRequestCode(): void;
  onExtra(key: string, value: string): void;
  onEdit(group: string): void;
  onSubmit(): void;
}

/** Re-renders every second while active (for a countdown). */
function useTicking(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [active]);
}

const MODE_LABEL: Record<Mode, string> = { invitation: '邀请链接', sms: '手机短信验证', open: '不验证手机，以本设备参加' };

/** Everything the citizen is about to send, the extra questions, the verification and the submit button. */
export function ReviewView(p: Props) {
  const c = p.campaign;
  const q = c.questionnaire;
  useTicking(p.sms.resendAt > Date.now());
  const wait = Math.max(0, Math.ceil((p.sms.resendAt - Date.now()) / 1000));
  const groups = c.groups
    .map((g) => ({ group: g, units: g.units.filter((u) => p.draft.answers[u.id]?.answer) }))
    .filter((x) => x.units.length > 0);
  const count = groups.reduce((n, x) => n + x.units.length, 0);
  const suggestions = groups.reduce((n, x) => n + x.units.filter((u) => (p.draft.answers[u.id]!.suggestion ?? '').trim()).length, 0);
  const phoneErr = p.errors.phone;
  const codeErr = p.errors.code;

  return (
    <>
      <ViewHeading>核对并提交</ViewHeading>
      <p>
        您评价了 <strong>{count}</strong> 个单位，提出了 <strong>{suggestions}</strong> 条意见建议。提交后不能修改，请核对。
      </p>

      <section aria-labelledby="review-list-title">
        <h2 id="review-list-title">您的评价</h2>
        {groups.map(({ group, units }) => (
          <div class="card review-group" key={group.code}>
            <div class="review-group-head">
              <h3>{group.name}</h3>
              <button type="button" class="link-button" onClick={() => p.onEdit(group.code)}>
                修改<span class="sr-only">{group.name}的评价</span>
              </button>
            </div>
            <ul class="review-list">
              {units.map((u) => {
                const a = p.draft.answers[u.id]!;
                return (
                  <li key={u.id}>
                    <span class="review-unit">{u.name}</span>
                    <span class={`tag tag-${a.answer}`}>{q.answers[a.answer!]}</span>
                    {a.answer === 'dissatisfied' && a.reason && <p class="review-text">原因：{a.reason}</p>}
                    {a.suggestion && a.suggestion.trim() && <p class="review-text">意见建议：{a.suggestion}</p>}
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </section>

      {q.extraQuestions.length > 0 && (
        <section aria-labelledby="extra-title">
          <h2 id="extra-title">其他问题（选填）</h2>
          {q.extraQuestions.map((x) => (
            <fieldset class="card extra" key={x.key} aria-describedby={describedBy(p.errors[`extra.${x.key}`] && `extra-${x.key}-err`)}>
              <legend>{x.text}</legend>
              <div class="options">
                {x.options.map((o) => (
                  <label key={o} class={`option${p.draft.extra[x.key] === o ? ' checked' : ''}`}>
                    <input type="radio" name={`extra-${x.key}`} value={o} checked={p.draft.extra[x.key] === o} onChange={() => p.onExtra(x.key, o)} />
                    <span>{o}</span>
                  </label>
                ))}
              </div>
              <FieldError id={`extra-${x.key}-err`} message={p.errors[`extra.${x.key}`]} />
            </fieldset>
          ))}
        </section>
      )}

      <section aria-labelledby="verify-title">
        <h2 id="verify-title">身份验证</h2>
        {p.mode === 'invitation' && <p class="card">您通过邀请链接参加（市民代表）。每个邀请链接只能提交一次。</p>}
        {p.modeChoices.length > 1 && (
          <fieldset class="card">
            <legend>验证方式</legend>
            <div class="options">
              {p.modeChoices.map((m) => (
                <label key={m} class={`option${p.mode === m ? ' checked' : ''}`}>
                  <input type="radio" name="mode" value={m} checked={p.mode === m} onChange={() => p.onMode(m)} />
                  <span>{MODE_LABEL[m]}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {p.mode === 'open' && <p class="card">以本设备参加：每台设备只能提交一次。</p>}
        {p.mode === 'sms' && (
          <div class="card">
            <div class="field">
              <label for="phone">手机号</label>
              <div class="inline">
                <input
                  id="phone"
                  type="tel"
                  inputMode="numeric"
                  autoComplete="tel-national"
                  maxLength={11}
                  value={p.sms.phone}
                  aria-invalid={phoneErr ? 'true' : undefined}
                  aria-describedby={describedBy(phoneErr && 'phone-err', 'phone-hint')}
                  onInput={(e) => p.onSms({ phone: e.currentTarget.value.replace(/\D/g, '') })}
                />
                <button type="button" class="btn" disabled={p.sms.sending || wait > 0} onClick={p.onRequestCode}>
                  {p.sms.sending ? '发送中…' : wait > 0 ? `重新获取（${wait} 秒）` : p.sms.sentTo ? '重新获取' : '获取验证码'}
                </button>
              </div>
              <p id="phone-hint" class="hint">
                每个手机号只能提交一次；号码仅以加密摘要保存，不会告知被评价单位。
              </p>
              <FieldError id="phone-err" message={phoneErr} />
            </div>
            <p class="hint" role="status">
              {p.sms.sentTo ? `验证码已发送至 ${p.sms.sentTo.slice(0, 3)}****${p.sms.sentTo.slice(7)}，10 分钟内有效。` : ''}
            </p>
            <div class="field">
              <label for="code">短信验证码</label>
              <input
                id="code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                class="code-input"
                value={p.sms.code}
                aria-invalid={codeErr ? 'true' : undefined}
                aria-describedby={describedBy(codeErr && 'code-err')}
                onInput={(e) => p.onSms({ code: e.currentTarget.value.replace(/\D/g, '') })}
              />
              <FieldError id="code-err" message={codeErr} />
            </div>
          </div>
        )}
      </section>

      {p.problem && (
        <Alert id="submit-problem">
          {p.problem}
          {p.retryable && <span class="block">您的答卷已保存在本机，重新提交不会重复计票。</span>}
        </Alert>
      )}

      <div class="actions">
        <button type="button" class="btn btn-primary btn-block" disabled={p.submitting || count === 0} aria-busy={p.submitting ? 'true' : undefined} onClick={p.onSubmit}>
          {p.submitting ? '正在提交…' : p.retryable ? '重新提交' : '提交评价'}
        </button>
        <button type="button" class="btn btn-block" onClick={() => p.onEdit(groups[0] ? groups[0].group.code : c.groups[0]!.code)}>
          返回修改
        </button>
      </div>
    </>
  );
}
