import { useEffect, useState } from 'preact/hooks';
import { ApiError, checkInvitation, getCampaign, NetworkError, requestSmsCode, submitResponse, type Mode, type PublicCampaign, type ResponseBody, type Verification } from './api';
import { formatDateTime } from './format';
import { answeredCount, clearDraft, deviceId, loadDraft, loadReceipt, newDraft, saveDraft, saveReceipt, type Draft, type StoredReceipt, type UnitDraft } from './storage';
import { AnswerView } from './views/answer';
import { Alert, Shell, ticketPath, ViewHeading } from './views/common';
import { Landing, type InvitationState } from './views/landing';
import { ReceiptView } from './views/receipt';
import { ReviewView, type SmsState } from './views/review';
import { TicketView } from './views/ticket';
import type { FieldErrors } from './views/unit-item';

type Route = { page: 'campaign'; slug: string } | { page: 'ticket'; slug: string } | null;

/** `/p/<slug>` is the questionnaire, `/p/<slug>/ticket` the ticket lookup. */
export function parseRoute(pathname: string): Route {
  const m = /^\/p\/([a-z0-9][a-z0-9-]{2,39})(\/ticket)?\/?$/.exec(pathname);
  if (!m) return null;
  return { page: m[2] ? 'ticket' : 'campaign', slug: m[1]! };
}

/** The whole page: picks the view from the address. */
export function App() {
  const route = parseRoute(window.location.pathname);
  if (!route)
    return (
      <Shell>
        <ViewHeading>页面不存在</ViewHeading>
        <p>请核对网址是否完整，或重新点击评估通知中的链接。</p>
      </Shell>
    );
  if (route.page === 'ticket') {
    document.title = '意见建议办理进度 - 公众评估';
    return <TicketView slug={route.slug} />;
  }
  return <CampaignPage slug={route.slug} />;
}

type Step = 'landing' | 'answer' | 'review' | 'done';
type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; campaign: PublicCampaign };

const PHONE_RE = /^1[3-9]\d{9}$/;

/** The problems that keep the draft from being sent: a missing reason, a suggestion with no answer. */
export function validateDraft(c: PublicCampaign, d: Draft): FieldErrors {
  const errors: FieldErrors = {};
  for (const g of c.groups) {
    for (const u of g.units) {
      const a = d.answers[u.id];
      if (!a) continue;
      if (!a.answer && (a.suggestion ?? '').trim()) errors[`${u.id}.answer`] = '您写了意见建议，请同时选择一项评价';
      if (a.answer === 'dissatisfied' && c.questionnaire.reasonOnDissatisfied && !(a.reason ?? '').trim()) {
        errors[`${u.id}.reason`] = `选择「${c.questionnaire.answers.dissatisfied}」时请填写原因`;
      }
    }
  }
  return errors;
}

/** The answers as the API takes them, in the order the page shows the units. */
export function answersOf(c: PublicCampaign, d: Draft): ResponseBody['answers'] {
  const out: ResponseBody['answers'] = [];
  for (const g of c.groups) {
    for (const u of g.units) {
      const a = d.answers[u.id];
      if (!a || !a.answer) continue;
      const reason = (a.reason ?? '').trim();
      const suggestion = (a.suggestion ?? '').trim();
      out.push({
        unitId: u.id,
        answer: a.answer,
        ...(a.answer === 'dissatisfied' && reason ? { reason } : {}),
        ...(suggestion ? { suggestion } : {}),
      });
    }
  }
  return out;
}

const fieldId = (key: string): string => {
  const [unit, field] = key.split('.');
  if (key.indexOf('extra.') === 0) return `extra-${field}`;
  if (field === 'answer') return `u${unit}-answer`;
  if (!field) return key;
  return `u${unit}-${field}`;
};

/** Moves focus to a field: a text box by id, a radio group through its first radio. */
function focusField(key: string): void {
  const id = fieldId(key);
  const el = document.getElementById(id) ?? (document.querySelector(`input[name="${id}"]`) as HTMLElement | null);
  if (!el) return;
  el.focus();
  if (el.scrollIntoView) el.scrollIntoView({ block: 'center' });
}

