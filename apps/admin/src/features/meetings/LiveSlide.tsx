import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import type { MeetingPresenter } from './meetings.api';

export type Stream = NonNullable<NonNullable<MeetingPresenter['material']>['streams']>[number];

/**
 * What the player is doing: connecting; playing; attached but with no picture yet (waiting, or the
 * browser cannot decode the stream's codec); unreachable (the address did not answer).
 */
export type LiveState = 'connecting' | 'playing' | 'waiting' | 'undecodable' | 'unreachable';

const HLS_TYPE = 'application/vnd.apple.mpegurl';
const PROBE_MS = 6000;

/** Whether the playlist answers at all (the player's own errors say the rest). */
async function reachable(url: string): Promise<boolean> {
  const abort = new AbortController();
  const timer = window.setTimeout(() => abort.abort(), PROBE_MS);
  try {
    const res = await fetch(url, { signal: abort.signal, cache: 'no-store' });
    return res.ok && (await res.text()).includes('#EXTM3U');
  } catch {
    return false;
  } finally {
    window.clearTimeout(timer);
  }
}

/**
 * Plays an HLS stream in a muted <video>: natively where the browser plays HLS itself, otherwise
 * through hls.js (loaded only when a live slide is shown). Reports its state in data-state.
 */
export function LivePlayer({ url, onState }: { url: string; onState?(s: LiveState): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<LiveState>('connecting');
  const [engine, setEngine] = useState<'native' | 'hls.js' | ''>('');

  useEffect(() => onState?.(state), [state, onState]);

  useEffect(() => {
    const v = video.current;
    if (!v) return;
    let live = true;
    let destroy = () => {};
    const set = (s: LiveState) => live && setState(s);
    const onPlaying = () => set('playing');
    const onWaiting = () => setState((s) => (s === 'playing' ? 'waiting' : s));
    v.addEventListener('playing', onPlaying);
    v.addEventListener('waiting', onWaiting);
    void (async () => {
      if (!(await reachable(url))) return set('unreachable');
      if (!live) return;
      if (v.canPlayType(HLS_TYPE)) {
        setEngine('native');
        v.addEventListener('error', () => set(v.error?.code === MediaError.MEDIA_ERR_DECODE || v.error?.code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED ? 'undecodable' : 'unreachable'));
        v.src = url;
      } else {
        const { default: Hls } = await import('hls.js');
        if (!live) return;
        if (!Hls.isSupported()) return set('undecodable');
        setEngine('hls.js');
        const hls = new Hls({ lowLatencyMode: true });
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (!data.fatal) return;
          set(data.type === Hls.ErrorTypes.NETWORK_ERROR ? 'unreachable' : 'undecodable');
          hls.destroy();
        });
        hls.loadSource(url);
        hls.attachMedia(v);
        destroy = () => hls.destroy();
      }
      set('waiting');
      v.play().catch(() => undefined);
    })();
    return () => {
      live = false;
      v.removeEventListener('playing', onPlaying);
      v.removeEventListener('waiting', onWaiting);
      destroy();
      v.removeAttribute('src');
      v.load();
    };
  }, [url]);

  return (
    <video
      ref={video}
      muted
      autoPlay
      playsInline
      controls={false}
      data-testid="live-player"
      data-state={state}
      data-engine={engine}
      style={{ width: '100%', height: '100%', objectFit: 'contain', background: '#000', borderRadius: 8, display: state === 'unreachable' ? 'none' : 'block' }}
    />
  );
}

/** 连线项目现场: a presenter's project site, live; where the stream does not answer, says so and shows the latest photos. */
export function LiveSlide({ p, stream, img }: { p: MeetingPresenter; stream: Stream; img(url: string | null): string | null }) {
  const { t } = useI18n();
  const [state, setState] = useState<LiveState>('connecting');
  const photos = (p.material?.findings ?? []).filter((f) => img(f.thumbnailUrl));
  const down = state === 'unreachable';
  return (
    <>
      <div style={{ marginBottom: 20 }}>
        <div className="kp-sub">
          {t('present.live')} · {p.unit.name}
        </div>
        <h1 style={{ fontSize: 60, margin: '8px 0 0' }}>
          {stream.title}
        </h1>
      </div>
      <div className="kp-grid" style={{ gridTemplateRows: '1fr' }}>
        <div className="kp-panel" style={{ position: 'relative', padding: down ? undefined : 12 }} data-testid="slide-live">
          <LivePlayer url={stream.url} onState={setState} />
          {!down && (
            <div className="kp-muted" style={{ position: 'absolute', left: 28, top: 22, fontSize: 26 }} data-testid="live-state">
              <span style={{ color: state === 'playing' ? '#ff4d4f' : undefined }}>●</span> {t(`present.live.${state}`)}
            </div>
          )}
          {down && (
            <>
              <h2 data-testid="live-unreachable">{t('present.live.unreachable')}</h2>
              <div className="kp-muted" style={{ fontSize: 24, marginBottom: 16 }}>
                {t('present.live.unreachableHint')}
              </div>
              {photos.length === 0 && <div className="kp-sub">{t('present.noPhotos')}</div>}
              <div className="kp-photos" style={{ gridTemplateColumns: 'repeat(3, 1fr)' }} data-testid="live-photos">
                {photos.slice(0, 6).map((f) => (
                  <figure key={f.id}>
                    <img src={img(f.thumbnailUrl)!} alt={f.title} />
                    <figcaption>
                      {f.inspectedOn} {f.title}
                    </figcaption>
                  </figure>
                ))}
              </div>
            </>
          )}
        </div>
      </div>
    </>
  );
}
