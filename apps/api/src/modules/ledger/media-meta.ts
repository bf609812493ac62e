import exifr from 'exifr';
import sharp from 'sharp';

/**
 * What a photo or video says about itself: when and where it was taken, read from the file
 * (EXIF DateTimeOriginal and GPS for images, the movie header and the ISO 6709 location atom for
 * MP4), and a small JPEG thumbnail of images. Anything unreadable is simply absent: the client's
 * values are then used, and the upload never fails for want of metadata.
 */

export interface MediaMeta {
  takenAt: Date | null;
  latitude: number | null;
  longitude: number | null;
  width: number | null;
  height: number | null;
}

const NONE: MediaMeta = { takenAt: null, latitude: null, longitude: null, width: null, height: null };

const validCoords = (lat: unknown, lon: unknown): lat is number =>
  typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);

/**
 * EXIF times carry no zone unless OffsetTimeOriginal is written; a camera's clock is taken to be
 * on China Standard Time (UTC+8, no daylight saving) then.
 */
export function exifTime(value: unknown, offset: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '+08:00';
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  return Number.isNaN(t) || m[1] === '0000' ? null : new Date(t);
}

async function imageMeta(bytes: Buffer): Promise<MediaMeta> {
  const out = { ...NONE };
  try {
    const info = await sharp(bytes).metadata();
    // Orientation 5–8 turns the picture a quarter: what a person sees is the other way round.
    const turned = (info.orientation ?? 1) >= 5;
    out.width = (turned ? info.height : info.width) ?? null;
    out.height = (turned ? info.width : info.height) ?? null;
  } catch {
    // not decodable: no size, and no thumbnail either
  }
  try {
    const tags = (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, reviveValues: false, translateValues: false })) as Record<string, unknown> | undefined;
    if (tags) {
      out.takenAt = exifTime(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal);
      if (validCoords(tags.latitude, tags.longitude)) {
        out.latitude = tags.latitude;
        out.longitude = tags.longitude as number;
      }
    }
  } catch {
    // no EXIF, or a broken one
  }
  return out;
}

/** Top-level boxes of an ISO base media file (MP4) within [start, end). */
function* boxes(b: Buffer, start: number, end: number): Generator<{ type: string; body: number; end: number }> {
  let at = start;
  while (at + 8 <= end) {
    let size = b.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) return;
      const big = b.readBigUInt64BE(at + 8);
      if (big > BigInt(end - at)) return;
      size = Number(big);
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) return;
    yield { type: b.toString('latin1', at + 4, at + 8), body: at + header, end: at + size };
    at += size;
  }
}

const find = (b: Buffer, start: number, end: number, type: string) => {
  for (const box of boxes(b, start, end)) if (box.type === type) return box;
  return undefined;
};

/** Seconds from 1904-01-01 (the QuickTime epoch) to 1970-01-01. */
const MAC_EPOCH = 2_082_844_800;

/** ISO 6709, as phones write it into the ©xyz atom: "+27.1234+112.5678+050.000/". */
export function iso6709(s: string): { latitude: number; longitude: number } | null {
  const m = /^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)/.exec(s.trim());
  if (!m) return null;
  const latitude = Number(m[1]);
  const longitude = Number(m[2]);
  return validCoords(latitude, longitude) ? { latitude, longitude } : null;
}

/** Creation time from moov/mvhd and the place from moov/udta/©xyz. */
export function mp4Meta(b: Buffer): MediaMeta {
  const out = { ...NONE };
  const moov = find(b, 0, b.length, 'moov');
  if (!moov) return out;
  const mvhd = find(b, moov.body, moov.end, 'mvhd');
  if (mvhd && mvhd.end - mvhd.body >= 16) {
    const version = b[mvhd.body]!;
    const secs = version === 1 ? Number(b.readBigUInt64BE(mvhd.body + 4)) : b.readUInt32BE(mvhd.body + 4);
    // 0 means "not set"; anything before 2000 is a camera that never had its clock set.
    const t = (secs - MAC_EPOCH) * 1000;
    if (secs > 0 && t > Date.UTC(2000, 0, 1) && t < Date.now() + 86_400_000) out.takenAt = new Date(t);
  }
  const udta = find(b, moov.body, moov.end, 'udta');
  const xyz = udta ? find(b, udta.body, udta.end, '\u00a9xyz') : undefined;
  if (xyz && xyz.end - xyz.body > 4) {
    const len = b.readUInt16BE(xyz.body);
    const place = iso6709(b.toString('latin1', xyz.body + 4, Math.min(xyz.end, xyz.body + 4 + len)));
    if (place) Object.assign(out, place);
  }
  return out;
}

export async function readMediaMeta(kind: 'image' | 'video' | 'document', bytes: Buffer): Promise<MediaMeta> {
  if (kind === 'image') return imageMeta(bytes);
  if (kind === 'video') {
    try {
      return mp4Meta(bytes);
    } catch {
      return { ...NONE };
    }
  }
  return { ...NONE };
}

export const THUMBNAIL_PX = 320;

/** A JPEG at most 320 px on its longer side, turned upright by its EXIF orientation; null when the image cannot be decoded. */
export async function thumbnail(bytes: Buffer): Promise<Buffer | null> {
  try {
    return await sharp(bytes, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 70 })
      .toBuffer();
  } catch {
    return null;
  }
}
