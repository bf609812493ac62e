import { KIOSK_TOKEN_PATTERN, PROJECT_RATES, type KioskDto, type KioskIssued, type ScreenData, type ProjectRateName } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import type { Locale } from '../../lib/language.js';
import type { Principal } from '../../lib/principal.js';
import { randomSecret, sha256 } from '../../lib/tokens.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { participation } from '../campaigns/campaigns.repository.js';
import { getMediaFile, loadMedia } from '../ledger/inspections.service.js';
import { latestReportMonth, projectRates } from '../projects/projects.service.js';
import { findLatestPublished } from '../schemes/schemes.repository.js';
import { findRuns } from '../scores/scores.repository.js';
import { getRankings } from '../scores/scores.service.js';
import { overview } from '../supervision-overview/supervision-overview.service.js';
import { iso } from '../../db/timestamps.js';
import * as repo from './screen.repository.js';

const PHOTOS = 8;
const HOURS = 24;
const HOUR = 3_600_000;

const KIOSK_DEAD = '大屏显示链接无效或已吊销 / the display link is unknown or revoked';

/**
 * Who reads the screen: a signed-in leader or office, or a display link. A display link reads the
 * screen as a city-wide read-only viewer that exists only inside this module: it is never a request's
 * principal, so with it every other route answers 401.
 */
export async function screenViewer(db: Database, principal: Principal | null, kiosk: string | undefined): Promise<Principal> {
  if (kiosk !== undefined) {
    const k = KIOSK_TOKEN_PATTERN.test(kiosk) ? await repo.useLiveKiosk(db, sha256(kiosk)) : undefined;
    if (!k) throw new AppError('UNAUTHENTICATED', KIOSK_DEAD);
    return { via: 'token', userId: null, username: `kiosk:${k.name}`, displayName: k.name, role: 'leader', unitId: null, scope: 'read' };
  }
  if (!principal) throw new AppError('UNAUTHENTICATED', '请先登录或使用大屏显示链接 / sign in or open the display link');
  return principal;
}

/** Whether a display link still works (its stream checks before each event once one was revoked). */
export async function kioskLive(db: Database, kiosk: string): Promise<boolean> {
  return KIOSK_TOKEN_PATTERN.test(kiosk) && (await repo.useLiveKiosk(db, sha256(kiosk))) !== undefined;
}

async function latestRun(db: Database) {
  const scheme = await findLatestPublished(db);
  if (!scheme) return null;
  const [run] = await findRuns(db, scheme.id);
  return run ? { run, scheme } : null;
}

/**
 * What changes the screen's lights and scores without a request: the clock (a deadline passes) and
 * the scheduled score run. The events hub compares this every few seconds while a screen is open.
 */
export async function lightFingerprint(db: Database, locale: Locale): Promise<string> {
  const [o, latest] = await Promise.all([overview(db, SYSTEM_VIEWER, {}, locale), latestRun(db)]);
  const c = (x: { green: number; blue: number; yellow: number; red: number; alert: number }) => `${x.green}/${x.blue}/${x.yellow}/${x.red}/${x.alert}`;
  return `${c(o.totals.tasks)}|${c(o.totals.problems)}|${latest?.run.id ?? 0}`;
}

const SYSTEM_VIEWER: Principal = { via: 'token', userId: null, username: 'screen', displayName: 'screen', role: 'leader', unitId: null, scope: 'read' };

const laggingOf = (rates: Record<ProjectRateName, { lagging: boolean }>) => PROJECT_RATES.filter((r) => rates[r].lagging);

