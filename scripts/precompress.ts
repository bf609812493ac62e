import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|geojson|svg|txt|map|LICENSE)$/;
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

function walk(dir: string): string[] {
  // Not .vite/ (the build's manifest, which no browser asks for).
  return readdirSync(dir).filter((f) => !f.startsWith('.')).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Writes `file.br` (brotli, best quality) and `file.gz` (gzip level 9) beside every compressible
 * built file, once at build time, so the server sends them as they are (`preCompressed` in
 * @fastify/static) and never compresses on a request. A copy no smaller than its original is not kept.
 */
export function precompressDir(dir: string): { files: number; raw: number; brotli: number } {
  let files = 0;
  let raw = 0;
  let brotli = 0;
  for (const path of walk(dir)) {
    if (!COMPRESSIBLE.test(path)) continue;
    const bytes = readFileSync(path);
    if (bytes.length < MIN_BYTES) continue;
    const br = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    const gz = gzipSync(bytes, { level: 9 });
    if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
    if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
    files++;
    raw += bytes.length;
    brotli += br.length;
  }
  return { files, raw, brotli };
}

/** A Vite plugin that precompresses the build's output directory once everything is written. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'kaoping-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const { files, raw, brotli } = precompressDir(outDir);
        console.log(`precompressed ${files} files: ${(raw / 1000).toFixed(0)} kB → ${(brotli / 1000).toFixed(0)} kB brotli (and gzip)`);
      },
    },
  };
}
