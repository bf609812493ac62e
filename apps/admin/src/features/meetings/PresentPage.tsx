import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { TASK_LIGHTS, type TaskLight } from '@kaoping/shared';
import { errorMessage } from '../../api/api-error';
import { useI18n } from '../../i18n/i18n-context';
import { LIGHT_COLORS } from '../supervision/shared/lights';
import { LiveSlide, type Stream } from './LiveSlide';
import { RATE_KEYS } from './MaterialView';
import { SlideMap, onMap, useMapRegions } from './SlideMap';
import { meetingsApi, type MaterialItem, type MeetingDetail, type MeetingPresenter } from './meetings.api';
import './present.css';

type Slide =
  | { kind: 'title' }
  | { kind: 'board' }
  | { kind: 'scores'; presenter: MeetingPresenter }
  | { kind: 'issues'; presenter: MeetingPresenter }
  | { kind: 'live'; presenter: MeetingPresenter; stream: Stream }
  | { kind: 'end' };

const STAGE_W = 1920;
const STAGE_H = 1080;
const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']);
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

/** Every image the slides show, fetched once as blobs: the presentation goes on through a network loss. */
async function preloadImages(m: MeetingDetail): Promise<Map<string, string>> {
  const urls = [...new Set(m.presenters.flatMap((p) => (p.material?.findings ?? []).flatMap((f) => (f.thumbnailUrl ? [f.thumbnailUrl] : []))))];
  const out = new Map<string, string>();
  await Promise.all(
    urls.map(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (res.ok) out.set(url, URL.createObjectURL(await res.blob()));
    }),
  );
  return out;
}

const mmss = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/** ↑2, ↓1 or — for no change. */
const signed = (x: number | null) => (x === null || x === 0 ? '—' : x > 0 ? `↑${x}` : `↓${-x}`);

const Dot = ({ light }: { light: TaskLight | null }) => <span className="kp-dot" style={{ background: light ? LIGHT_COLORS[light] : '#8c8c8c' }} />;

/**
 * /meetings/:id/present — the hall screen: full-screen 16:9 slides drawn on a 1920×1080 stage scaled to
 * the window. Arrows, PageUp/PageDown (what presenter clickers send) and Space move; T switches light and
 * dark; F toggles full screen; Esc leaves. A timer runs per presenter against the minutes allotted.
 */