function CampaignPage({ slug }: { slug: string }) {
  const token = new URLSearchParams(window.location.search).get('t');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [invitation, setInvitation] = useState<InvitationState>(token ? { status: 'checking' } : { status: 'none' });
  const [draft, setDraft] = useState<Draft>(() => loadDraft(slug) ?? newDraft());
  const [step, setStepState] = useState<Step>('landing');
  const [receipt, setReceipt] = useState<StoredReceipt | null>(null);
  const [previous] = useState<StoredReceipt | null>(() => loadReceipt(slug));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [retryable, setRetryable] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [mode, setMode] = useState<Mode>('open');
  const [sms, setSmsState] = useState<SmsState>({ phone: '', code: '', resendAt: 0, sending: false, sentTo: null });
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);

  const campaign = load.status === 'ready' ? load.campaign : null;

  const update = (next: Draft) => {
    setDraft(next);
    saveDraft(slug, next);
  };

  const setStep = (next: Step, push = true) => {
    setStepState(next);
    if (push && window.history && window.history.pushState) window.history.pushState({ kpStep: next }, '');
  };

  // The phone's back button steps back through the views instead of leaving the questionnaire.
  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      const s = (e.state as { kpStep?: Step } | null)?.kpStep ?? 'landing';
      setStepState((cur) => (cur === 'done' ? 'done' : s === 'done' ? 'landing' : s));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (pendingFocus) {
      focusField(pendingFocus);
      setPendingFocus(null);
    }
  }, [pendingFocus]);

  const finish = (r: { receipt: string; submittedAt: string; units: number; suggestions: number }) => {
    const stored: StoredReceipt = { receipt: r.receipt, submittedAt: r.submittedAt, units: r.units, suggestions: r.suggestions };
    saveReceipt(slug, stored);
    clearDraft(slug);
    setDraft(newDraft());
    setReceipt(stored);
    setStep('done');
  };

  useEffect(() => {
    getCampaign(slug, draft.submissionKey).then(
      (c) => {
        setLoad({ status: 'ready', campaign: c });
        // The first questionnaire served for this draft starts its clock; a reload keeps that token.
        if (!draft.served && c.served) update({ ...draft, served: c.served });
        document.title = `${c.name} - 公众评估`;
        const invited = !!token && c.modes.indexOf('invitation') >= 0;
        const others = c.modes.filter((m) => m !== 'invitation');
        setMode(invited ? 'invitation' : others[0] ?? 'invitation');
        if (!token) return;
        if (!invited) {
          setInvitation({ status: 'none' });
          return;
        }
        checkInvitation(slug, token).then(
          (r) => {
            if (!r.valid) return setInvitation({ status: 'invalid' });
            if (!r.used) return setInvitation({ status: 'valid' });
            // Used: perhaps by this very draft, whose answer was lost on the way back. A retry with
            // its submission key brings the receipt back; any other key is refused and the link shown as used.
            const kept = loadDraft(slug);
            const answers = kept ? answersOf(c, kept) : [];
            if (!kept || answers.length === 0) return setInvitation({ status: 'used' });
            submitResponse(slug, { verification: { mode: 'invitation', token }, submissionKey: kept.submissionKey, served: kept.served ?? c.served ?? '', answers }).then(finish, () =>
              setInvitation({ status: 'used' }),
            );
          },
          (e: unknown) => setInvitation({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
        );
      },
      (e: unknown) =>
        setLoad({
          status: 'error',
          message: e instanceof ApiError && e.status === 404 ? '没有找到这个评估活动，请核对网址是否完整。' : e instanceof Error ? e.message : String(e),
        }),
    );
  }, []);

  if (load.status === 'loading') {
    return (
      <Shell>
        <p class="loading" role="status">
          正在加载…
        </p>
      </Shell>
    );
  }
  if (load.status === 'error' || !campaign) {
    return (
      <Shell>
        <ViewHeading>暂时无法打开评估页面</ViewHeading>
        <Alert>{load.status === 'error' ? load.message : ''}</Alert>
        <button type="button" class="btn" onClick={() => window.location.reload()}>
          重新加载
        </button>
      </Shell>
    );
  }
  const c = campaign;
  const group = draft.group && c.groups.some((g) => g.code === draft.group) ? draft.group : c.groups[0] ? c.groups[0].code : '';

  if (step === 'done' && receipt) {
    return (
      <Shell>
        <ReceiptView slug={slug} receipt={receipt} timeZone={c.timeZone} />
      </Shell>
    );
  }

  if (invitation.status === 'used') {
    return (
      <Shell>
        <ViewHeading>{c.name}</ViewHeading>
        <Alert>
          <strong>该邀请链接已经使用过。</strong>每个邀请链接只能提交一次，感谢您的参与。
        </Alert>
        {previous && (
          <p class="card">
            本机记录：您于 {formatDateTime(previous.submittedAt, c.timeZone)} 提交，回执编号 <strong class="mono">{previous.receipt}</strong>。
          </p>
        )}
        <p>
          <a class="btn btn-block" href={ticketPath(slug, previous ? previous.receipt : undefined)}>
            查询意见建议办理进度
          </a>
        </p>
      </Shell>
    );
  }

  const onUnit = (unitId: number, next: UnitDraft) => {
    const d: Draft = { ...draft, answers: { ...draft.answers, [unitId]: next } };
    update(d);
    // Errors already shown go away once fixed; new ones wait for the next try.
    if (Object.keys(errors).length > 0) {
      const now = validateDraft(c, d);
      const kept: FieldErrors = {};
      for (const k in errors) if (now[k]) kept[k] = now[k];
      setErrors(kept);
      if (Object.keys(kept).length === 0) setProblem(null);
    }
  };

  const goReview = () => {
    const errs = validateDraft(c, draft);
    const keys = Object.keys(errs);
    if (keys.length > 0) {
      setErrors(errs);
      setProblem(`还有 ${keys.length} 处需要填写，请查看标出的项目。`);
      const firstUnit = Number(keys[0]!.split('.')[0]);
      const g = c.groups.find((x) => x.units.some((u) => u.id === firstUnit));
      if (g && g.code !== group) update({ ...draft, group: g.code });
      setPendingFocus(keys[0]!);
      return;
    }
    if (answeredCount(draft) === 0) {
      setProblem('请至少评价一个单位。');
      setPendingFocus('answer-problem');
      return;
    }
    setErrors({});
    setProblem(null);
    setStep('review');
  };

  const onRequestCode = () => {
    if (!PHONE_RE.test(sms.phone)) {
      setErrors({ ...errors, phone: '请输入 11 位手机号' });
      setPendingFocus('phone');
      return;
    }
    setErrors({ ...errors, phone: undefined });
    setSmsState({ ...sms, sending: true });
    requestSmsCode(slug, sms.phone).then(
      () => {
        setSmsState((s) => ({ ...s, sending: false, sentTo: s.phone, resendAt: Date.now() + 60_000 }));
        setPendingFocus('code');
      },
      (e: unknown) => {
        setSmsState((s) => ({ ...s, sending: false }));
        setErrors((x) => ({ ...x, phone: e instanceof Error ? e.message : String(e) }));
        setPendingFocus('phone');
      },
    );
  };

  const onSubmit = () => {
    let verification: Verification;
    if (mode === 'invitation') verification = { mode, token: token ?? '' };
    else if (mode === 'open') verification = { mode, deviceId: deviceId() };
    else {
      const errs: FieldErrors = {};
      if (!PHONE_RE.test(sms.phone)) errs.phone = '请输入 11 位手机号';
      if (!/^\d{6}$/.test(sms.code)) errs.code = sms.sentTo ? '请输入短信中的 6 位验证码' : '请先获取并输入 6 位短信验证码';
      if (errs.phone || errs.code) {
        setErrors(errs);
        setProblem(null);
        setPendingFocus(errs.phone ? 'phone' : 'code');
        return;
      }
      verification = { mode, phone: sms.phone, code: sms.code };
    }
    const answers = answersOf(c, draft);
    const extra = draft.extra;
    const body: Omit<ResponseBody, 'served'> = { verification, submissionKey: draft.submissionKey, answers, ...(Object.keys(extra).length ? { extra } : {}) };
    setSubmitting(true);
    setProblem(null);
    setErrors({});
    // The token normally came with the questionnaire; if that request failed, it is fetched now.
    const served = draft.served
      ? Promise.resolve(draft.served)
      : getCampaign(slug, draft.submissionKey).then((fresh) => {
          if (fresh.served) update({ ...draft, served: fresh.served });
          return fresh.served ?? '';
        });
    void served
      .then((token) => submitResponse(slug, { ...body, served: token }))
      .then(finish, (e: unknown) => {
        if (e instanceof NetworkError) {
          setProblem(e.message);
          setRetryable(true);
        } else if (e instanceof ApiError) {
          const errs: FieldErrors = {};
          let message = e.message;
          // A token this server does not accept (an old page): the next try asks for a fresh one.
          if (e.details.some((d) => d.path === 'body.served')) update({ ...draft, served: undefined });
          for (const d of e.details) {
            const m = /^body\.(?:answers\.(\d+)\.(\w+)|verification\.(\w+)|extra\.(\w+))/.exec(d.path);
            if (!m) continue;
            if (m[1] !== undefined) {
              const a = answers[Number(m[1])];
              const unit = a && c.groups.reduce<string | undefined>((found, g) => found ?? g.units.filter((u) => u.id === a.unitId).map((u) => u.name)[0], undefined);
              if (unit) message = `「${unit}」：${d.message}`;
            } else if (m[3] === 'phone' || m[3] === 'code') errs[m[3]] = d.message;
            else if (m[4]) errs[`extra.${m[4]}`] = d.message;
          }
          if (mode === 'sms' && e.status === 403) errs.code = e.message;
          setErrors(errs);
          setRetryable(false);
          // A message that belongs to a field is shown there, once; the summary only points to it.
          const fields = Object.keys(errs);
          if (fields.length > 0) {
            setProblem('提交未成功，请按提示修改标出的项目。');
            setPendingFocus(fields[0]!);
            return;
          }
          setProblem(message);
        } else {
          setProblem(String(e));
        }
        setPendingFocus('submit-problem');
      })
      .then(() => setSubmitting(false));
  };

  return (
    <Shell>
      {step === 'landing' && (
        <>
          {previous && invitation.status !== 'valid' && (
            <Alert kind="info">
              本机已于 {formatDateTime(previous.submittedAt, c.timeZone)} 提交过本次评估，回执编号 <strong class="mono">{previous.receipt}</strong>。<a href={ticketPath(slug, previous.receipt)}>查看办理进度</a>
            </Alert>
          )}
          <Landing campaign={c} invitation={invitation} drafted={answeredCount(draft)} onStart={() => setStep('answer')} />
        </>
      )}
      {step === 'answer' && (
        <AnswerView
          campaign={c}
          draft={draft}
          group={group}
          errors={errors}
          problem={problem}
          onGroup={(code) => update({ ...draft, group: code })}
          onUnit={onUnit}
          onReview={goReview}
          onBack={() => setStep('landing')}
        />
      )}
      {step === 'review' && (
        <ReviewView
          campaign={c}
          draft={draft}
          mode={mode}
          modeChoices={mode === 'invitation' ? [] : c.modes.filter((m) => m !== 'invitation')}
          sms={sms}
          errors={errors}
          problem={problem}
          retryable={retryable}
          submitting={submitting}
          onMode={(m) => {
            setMode(m);
            setErrors({});
          }}
          onSms={(next) => setSmsState({ ...sms, ...next })}
          onRequestCode={onRequestCode}
          onExtra={(key, value) => update({ ...draft, extra: { ...draft.extra, [key]: value } })}
          onEdit={(code) => {
            update({ ...draft, group: code });
            setProblem(null);
            setStep('answer');
          }}
          onSubmit={onSubmit}
        />
      )}
    </Shell>
  );
}
