import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { MeetingDetail, ProjectDto } from '@kaoping/shared';
import { browserSuite } from './suite.js';

/**
 * 连线项目现场: a short HLS stream is made with ffmpeg and served by a small local web server; the
 * office sets it as a project's live stream of 衡阳县 (its drawer), the supervision office gives an
 * inspection with a finding of 衡阳县 an address nobody answers (its page); on the hall screen the first live slide plays the stream (or, where this
 * Chromium cannot decode H.264, says so), the second says the stream cannot be reached and shows the
 * latest site photos.
 */

const WAIT = 30_000;
const shotsDir = join(import.meta.dirname, '..', 'docs', 'screenshots');

// The stream: 8 s of a test picture in 2 s H.264 segments, as a site camera's platform serves them.
const streamDir = mkdtempSync(join(tmpdir(), 'kp-hls-'));
execFileSync(
  'ffmpeg',
  ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-t', '8', '-c:v', 'libx264', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-g', '50',
    '-f', 'hls', '-hls_time', '2', '-hls_list_size', '0', '-hls_playlist_type', 'vod', join(streamDir, 'site.m3u8')],
  { stdio: 'inherit', timeout: 60_000 },
);
const TYPES: Record<string, string> = { '.m3u8': 'application/vnd.apple.mpegurl', '.ts': 'video/mp2t' };
const requested: string[] = [];
const streamServer = createServer((req, res) => {
  const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
  requested.push(path);
  res.setHeader('access-control-allow-origin', '*');
  readFile(join(streamDir, path)).then(
    (body) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
    () => res.writeHead(404).end(),
  );
});
await new Promise<void>((resolve) => streamServer.listen(0, '127.0.0.1', resolve));
const streamOrigin = `http://127.0.0.1:${(streamServer.address() as { port: number }).port}`;
// A port that was just free and is closed again: nothing answers there.
const deadServer = createServer();
await new Promise<void>((resolve) => deadServer.listen(0, '127.0.0.1', resolve));
const deadOrigin = `http://127.0.0.1:${(deadServer.address() as { port: number }).port}`;
await new Promise((resolve) => deadServer.close(resolve));

const suite = browserSuite({ assessment: true, timeout: WAIT, setupTimeout: 240_000, env: { STREAM_HOSTS: `${streamOrigin},${deadOrigin}` } });

afterAll(async () => {
  await new Promise((resolve) => streamServer.close(resolve));
  rmSync(streamDir, { recursive: true, force: true });
});

async function call<T>(page: Page, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body, headers }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const isBytes = Array.isArray(body);
      const res = await fetch(url, {
        method,
        headers: { ...(body !== undefined && !isBytes ? { 'content-type': 'application/json' } : {}), 'x-csrf-token': me.csrfToken, ...headers },
        body: body === undefined ? undefined : isBytes ? new Uint8Array(body as number[]) : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    { method, url, body, headers },
  );
}

const slide = (page: Page) => page.getByTestId('present-slide');

