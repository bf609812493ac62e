import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getTicket, type TicketStatus } from '../api';
import { formatDate, formatDateTime } from '../format';
import { Alert, describedBy, FieldError, Shell, ViewHeading } from './common';

/** What each status means to the citizen (the office's workflow, DOMAIN.md §3); a status not listed is shown as it is. */
const STATUS: Readonly<Record<string, { text: string; tone: string } | undefined>> = {
  new: { text: '已收到，待分类', tone: 'pending' },
  sorted: { text: '已分类，待转办', tone: 'pending' },
  forwarded: { text: '已转交责任单位办理', tone: 'working' },
  replied: { text: '单位已答复，考评办审核中', tone: 'working' },
  accepted: { text: '已答复', tone: 'done' },
  returned: { text: '答复未通过审核，单位重新办理中', tone: 'working' },
};

const TICKET_RE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/;

/** Upper case with the dashes put back: "k7m2 q9xp 4r" → "K7M2-Q9XP-4R". */
export function normaliseTicket(raw: string): string {
  const s = raw.toUpperCase().replace(/[\s-]/g, '');
  return s.length === 10 ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` : raw.trim().toUpperCase();
}

/** The ticket lookup: a citizen reads the status of their suggestions and the accepted replies. */
export function TicketView({ slug }: { slug: string | null }) {
  const initial = new URLSearchParams(window.location.search).get('code') ?? '';
  const [code, setCode] = useState(initial);
  const [fieldError, setFieldError] = useState<string>('');
  const [problem, setProblem] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TicketStatus | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const look = (raw: string) => {
    const ticket = normaliseTicket(raw);
    setProblem('');
    setResult(null);
    if (!TICKET_RE.test(ticket)) {
      setFieldError('请输入 10 位回执编号，例如 K7M2-Q9XP-4R');
      document.getElementById('ticket')?.focus();
      return;
    }
    setFieldError('');
    setCode(ticket);
    setBusy(true);
    void getTicket(ticket)
      .then((r) => setResult(r))
      .catch((e: unknown) => setProblem(e instanceof ApiError && e.status === 404 ? '没有找到这个回执编号，请核对后重试。' : e instanceof Error ? e.message : String(e)))
      .then(() => setBusy(false));
  };

  useEffect(() => {
    if (initial) look(initial);
  }, []);

  return (
    <Shell>
      <ViewHeading>意见建议办理进度</ViewHeading>
      <p>输入提交评价后得到的回执编号，查看您的意见建议办理到哪一步，以及单位经审核后的答复。</p>
      <form
        class="card"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          look(code);
        }}
      >
        <div class="field">
          <label for="ticket">回执编号</label>
          <input
            id="ticket"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={20}
            class="code-input"
            placeholder="例如 K7M2-Q9XP-4R"
            value={code}
            aria-invalid={fieldError ? 'true' : undefined}
            aria-describedby={describedBy(fieldError && 'ticket-err')}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
          <FieldError id="ticket-err" message={fieldError} />
        </div>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy} aria-busy={busy ? 'true' : undefined}>
          {busy ? '正在查询…' : '查询'}
        </button>
      </form>

      {problem && <Alert>{problem}</Alert>}

      {result && (
        <section aria-labelledby="result-title">
          <h2 id="result-title" ref={resultHeading} tabIndex={-1}>
            查询结果
          </h2>
          <p>
            {result.campaign ?? '您的意见建议'}，提交于 {formatDateTime(result.submittedAt, result.timeZone)}。
          </p>
          {result.suggestions.length === 0 ? (
            <p class="card">这份答卷没有填写意见建议。</p>
          ) : (
            <ol class="suggestions">
              {result.suggestions.map((s, i) => (
                <li class="card suggestion" key={i} data-status={s.status}>
                  <h3>{s.unit}</h3>
                  <p class="status-line">
                    办理状态：<span class={`status status-${STATUS[s.status]?.tone ?? 'pending'}`}>{STATUS[s.status]?.text ?? s.status}</span>
                  </p>
                  <p class="quote-label">您的意见建议</p>
                  <blockquote>{s.body}</blockquote>
                  {s.reply && (
                    <>
                      <p class="quote-label">单位答复{s.repliedAt ? `（${formatDate(s.repliedAt, result.timeZone)}）` : ''}</p>
                      <blockquote class="reply">{s.reply}</blockquote>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      <p class="center">{slug ? <a href={`/p/${encodeURIComponent(slug)}`}>返回评估首页</a> : null}</p>
    </Shell>
  );
}
