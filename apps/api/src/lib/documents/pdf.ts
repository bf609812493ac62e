import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../errors.js';
import { fontconfigXml } from './fonts.js';

/**
 * .docx → PDF with LibreOffice headless, so the PDF is the same pages as the .docx (its own layout
 * engine reads the GB/T 9704 grid, margins and footers from the file). Each call gets a throw-away
 * user profile, so calls never share LibreOffice's lock; calls are queued and run a few at a time
 * (each soffice takes a core and ~200 MB), a stuck conversion is killed, and a missing LibreOffice is
 * a 503 that says how to install it — the product itself starts and serves everything else without it.
 */
export interface PdfConverterOptions {
  /** The LibreOffice program; `soffice` on the PATH by default. */
  command?: string;
  /** Killed after this long (ms). */
  timeoutMs?: number;
  /** Conversions running at once. */
  concurrency?: number;
  /** Conversions waiting beyond this are refused at once (503) rather than queued for minutes. */
  maxQueue?: number;
}

export const INSTALL_HINT = 'apt-get install -y libreoffice-writer-nogui fonts-noto-cjk';

const unavailable = (zh: string, en: string) => new AppError('UNAVAILABLE', `PDF 暂不可用：${zh} / PDF is unavailable: ${en}`);

export interface PdfConverter {
  convert(docx: Buffer): Promise<Buffer>;
}

/** A converter with its own queue; `docxToPdf` uses the default one. */
export function createPdfConverter(opts: PdfConverterOptions = {}): PdfConverter {
  const command = opts.command ?? 'soffice';
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const concurrency = opts.concurrency ?? 1;
  const maxQueue = opts.maxQueue ?? 20;
  let running = 0;
  const waiting: (() => void)[] = [];
  // The same .docx (a notice downloaded twice) converts once; the package's dates are fixed, so equal documents are equal bytes.
  const cache = new Map<string, Buffer>();

  async function slot(): Promise<() => void> {
    if (running >= concurrency) {
      if (waiting.length >= maxQueue) throw unavailable('转换任务过多，请稍后再试', 'too many conversions are waiting; try again shortly');
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    running++;
    return () => {
      running--;
      waiting.shift()?.();
    };
  }

  return {
    async convert(docx: Buffer): Promise<Buffer> {
      const key = createHash('sha256').update(docx).digest('hex');
      const hit = cache.get(key);
      if (hit) return hit;
      const release = await slot();
      try {
        const pdf = await convertOnce(command, docx, timeoutMs);
        cache.set(key, pdf);
        if (cache.size > 16) cache.delete(cache.keys().next().value!);
        return pdf;
      } finally {
        release();
      }
    },
  };
}

async function convertOnce(command: string, docx: Buffer, timeoutMs: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'kaoping-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    await writeFile(input, docx);
    await writeFile(join(dir, 'fonts.conf'), fontconfigXml());
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--invisible',
      '--nodefault',
      '--nolockcheck',
      '--nologo',
      '--norestore',
      '--convert-to',
      'pdf:writer_pdf_Export',
      '--outdir',
      dir,
      input,
    ];
    const { code, stderr } = await runProcess(command, args, { ...process.env, FONTCONFIG_FILE: join(dir, 'fonts.conf'), HOME: dir }, timeoutMs);
    const pdf = await readFile(join(dir, 'document.pdf')).catch(() => null);
    if (code !== 0 || !pdf || pdf.length === 0) {
      throw unavailable(`LibreOffice 未能生成 PDF（退出码 ${code}）`, `LibreOffice produced no PDF (exit ${code}): ${stderr.slice(0, 300)}`);
    }
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runProcess(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout ends soffice.bin and anything it started too.
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(unavailable(`转换超时（${Math.round(timeoutMs / 1000)} 秒）`, `the conversion took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ENOENT' ? unavailable(`服务器未安装 LibreOffice（${INSTALL_HINT}）`, `LibreOffice is not installed on the server (${INSTALL_HINT})`) : err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const shared = createPdfConverter();

/** Converts a .docx to PDF with LibreOffice headless (see createPdfConverter). */
export async function docxToPdf(docx: Buffer): Promise<Buffer> {
  return shared.convert(docx);
}
