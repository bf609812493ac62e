import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdfConverter, docxToPdf, renderDocx } from '../src/lib/documents/index.js';
import { AppError } from '../src/errors.js';
import { sampleBulletin } from './fixtures/official-documents.js';

/**
 * The PDF of a bulletin, made by LibreOffice from the .docx, read back with poppler as a person would
 * read it: how many pages, what text is on them, and whether page 1 shows the red mark and the red line
 * where GB/T 9704 puts them. These need LibreOffice (libreoffice-writer-nogui) and poppler-utils; without
 * them they fail and say what to install. Conversions take seconds, so there are few of them.
 *
 * `DOC_SCREENSHOTS=docs/screenshots` also writes page 1 as docs/screenshots/document-bulletin.png.
 */

const run = promisify(execFile);

async function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdftoppm', args: string[]): Promise<Buffer> {
  try {
    return (await run(tool, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} is not installed: apt-get install -y poppler-utils`);
    throw err;
  }
}

let dir: string;
let pdf: Buffer;
let pdfPath: string;
let conversionMs: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kaoping-pdf-test-'));
  const t0 = Date.now();
  pdf = await docxToPdf(await renderDocx(await sampleBulletin()));
  conversionMs = Date.now() - t0;
  pdfPath = join(dir, 'bulletin.pdf');
  await writeFile(pdfPath, pdf);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('docxToPdf: a bulletin through LibreOffice', () => {
  it('gives an A4 PDF of three pages', async () => {
    const info = (await poppler('pdfinfo', [pdfPath])).toString();
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Pages:\s+3\b/);
    console.log(`conversion of a 3-page bulletin: ${conversionMs} ms`);
  });

  it('holds the issuer, number, title, figures and page numbers as text', async () => {
    const pages = (await poppler('pdftotext', ['-layout', pdfPath, '-'])).toString().split('\f');
    const flat = (s: string) => s.replace(/\s+/g, '');
    expect(flat(pages[0]!)).toContain('衡阳市绩效考核委员会办公室');
    expect(flat(pages[0]!)).toContain('衡绩办通〔2021〕12号');
    expect(flat(pages[0]!)).toContain('关于2021年11月中旬绩效考核工作情况的通报');
    const all = flat(pages.join(''));
    for (const figure of ['903.08', '897.4', '889.15', '-1.2', '87.6%']) expect(all).toContain(figure);
    expect(all).toContain('抄送：市委办公室');
    expect(all).toContain('2021年11月22日印发');
    expect(flat(pages[0]!)).toContain('—1—');
    expect(flat(pages[1]!)).toContain('—2—');
  });

  it('embeds the CJK fonts it drew with (serif for 仿宋 and 小标宋, sans for 黑体)', async () => {
    const fonts = (await run('pdffonts', [pdfPath])).stdout;
    expect(fonts).toMatch(/NotoSerifCJK\S*-Regular/);
    expect(fonts).toMatch(/NotoSerifCJK\S*-Bold/);
    expect(fonts).toMatch(/NotoSansCJK/);
    expect(fonts).not.toMatch(/DejaVu/);
  });

  it('draws the red mark and the red line across the text block on page 1', async () => {
    const dpi = 50;
    await poppler('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-png', '-singlefile', pdfPath, join(dir, 'page1')]);
    const png = await readFile(join(dir, 'page1.png'));
    if (process.env.DOC_SCREENSHOTS) {
      await mkdir(process.env.DOC_SCREENSHOTS, { recursive: true });
      await poppler('pdftoppm', ['-r', '80', '-f', '1', '-l', '1', '-png', '-singlefile', pdfPath, join(process.env.DOC_SCREENSHOTS, 'document-bulletin')]);
    }
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const px = (mm: number) => Math.round((mm / 25.4) * dpi);
    const red = (x: number, y: number) => {
      const i = (y * info.width + x) * 3;
      return data[i]! > 200 && data[i + 1]! < 80 && data[i + 2]! < 80;
    };
    const redIn = (y: number) => Array.from({ length: info.width }, (_, x) => x).filter((x) => red(x, y));
    const rows = Array.from({ length: info.height }, (_, y) => redIn(y));
    // The mark: red in the band starting 35 mm below the text block's top (37 mm from the page edge).
    const markRows = rows.map((r, y) => ({ y, n: r.length })).filter((r) => r.n > 0 && r.n < px(150) && r.y < px(110));
    expect(markRows.length).toBeGreaterThan(5);
    expect(markRows[0]!.y).toBeGreaterThanOrEqual(px(37 + 35) - 3);
    // The line: a red row from the left margin (28 mm) to the right one (210 − 26 mm).
    const line = rows.findIndex((r) => r.length > px(150));
    expect(line).toBeGreaterThan(markRows[0]!.y);
    expect(Math.abs(rows[line]![0]! - px(28))).toBeLessThanOrEqual(2);
    expect(Math.abs(rows[line]![rows[line]!.length - 1]! - px(210 - 26))).toBeLessThanOrEqual(2);
    // Nothing red below the line: the title and body are black.
    expect(rows.slice(line + 4).every((r) => r.length === 0)).toBe(true);
  });
});

describe('createPdfConverter', () => {
  it('answers 503 with how to install LibreOffice when it is missing', async () => {
    const c = createPdfConverter({ command: '/nonexistent/soffice' });
    const err = await c.convert(Buffer.from('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).message).toContain('apt-get install -y libreoffice-writer-nogui fonts-noto-cjk');
  });

  it('ends a conversion that hangs, with a 503', async () => {
    const fake = join(dir, 'hanging-soffice');
    await writeFile(fake, '#!/bin/sh\nsleep 30\n');
    await chmod(fake, 0o755);
    const t0 = Date.now();
    const err = await createPdfConverter({ command: fake, timeoutMs: 300 }).convert(Buffer.from('y')).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).message).toMatch(/took longer/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('queues conversions beyond its limit and refuses past the queue', async () => {
    const fake = join(dir, 'slow-soffice');
    // Writes a PDF-looking file where LibreOffice would, after a moment.
    await writeFile(fake, '#!/bin/sh\nfor a; do last="$a"; done\nsleep 0.3\nprintf "%%PDF-fake" > "${last%.docx}.pdf"\n');
    await chmod(fake, 0o755);
    const c = createPdfConverter({ command: fake, concurrency: 1, maxQueue: 1 });
    const t0 = Date.now();
    const results = await Promise.allSettled([c.convert(Buffer.from('a')), c.convert(Buffer.from('b')), c.convert(Buffer.from('c'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(((results[2] as PromiseRejectedResult).reason as AppError).status).toBe(503);
    // One at a time: the second waited for the first.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(550);
  });

  it('runs two LibreOffice conversions at once, each with its own profile', async () => {
    const c = createPdfConverter({ concurrency: 2 });
    const docs = await Promise.all([sampleBulletin({ body: [], title: '测试一' }), sampleBulletin({ body: [], title: '测试二' })]);
    const pdfs = await Promise.all(docs.map(async (d) => c.convert(await renderDocx(d))));
    for (const [i, p] of pdfs.entries()) {
      const f = join(dir, `c${i}.pdf`);
      await writeFile(f, p);
      expect((await poppler('pdftotext', [f, '-'])).toString()).toContain(i === 0 ? '测试一' : '测试二');
    }
  });
});
