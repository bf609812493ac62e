import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ConfigProvider, Segmented, Switch, theme } from 'antd';
import { PROJECT_RATES, SCREEN_MEASURES, type ScreenData, type ScreenMeasure } from '@kaoping/shared';
import { ApiError, errorMessage } from '../../api/api-error';
import { inZone } from '../../components/format';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/zh-CN';
import { colorScale, legendGradient, measureValue } from './measure';
import { photoUrl, screenApi, screenEventsUrl } from './screen.api';
import './screen.css';

const loadMapChunk = () => import('./ScreenMap');
const loadCurveChunk = () => import('./HourlyCurve');
const ScreenMap = lazy(loadMapChunk);
const HourlyCurve = lazy(loadCurveChunk);

type ScreenUnit = ScreenData['units'][number];

const WIDTH = 1920;
const HEIGHT = 1080;
/** How long each panel state stays before the next when rotating. */
const ROTATE_MS = { measure: 20_000, group: 8_000, photos: 10_000 };
const PHOTOS_SHOWN = 4;
const RANKED_SHOWN = 10;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Scales the fixed 1920×1080 stage to whatever screen it is on, keeping its proportions. */
function useStageScale(): number {
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const fit = () => setScale(Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT));
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);
  return scale;
}

/** Advances an index every `ms` while `on`. */
function useRotation(count: number, ms: number, on: boolean): number {
  const [i, setI] = useState(0);
  useEffect(() => {
    if (!on || count <= 1) return;
    const timer = setInterval(() => setI((x) => x + 1), ms);
    return () => clearInterval(timer);
  }, [count, ms, on]);
  return count ? i % count : 0;
}

type Live = 'connecting' | 'live' | 'reconnecting';

/**
 * The screen's data, reloaded whenever the server's event stream says something it shows changed
 * (a citizen's response, a task's light, a new score run), without reloading the page.
 */
function useScreenData(kiosk: string | undefined) {
  const [data, setData] = useState<ScreenData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [revoked, setRevoked] = useState(false);
  const [live, setLive] = useState<Live>('connecting');
  const loading = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  const load = useCallback(async () => {
    // One load at a time; a change announced during a load loads once more after it.
    if (loading.current) {
      again.current = true;
      return;
    }
    loading.current = screenApi.data(kiosk).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401 && kiosk) setRevoked(true);
        else setError(err);
      },
    );
    await loading.current;
    loading.current = null;
    if (again.current) {
      again.current = false;
      void load();
    }
  }, [kiosk]);

  useEffect(() => {
    // The charts' code and the county boundaries load alongside the data, not after it.
    loadMapChunk()
      .then((m) => m.preloadBoundaries())
      .catch(() => undefined);
    void loadCurveChunk();
    void load();
    const source = new EventSource(screenEventsUrl(kiosk));
    source.addEventListener('ready', () => {
      setLive('live');
      // Anything missed while the stream was down is picked up now.
      void load();
    });
    source.addEventListener('change', () => void load());
    source.addEventListener('revoked', () => {
      setRevoked(true);
      source.close();
    });
    source.onerror = () => {
      setLive('reconnecting');
      // A refused stream (revoked link, ended session) is closed by the browser; the data call says why.
      if (source.readyState === EventSource.CLOSED) void load();
    };
    return () => source.close();
  }, [kiosk, load]);

  return { data, error, revoked, live };
}

function Panel({ title, extra, className, children, testId }: { title: string; extra?: React.ReactNode; className?: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className={`screen-panel ${className ?? ''}`} data-testid={testId}>
      <header>
        <h2>{title}</h2>
        {extra}
      </header>
      <div className="screen-panel-body">{children}</div>
    </section>
  );
}

const MEASURE_KEY: Record<ScreenMeasure, MessageKey> = { total: 'screen.measure.total', rank: 'screen.measure.rank', red: 'screen.measure.red', lagging: 'screen.measure.lagging' };