/** The big screen's data, all from the modules that own it. */
export async function screenData(db: Database, viewer: Principal, locale: Locale, now = new Date()): Promise<ScreenData> {
  const month = await latestReportMonth(db, viewer, {});
  const [units, latest, supervision, rates, campaign, photos] = await Promise.all([
    repo.findScreenUnits(db),
    latestRun(db),
    overview(db, viewer, {}, locale, now),
    month ? projectRates(db, viewer, { asOf: month }) : null,
    repo.findOpenCampaign(db),
    repo.findNewestPhotos(db, PHOTOS),
  ]);
  const rankings = latest ? await getRankings(db, viewer, latest.run.id, locale.lang) : null;

  const scoreOf = new Map<number, { total: number; rank: number; groupSize: number }>();
  for (const g of rankings?.groups ?? []) for (const u of g.units) scoreOf.set(u.unitId, { total: u.total, rank: u.rank, groupSize: g.units.length });
  const lightsOf = new Map(supervision.units.map((r) => [r.unit.id, r.all]));
  const projectsOf = new Map((rates?.units ?? []).map((r) => [r.unit.id, r]));

  let live: ScreenData['campaign'] = null;
  if (campaign) {
    const since = new Date(Math.floor(now.getTime() / HOUR) * HOUR - (HOURS - 1) * HOUR);
    const [counts, hours] = await Promise.all([participation(db, campaign.id), repo.responsesPerHour(db, campaign.id, since)]);
    const byHour = new Map(hours.map((h) => [new Date(h.hour).getTime(), h.n]));
    live = {
      id: campaign.id,
      name: campaign.name,
      responses: counts.responses,
      invited: counts.invited,
      open: counts.open,
      suggestions: counts.suggestions,
      hourly: Array.from({ length: HOURS }, (_, i) => {
        const t = since.getTime() + i * HOUR;
        return { hour: new Date(t).toISOString(), responses: byHour.get(t) ?? 0 };
      }),
    };
  }

  const ledger = supervision.totals.problems;
  return {
    asOf: now.toISOString(),
    run: latest ? { id: latest.run.id, schemeName: latest.scheme.name, asOf: latest.run.as_of } : null,
    units: units
      .filter((u) => u.kind !== 'municipal')
      .map((u) => {
        const s = scoreOf.get(u.id);
        const l = lightsOf.get(u.id);
        const p = projectsOf.get(u.id);
        return {
          id: u.id,
          code: u.code,
          name: u.name,
          adcode: u.adcode,
          kind: u.kind,
          groupName: u.group_name,
          total: s?.total ?? null,
          rank: s?.rank ?? null,
          groupSize: s?.groupSize ?? null,
          red: l?.red ?? 0,
          overdue: l?.overdue ?? 0,
          laggingProjects: p ? (rates?.projects ?? []).filter((x) => x.unit.id === u.id && x.lagging.length > 0).length : 0,
          projects: p?.projectCount ?? 0,
        };
      }),
    rankings: (rankings?.groups ?? []).map((g) => ({ code: g.code, name: g.name, units: g.units.map((u) => ({ id: u.unitId, name: u.name, total: u.total, rank: u.rank })) })),
    lights: { tasks: supervision.totals.tasks, problems: supervision.totals.problems },
    ledger: { total: ledger.total, closed: ledger.closed, open: ledger.open, closeRate: ledger.closeRate },
    projects: rates
      ? {
          asOf: rates.asOf,
          schedule: { value: rates.schedule.value, text: rates.schedule.text },
          count: rates.overall.projectCount,
          rates: Object.fromEntries(
            PROJECT_RATES.map((r) => [r, { value: rates.overall.rates[r].value, expected: rates.overall.rates[r].expected, lagging: rates.overall.rates[r].lagging }]),
          ) as NonNullable<ScreenData['projects']>['rates'],
          laggingUnits: rates.units.filter((u) => u.lagging.length > 0).map((u) => ({ id: u.unit.id, name: u.unit.name, lagging: laggingOf(u.rates) })),
        }
      : null,
    campaign: live,
    photos: photos.map((p) => ({ mediaId: p.media_id, title: p.title, unitName: p.unit_name, place: p.place, inspectedOn: p.inspected_on, url: `/api/screen/photos/${p.media_id}` })),
  };
}

/** A photo's thumbnail for the screen; only inspection photos, nothing else a media id could name. */
export async function screenPhoto(db: Database, viewer: Principal, mediaId: number) {
  if (!(await repo.isScreenPhoto(db, mediaId))) throw notFound('照片 / Photo');
  return getMediaFile(db, await loadMedia(db, mediaId), 'thumbnail');
}

const kioskDto = (r: repo.KioskRow): KioskDto => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdBy: r.created_by_name,
  createdAt: iso(r.created_at) ?? '',
  revokedAt: iso(r.revoked_at),
  lastUsedAt: iso(r.last_used_at),
});

export async function listKiosks(db: Database): Promise<KioskDto[]> {
  return (await repo.findKiosks(db)).map(kioskDto);
}

/** Issues a display link; its secret is shown once and only its hash is kept. */
export async function issueKiosk(db: Database, p: Principal, name: string, ctx: AuditContext): Promise<KioskIssued> {
  if (p.via !== 'session' || p.userId === null) throw new AppError('FORBIDDEN', '只有登录的用户可以生成显示链接 / only a signed-in person may make a display link');
  const createdBy = p.userId;
  const token = `kps_${randomSecret()}`;
  const kiosk = await db.transaction(async (tx) => {
    const id = await repo.insertKiosk(tx, { name, tokenHash: sha256(token), prefix: token.slice(0, 10), createdBy });
    const dto = kioskDto((await repo.findKiosk(tx, id))!);
    await recordAudit(tx, ctx, { action: 'screen.kiosk.issue', entity: 'screen_kiosk', entityId: id, after: { name: dto.name, prefix: dto.prefix } });
    return dto;
  });
  return { kiosk, token, path: `/screen?kiosk=${token}` };
}

export async function revokeKiosk(db: Database, p: Principal, id: number, ctx: AuditContext): Promise<KioskDto> {
  return db.transaction(async (tx) => {
    const before = await repo.findKiosk(tx, id);
    if (!before) throw notFound('显示链接 / Display link');
    if (!(await repo.revokeKiosk(tx, id, p.userId))) throw new AppError('ALREADY_DONE', '该显示链接已吊销 / this display link is revoked already');
    const after = kioskDto((await repo.findKiosk(tx, id))!);
    await recordAudit(tx, ctx, { action: 'screen.kiosk.revoke', entity: 'screen_kiosk', entityId: id, before: { name: before.name, revokedAt: null }, after: { name: after.name, revokedAt: after.revokedAt } });
    return after;
  });
}