export function PresentPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().meetingId);
  const [meeting, setMeeting] = useState<MeetingDetail>();
  const [images, setImages] = useState<Map<string, string>>();
  const [error, setError] = useState<unknown>(null);
  const [index, setIndex] = useState(0);
  const [dark, setDark] = useState(true);
  const [offline, setOffline] = useState(!navigator.onLine);
  const [scale, setScale] = useState(1);
  const [spent, setSpent] = useState<Record<number, number>>({});
  const regions = useMapRegions();
  const tick = useRef<number>(Date.now());

  useEffect(() => {
    let live = true;
    meetingsApi.get(id).then(
      async (m) => {
        const imgs = await preloadImages(m);
        if (!live) return;
        setImages(imgs);
        setMeeting(m);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => () => images?.forEach((u) => URL.revokeObjectURL(u)), [images]);

  useEffect(() => {
    const on = () => setOffline(false);
    const off = () => setOffline(true);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);

  useLayoutEffect(() => {
    const fit = () => setScale(Math.min(window.innerWidth / STAGE_W, window.innerHeight / STAGE_H));
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  const slides = useMemo<Slide[]>(() => {
    if (!meeting) return [];
    return [
      { kind: 'title' },
      { kind: 'board' },
      ...meeting.presenters.flatMap((p): Slide[] => [
        { kind: 'scores', presenter: p },
        { kind: 'issues', presenter: p },
        ...(p.material?.streams ?? []).map((stream): Slide => ({ kind: 'live', presenter: p, stream })),
      ]),
      { kind: 'end' },
    ];
  }, [meeting]);
  const slide = slides[index];
  const presenter = slide && (slide.kind === 'scores' || slide.kind === 'issues' || slide.kind === 'live') ? slide.presenter : null;

  // The timer counts while a presenter's slides are shown, and keeps what each presenter used.
  useEffect(() => {
    tick.current = Date.now();
    if (!presenter) return;
    const timer = window.setInterval(() => {
      const now = Date.now();
      const delta = now - tick.current;
      tick.current = now;
      setSpent((s) => ({ ...s, [presenter.id]: (s[presenter.id] ?? 0) + delta }));
    }, 250);
    return () => window.clearInterval(timer);
  }, [presenter]);

  const go = useCallback((by: number) => setIndex((i) => Math.max(0, Math.min(slides.length - 1, i + by))), [slides.length]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (NEXT_KEYS.has(e.key)) go(1);
      else if (PREV_KEYS.has(e.key)) go(-1);
      else if (e.key === 'Home') setIndex(0);
      else if (e.key === 'End') setIndex(slides.length - 1);
      else if (e.key === 't' || e.key === 'T') setDark((d) => !d);
      else if (e.key === 'f' || e.key === 'F') void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen().catch(() => undefined));
      else if (e.key === 'Escape' && !document.fullscreenElement) void navigate(`/meetings/${id}`);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, slides.length, navigate, id]);

  const theme = dark ? 'dark' : 'light';
  if (error !== null || !meeting || !slide || !images) {
    return (
      <div className="kp-present" data-theme={theme}>
        <div className="kp-stage" style={{ transform: `scale(${scale})`, justifyContent: 'center', alignItems: 'center' }}>
          <div className="kp-sub" data-testid="present-loading">
            {error !== null ? errorMessage(error) : t('present.loading')}
          </div>
        </div>
      </div>
    );
  }

  const img = (url: string | null) => (url ? (images.get(url) ?? null) : null);
  const used = presenter ? (spent[presenter.id] ?? 0) : 0;
  const over = presenter ? used > presenter.minutes * 60_000 : false;

  return (
    <div className="kp-present" data-theme={theme} data-testid="present" onClick={() => go(1)}>
      <div className="kp-stage" style={{ transform: `scale(${scale})` }} data-testid="present-slide" data-index={index} data-kind={slide.kind} data-unit={presenter?.unit.name ?? ''}>
        {offline && <div className="kp-banner">{t('present.offline')}</div>}
        {presenter && (
          <div className={`kp-timer${over ? ' kp-over' : ''}`} data-testid="present-timer">
            {mmss(used)} / {String(presenter.minutes).padStart(2, '0')}:00
          </div>
        )}
        {slide.kind === 'title' && <TitleSlide m={meeting} />}
        {slide.kind === 'board' && <BoardSlide m={meeting} />}
        {slide.kind === 'scores' && <ScoresSlide p={slide.presenter} total={meeting.presenters.length} />}
        {slide.kind === 'issues' && <IssuesSlide p={slide.presenter} img={img} regions={regions} dark={dark} />}
        {slide.kind === 'live' && <LiveSlide key={`${slide.presenter.id}-${slide.stream.kind}-${slide.stream.id}`} p={slide.presenter} stream={slide.stream} img={img} />}
        {slide.kind === 'end' && (
          <div style={{ margin: 'auto', textAlign: 'center' }}>
            <h1>{t('present.end')}</h1>
            <div className="kp-sub">{meeting.title}</div>
          </div>
        )}
        <div className="kp-footer">
          <span>
            {meeting.title} · {meeting.heldOn}
          </span>
          <span data-testid="present-ready">{t('present.ready', { n: slides.length, images: images.size })}</span>
          <span>
            {index + 1} / {slides.length}
          </span>
        </div>
      </div>
    </div>
  );
}

function TitleSlide({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  return (
    <>
      <div className="kp-sub">{m.kindLabel}</div>
      <h1 style={{ fontSize: 84, marginTop: 16 }}>{m.title}</h1>
      <div className="kp-sub">
        {m.heldOn}
        {m.venue ? ` · ${m.venue}` : ''}
        {m.videoNote ? ` · ${m.videoNote}` : ''}
      </div>
      <div className="kp-grid" style={{ gridTemplateColumns: '1.3fr 1fr', marginTop: 40 }}>
        <div className="kp-panel">
          <h2>{t('present.agenda')}</h2>
          <ol className="kp-agenda" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {m.presenters.map((p) => (
              <li key={p.id}>
                <span>
                  {p.position}. {p.unit.name}
                </span>
                <span className="kp-muted">{t('meetings.minutesShort', { minutes: p.minutes })}</span>
              </li>
            ))}
          </ol>
        </div>
        <div className="kp-panel">
          <h2>{t('meetings.info.leaders')}</h2>
          {m.leaders.map((l) => (
            <div key={l.userId} style={{ fontSize: 40, padding: '10px 0' }}>
              {l.name}
            </div>
          ))}
          <div className="kp-muted" style={{ fontSize: 26, marginTop: 30 }}>
            {t('meetings.info.asOf')} {m.materialAsOf}
          </div>
        </div>
      </div>
    </>
  );
}

function BoardSlide({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const row = (x: MeetingDetail['board']['improved'][number]) => (
    <div className="kp-row" key={x.unit} style={{ fontSize: 44 }}>
      <span className="kp-grow">{x.unit}</span>
      <span className={x.rankChange > 0 ? 'kp-green' : x.rankChange < 0 ? 'kp-red' : 'kp-muted'}>
        {x.rankChange > 0 ? t('present.rankUp', { n: x.rankChange }) : x.rankChange < 0 ? t('present.rankDown', { n: -x.rankChange }) : t('present.flat')}
      </span>
      {x.totalChange !== null && (
        <span className="kp-muted" style={{ width: 200, textAlign: 'right' }}>
          {x.totalChange > 0 ? '+' : ''}
          {x.totalChange}
        </span>
      )}
    </div>
  );
  return (
    <>
      <h1>{t('present.board')}</h1>
      <div className="kp-grid" style={{ gridTemplateColumns: '1fr 1fr' }} data-testid="slide-board">
        <div className="kp-panel" style={{ borderTop: '8px solid #cf1322' }}>
          <h2 style={{ color: '#ff4d4f' }}>{t('present.improved')}</h2>
          {m.board.improved.length ? m.board.improved.map(row) : <div className="kp-sub">{t('present.noBoard')}</div>}
        </div>
        <div className="kp-panel" style={{ borderTop: '8px solid #434343' }}>
          <h2 style={{ color: 'var(--text)' }}>{t('present.declined')}</h2>
          {m.board.declined.length ? m.board.declined.map(row) : <div className="kp-sub">{t('present.noBoard')}</div>}
        </div>
      </div>
    </>
  );
}

function Items({ items, testId }: { items: MaterialItem[]; testId: string }) {
  const { t } = useI18n();
  return (
    <div data-testid={testId}>
      {items.map((i) => (
        <div className="kp-item" key={i.id}>
          <Dot light={i.light} />
          <div style={{ flex: 1, minWidth: 0 }}>
            <div className="kp-title">{i.title}</div>
            <div className="kp-muted" style={{ fontSize: 24 }}>
              {t('meetings.m.leader', { name: i.leader })} · {i.reason}
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}

function Heading({ p, total, children }: { p: MeetingPresenter; total: number; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 24 }}>
      <div className="kp-sub">
        {p.position} / {total} · {children}
      </div>
      <h1 style={{ fontSize: 76, margin: '8px 0 0' }}>{p.unit.name}</h1>
    </div>
  );
}

/** Slide A of a presenter: standing (rank and its change), lights, what lags behind 时序进度, the red tasks with their leaders. */
function ScoresSlide({ p, total }: { p: MeetingPresenter; total: number }) {
  const { t } = useI18n();
  const m = p.material;
  if (!m) return <Heading p={p} total={total}>{t('meetings.noMaterial')}</Heading>;
  const s = m.score;
  const red = m.tasks.attention.filter((i) => i.light === 'red');
  return (
    <>
      <Heading p={p} total={total}>
        {t('meetings.m.score')}
      </Heading>
      <div className="kp-grid" style={{ gridTemplateColumns: '520px 1fr 1fr' }}>
        <div className="kp-panel" data-testid="slide-rank">
          <h2>{s ? s.group : t('meetings.m.score')}</h2>
          {s ? (
            <>
              <div className="kp-big">
                {s.rank}
                <span style={{ fontSize: 54 }} className="kp-muted">
                  {' '}
                  / {s.groupSize}
                </span>
              </div>
              <div style={{ fontSize: 34, marginTop: 18 }}>{t('meetings.m.total', { total: s.total, grade: s.grade })}</div>
              {s.previous && (
                <div style={{ fontSize: 28, marginTop: 14 }} className="kp-muted">
                  {t('meetings.m.change', { basis: s.previous.basis, rank: signed(s.rankChange), total: signed(s.totalChange) })}
                </div>
              )}
              <div style={{ display: 'flex', gap: 22, marginTop: 40, fontSize: 40, fontWeight: 700 }} data-testid="slide-lights">
                {TASK_LIGHTS.map((l) => (
                  <span key={l} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    <Dot light={l} />
                    {m.tasks.counts[l]}
                  </span>
                ))}
              </div>
            </>
          ) : (
            <div className="kp-sub">{t('meetings.m.noScore')}</div>
          )}
        </div>
        <div className="kp-panel" data-testid="slide-lagging">
          <h2>{t('meetings.m.lagging')}</h2>
          {m.lagging.length === 0 && <div className="kp-sub">{t('meetings.m.noLagging')}</div>}
          {m.lagging.slice(0, 8).map((r) => (
            <div className="kp-row" key={r.indicatorId}>
              <span className="kp-grow">{r.name}</span>
              <span className="kp-red">{r.lag}</span>
            </div>
          ))}
        </div>
        <div className="kp-panel" data-testid="slide-red-tasks">
          <h2>
            {t('meetings.m.attention')} <span className="kp-red">{m.tasks.counts.red}</span>
          </h2>
          <Items items={(red.length ? red : m.tasks.attention).slice(0, 6)} testId="slide-red-list" />
        </div>
      </div>
    </>
  );
}

/** Slide B of a presenter: follow-up of the last meeting, open problems, projects, the newest inspection photos, the map. */
function IssuesSlide({ p, img, regions, dark }: { p: MeetingPresenter; img(url: string | null): string | null; regions: ReturnType<typeof useMapRegions>; dark: boolean }) {
  const { t } = useI18n();
  const m = p.material;
  if (!m) return <h1>{p.unit.name}</h1>;
  const photos = m.findings.filter((f) => img(f.thumbnailUrl));
  return (
    <>
      <div style={{ marginBottom: 20 }}>
        <div className="kp-sub">{t('meetings.m.previous')}</div>
        <h1 style={{ fontSize: 64, margin: '8px 0 0' }}>{p.unit.name}</h1>
      </div>
      <div className="kp-grid" style={{ gridTemplateColumns: '1.15fr 1fr 560px', gridTemplateRows: '1fr 1fr' }}>
        <div className="kp-panel" data-testid="slide-previous">
          <h2>{t('meetings.m.previous')}</h2>
          {m.previous && m.previous.tasks.length ? (
            <>
              <div className="kp-muted" style={{ fontSize: 24 }}>
                {t('meetings.m.previousOf', { title: m.previous.title, date: m.previous.heldOn })}
              </div>
              <Items items={m.previous.tasks.slice(0, 3)} testId="slide-previous-list" />
            </>
          ) : (
            <div className="kp-sub">{t('meetings.m.noPrevious')}</div>
          )}
        </div>
        <div className="kp-panel" style={{ gridRow: 'span 2' }} data-testid="slide-photos">
          <h2>{t('present.photos')}</h2>
          {photos.length === 0 && <div className="kp-sub">{t('present.noPhotos')}</div>}
          <div className="kp-photos" style={{ gridTemplateColumns: 'repeat(2, 1fr)' }}>
            {photos.slice(0, 4).map((f) => (
              <figure key={f.id}>
                <img src={img(f.thumbnailUrl)!} alt={f.title} />
                <figcaption>
                  {f.inspectedOn} {f.title}
                </figcaption>
              </figure>
            ))}
          </div>
          {m.findings
            .filter((f) => !img(f.thumbnailUrl))
            .slice(0, 4 - Math.min(4, photos.length))
            .map((f) => (
              <div className="kp-row" key={f.id} style={{ fontSize: 26 }}>
                <span className="kp-grow">{f.title}</span>
                <span className="kp-muted">{f.inspectedOn}</span>
              </div>
            ))}
        </div>
        <div className="kp-panel" style={{ gridRow: 'span 2', padding: 12, display: 'flex', flexDirection: 'column' }}>
          <h2 style={{ padding: '12px 18px 0' }}>{t('present.map')}</h2>
          {regions && onMap(regions, p.unit.name) ? (
            <div style={{ flex: 1 }}>
              <SlideMap regions={regions} highlight={p.unit.name} dark={dark} />
            </div>
          ) : (
            <div className="kp-sub" style={{ padding: 18 }} data-testid="slide-map-park">
              {t('present.mapPark', { name: p.unit.name })}
            </div>
          )}
        </div>
        <div className="kp-panel">
          {m.projects ? (
            <>
              <h2>
                {t('meetings.m.projects')}
                <span className="kp-muted" style={{ fontSize: 22, display: 'block', fontWeight: 400 }}>
                  {m.projects.schedule}
                </span>
              </h2>
              <div className="kp-rates">
                {RATE_KEYS.map((k) => {
                  const r = m.projects!.rates[k];
                  return (
                    <div key={k}>
                      <div className={`kp-value ${r.lagging ? 'kp-red' : ''}`}>{r.value === null ? '—' : `${r.value}%`}</div>
                      <div className="kp-muted" style={{ fontSize: 24 }}>
                        {t(`meetings.rate.${k}`)}
                      </div>
                    </div>
                  );
                })}
              </div>
            </>
          ) : (
            <>
              <h2>{t('meetings.m.problems', { count: m.problems.open })}</h2>
              <Items items={m.problems.items.slice(0, 3)} testId="slide-problems" />
            </>
          )}
        </div>
      </div>
    </>
  );
}