/** The leaders' big screen: 1920×1080, dark, live. Opened signed in or with a display link (`?kiosk=`). */
export function ScreenPage({ kiosk }: { kiosk?: string }) {
  const { t, lang } = useI18n();
  const scale = useStageScale();
  const { data, error, revoked, live } = useScreenData(kiosk);
  const [rotate, setRotate] = useState(true);
  const [picked, setPicked] = useState<ScreenMeasure | null>(null);
  const rotatingMeasure = useRotation(SCREEN_MEASURES.length, ROTATE_MS.measure, rotate && picked === null);
  const measure = picked ?? SCREEN_MEASURES[rotatingMeasure]!;
  const groups = data?.rankings ?? [];
  const groupIndex = useRotation(groups.length, ROTATE_MS.group, rotate);
  const photoPages = Math.ceil((data?.photos.length ?? 0) / PHOTOS_SHOWN);
  const photoPage = useRotation(photoPages, ROTATE_MS.photos, rotate);
  const [renderedAt, setRenderedAt] = useState<number | null>(null);
  const onRendered = useCallback(() => setRenderedAt((at) => at ?? Math.round(performance.now())), []);

  useEffect(() => {
    document.title = t('screen.title');
  }, [t]);

  const format = useCallback(
    (u: ScreenUnit): string => {
      const v = measureValue(u, measure);
      if (v === null) return t('screen.noScore');
      if (measure === 'total') return v.toFixed(1);
      if (measure === 'rank') return t('screen.rankOf', { rank: v, size: u.groupSize ?? '—' });
      return `${v}${t('screen.units')}`;
    },
    [measure, t],
  );

  const parks = useMemo(() => (data?.units ?? []).filter((u) => u.kind === 'park'), [data]);
  const scale2 = useMemo(() => colorScale((data?.units ?? []).map((u) => measureValue(u, measure)), measure), [data, measure]);

  if (revoked) {
    return (
      <div className="screen-root screen-message" data-testid="screen-revoked">
        <p>{t('screen.revoked')}</p>
      </div>
    );
  }

  const group = groups[groupIndex];
  const lights = data?.lights.tasks;
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <div className="screen-root">
        <div
          className="screen-stage"
          style={{ transform: `scale(${scale})` }}
          data-testid="screen"
          data-rendered={data && renderedAt !== null ? 'true' : 'false'}
          data-rendered-ms={renderedAt ?? undefined}
        >
          <header className="screen-header">
            <div className="screen-clock">{data ? t('screen.updated', { time: inZone(data.asOf).format('YYYY-MM-DD HH:mm:ss') }) : ''}</div>
            <h1>{t('screen.title')}</h1>
            <div className="screen-controls">
              <span className={`screen-live screen-live-${live}`} data-testid="screen-live">
                {live === 'live' ? t('screen.live') : t('screen.reconnecting')}
              </span>
              <Segmented
                size="small"
                value={measure}
                onChange={(v) => setPicked(v)}
                options={SCREEN_MEASURES.map((m) => ({ value: m, label: t(MEASURE_KEY[m]) }))}
                data-testid="screen-measure"
              />
              <span className="screen-rotate">
                {t('screen.rotate')}{' '}
                <Switch
                  size="small"
                  checked={rotate}
                  onChange={(on) => {
                    setRotate(on);
                    if (on) setPicked(null);
                  }}
                />
              </span>
            </div>
          </header>
          {error !== null && !data ? <div className="screen-error">{t('screen.loadFailed', { message: errorMessage(error) })}</div> : null}
          {data ? (
            <main className="screen-grid">
              <div className="screen-col">
                <Panel
                  title={t('screen.rankings')}
                  extra={<span className="screen-sub">{data.run ? t('screen.rankingsRun', { scheme: data.run.schemeName, asOf: data.run.asOf }) : t('screen.noRun')}</span>}
                  className="screen-rankings"
                  testId="screen-rankings"
                >
                  {group ? (
                    <>
                      <div className="screen-tabs">
                        {groups.map((g, i) => (
                          <span key={g.code} className={i === groupIndex ? 'on' : ''}>
                            {g.name}
                          </span>
                        ))}
                      </div>
                      <ol className="screen-ranking">
                        {group.units.slice(0, RANKED_SHOWN).map((u) => {
                          const top = group.units[0]?.total || 1;
                          return (
                            <li key={u.id}>
                              <span className="rank">{u.rank}</span>
                              <span className="name">{u.name}</span>
                              <span className="bar">
                                <i style={{ width: `${Math.max(4, (u.total / top) * 100)}%` }} />
                              </span>
                              <span className="score">{u.total.toFixed(1)}</span>
                            </li>
                          );
                        })}
                      </ol>
                    </>
                  ) : (
                    <p className="screen-empty">{t('screen.noRun')}</p>
                  )}
                </Panel>
                <Panel title={t('screen.lights')} testId="screen-lights">
                  <div className="screen-lights">
                    {(['green', 'blue', 'yellow', 'red'] as const).map((l) => (
                      <div key={l} className={`light light-${l}`} data-testid={`screen-light-${l}`}>
                        <b>{lights?.[l] ?? 0}</b>
                        <span>{t(`screen.light.${l}`)}</span>
                      </div>
                    ))}
                    <div className="light light-overdue" data-testid="screen-overdue">
                      <b>{lights?.overdue ?? 0}</b>
                      <span>{t('screen.overdue')}</span>
                    </div>
                  </div>
                </Panel>
                <Panel title={t('screen.ledger')} testId="screen-ledger">
                  <div className="screen-ledger">
                    <b>{pct(data.ledger.closeRate)}</b>
                    <div className="screen-progress">
                      <i style={{ width: `${(data.ledger.closeRate ?? 0) * 100}%` }} />
                    </div>
                    <span>{t('screen.ledgerOf', { closed: data.ledger.closed, total: data.ledger.total, open: data.ledger.open })}</span>
                  </div>
                </Panel>
              </div>

              <div className="screen-col screen-center">
                <Panel
                  title={`${t('screen.map')} · ${t(MEASURE_KEY[measure])}`}
                  className="screen-map-panel"
                  testId="screen-map-panel"
                  extra={
                    <span className="screen-legend">
                      <span>{measure === 'total' ? scale2.min.toFixed(1) : scale2.min}</span>
                      <i style={{ background: legendGradient(measure) }} />
                      <span>{measure === 'total' ? scale2.max.toFixed(1) : scale2.max}</span>
                    </span>
                  }
                >
                  <Suspense fallback={<div className="screen-map" />}>
                    <ScreenMap units={data.units} measure={measure} format={format} onRendered={onRendered} />
                  </Suspense>
                  <div className="screen-parks">
                    <span className="label">{t('screen.parks')}</span>
                    {parks.map((u) => (
                      <div key={u.id} className="park" style={{ background: scale2.color(measureValue(u, measure)) }} data-testid={`screen-park-${u.code}`}>
                        <span>{u.name}</span>
                        <b>{format(u)}</b>
                      </div>
                    ))}
                  </div>
                </Panel>
                <Panel title={t('screen.photos')} testId="screen-photos">
                  {data.photos.length ? (
                    <div className="screen-photos">
                      {data.photos.slice(photoPage * PHOTOS_SHOWN, photoPage * PHOTOS_SHOWN + PHOTOS_SHOWN).map((p) => (
                        <figure key={p.mediaId}>
                          <img src={photoUrl(p.url, kiosk)} alt={p.title} />
                          <figcaption>
                            {p.unitName ? `${p.unitName} · ` : ''}
                            {p.title} · {p.inspectedOn}
                          </figcaption>
                        </figure>
                      ))}
                    </div>
                  ) : (
                    <p className="screen-empty">{t('screen.noPhotos')}</p>
                  )}
                </Panel>
              </div>

              <div className="screen-col">
                <Panel
                  title={t('screen.projects')}
                  testId="screen-projects"
                  extra={
                    data.projects ? (
                      <span className="screen-sub">
                        {t('screen.projectsAsOf', { count: data.projects.count, month: data.projects.asOf, schedule: pct(data.projects.schedule.value) })}
                      </span>
                    ) : null
                  }
                >
                  {data.projects ? (
                    <div className="screen-rates">
                      {PROJECT_RATES.map((r) => {
                        const rate = data.projects!.rates[r];
                        return (
                          <div key={r} className={`rate ${rate.lagging ? 'lagging' : ''}`}>
                            <span className="name">{t(`screen.rate.${r}`)}</span>
                            <span className="bar">
                              <i style={{ width: `${Math.min(100, (rate.value ?? 0) * 100)}%` }} />
                              <em style={{ left: `${Math.min(100, rate.expected * 100)}%` }} />
                            </span>
                            <b>{pct(rate.value)}</b>
                          </div>
                        );
                      })}
                      {data.projects.laggingUnits.length ? (
                        <p className="screen-lagging">{t('screen.laggingUnits', { names: data.projects.laggingUnits.map((u) => u.name).join(lang === 'zh-CN' ? '、' : ', ') })}</p>
                      ) : null}
                    </div>
                  ) : (
                    <p className="screen-empty">{t('screen.noProjects')}</p>
                  )}
                </Panel>
                <Panel title={t('screen.campaign')} testId="screen-campaign" className="screen-campaign-panel" extra={data.campaign ? <span className="screen-sub">{data.campaign.name}</span> : null}>
                  {data.campaign ? (
                    <>
                      <div className="screen-participation">
                        <div className="big">
                          <b data-testid="screen-responses">{data.campaign.responses.toLocaleString('zh-CN')}</b>
                          <span>{t('screen.responses')}</span>
                        </div>
                        <div>
                          <b>{data.campaign.invited.toLocaleString('zh-CN')}</b>
                          <span>{t('screen.invited')}</span>
                        </div>
                        <div>
                          <b>{data.campaign.open.toLocaleString('zh-CN')}</b>
                          <span>{t('screen.open')}</span>
                        </div>
                        <div>
                          <b>{data.campaign.suggestions.toLocaleString('zh-CN')}</b>
                          <span>{t('screen.suggestions')}</span>
                        </div>
                      </div>
                      <div className="screen-sub">{t('screen.perHour')}</div>
                      <Suspense fallback={<div className="screen-curve" />}>
                        <HourlyCurve hourly={data.campaign.hourly} />
                      </Suspense>
                    </>
                  ) : (
                    <p className="screen-empty">{t('screen.noCampaign')}</p>
                  )}
                </Panel>
              </div>
            </main>
          ) : null}
          <footer className="screen-footer">{t('screen.demo')}</footer>
        </div>
      </div>
    </ConfigProvider>
  );
}