describe('connecting to a project site (连线项目现场)', () => {
  it('plays a project’s live stream on its slide, and says so with the latest photos where the stream does not answer', async () => {
    const page = await suite.page('office');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto('/');
    const units = (await call<{ items: { id: number; code: string }[] }>(page, 'GET', '/api/units?q=430421')).body;
    const unitId = units.items.find((u) => u.code === '430421')!.id;

    // A site photo of 衡阳县 from an inspection (what the slide falls back to), recorded by the supervision office.
    const sup = await suite.page('supervisor');
    await sup.goto('/');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const inspection = (await call<{ id: number }>(sup, 'POST', '/api/inspections', { inspectedOn: today, place: '衡阳县西渡镇', inspector: '督查室暗访组' })).body;
    const finding = (await call<{ id: number }>(sup, 'POST', `/api/inspections/${inspection.id}/findings`, { title: '西渡镇项目工地扬尘', unitId, place: '衡阳县西渡镇', latitude: 26.974, longitude: 112.378 })).body;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="#8a7a62"/><text x="320" y="250" font-size="40" text-anchor="middle" fill="#fff">工地照片 site photo</text></svg>`;
    const jpeg = await sharp(Buffer.from(svg)).jpeg().toBuffer();
    const upload = await call(sup, 'POST', `/api/inspections/findings/${finding.id}/media`, [...jpeg], { 'content-type': 'image/jpeg', 'x-filename': 'site.jpg' });
    expect(upload.status, JSON.stringify(upload.body)).toBeLessThan(300);

    // The stream addresses: checked (http(s), .m3u8), set through the project's drawer and the API.
    const projects = (await call<{ items: ProjectDto[] }>(page, 'GET', `/api/projects?unitId=${unitId}`)).body.items;
    const live = projects[0]!;
    const bad = await call<{ error: { message: string } }>(page, 'PATCH', `/api/projects/${live.id}`, { streamUrl: 'ftp://cam.example/site.mp4' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('.m3u8');
    await page.goto('/projects');
    await page.getByText(live.name).first().click();
    await page.getByTestId('stream-edit').click();
    await page.getByTestId('stream-url').fill(`${streamOrigin}/site.m3u8`);
    await page.getByTestId('stream-save').click();
    await expect.poll(() => page.getByTestId('project-stream').innerText()).toBe(`${streamOrigin}/site.m3u8`);
    mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: join(shotsDir, 'project-stream.png') });
    // The inspection team's camera at 西渡镇: an address that does not answer, set on the inspection's page.
    await sup.goto(`/supervision/inspections/${inspection.id}`);
    await sup.getByTestId('stream-edit').click();
    await sup.getByTestId('stream-url').fill('rtsp://cam.example/live');
    await sup.getByTestId('stream-save').click();
    await sup.getByText('须为以 .m3u8 结尾的 http(s) 地址').waitFor();
    await sup.getByTestId('stream-url').fill(`${deadOrigin}/live/site.m3u8`);
    await sup.getByTestId('stream-save').click();
    await expect.poll(() => sup.getByTestId('inspection-stream').innerText()).toBe(`${deadOrigin}/live/site.m3u8`);

    // A meeting with 衡阳县 presenting, prepared: its material lists both streams.
    const created = (await call<MeetingDetail>(page, 'POST', '/api/meetings', { kind: 'development', title: '连线项目现场演示', heldOn: today, presenters: [{ unitId, minutes: 8 }] })).body;
    expect((await call(page, 'POST', `/api/meetings/${created.id}/prepare`)).status).toBe(200);
    const m = (await call<MeetingDetail>(page, 'GET', `/api/meetings/${created.id}`)).body;
    expect(m.presenters[0]!.material!.streams).toEqual([
      { kind: 'project', id: live.id, title: `${live.code} ${live.name}`, url: `${streamOrigin}/site.m3u8` },
      { kind: 'inspection', id: inspection.id, title: `${today} 衡阳县西渡镇`, url: `${deadOrigin}/live/site.m3u8` },
    ]);

    await page.setViewportSize({ width: 1920, height: 1080 });
    const errors: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    await page.goto(`/meetings/${created.id}/present`);
    await page.getByTestId('present-ready').waitFor();
    const order = m.presenters[0]!.material!.streams!.map((s) => s.url);
    // title, board, scores, issues, then one live slide per stream.
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
    for (const url of order) {
      await expect.poll(() => slide(page).getAttribute('data-kind')).toBe('live');
      const player = page.getByTestId('live-player');
      if (url.startsWith(streamOrigin)) {
        // The player attaches and plays, or reports that it cannot decode the picture.
        await expect.poll(() => player.getAttribute('data-state'), { timeout: 20_000 }).toMatch(/^(playing|undecodable)$/);
        expect(await player.getAttribute('data-engine')).toMatch(/^(native|hls\.js)$/);
        expect(requested).toContain('/site.m3u8');
        const state = await player.getAttribute('data-state');
        if (state === 'playing') {
          expect(requested.some((p) => p.endsWith('.ts'))).toBe(true);
          await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.5);
          expect(await player.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(640);
        }
        expect(await page.getByTestId('live-state').innerText()).toContain(state === 'playing' ? '现场直播中' : '无法解码');
        await page.screenshot({ path: join(shotsDir, 'meeting-slide-live.png') });
      } else {
        await page.getByTestId('live-unreachable').waitFor({ timeout: 20_000 });
        expect(await page.getByTestId('live-unreachable').innerText()).toContain('无法连接');
        const photo = page.getByTestId('live-photos').locator('img').first();
        await photo.waitFor();
        expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
        await page.screenshot({ path: join(shotsDir, 'meeting-slide-live-unreachable.png') });
      }
      await page.keyboard.press('PageDown');
    }
    // Nothing was refused by the page's Content-Security-Policy.
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  });
});
