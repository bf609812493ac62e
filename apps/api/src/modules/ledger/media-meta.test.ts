import { describe, expect, it } from 'vitest';
import { checkFile } from '../files/files.js';
import { exifTime, iso6709, mp4Meta } from './media-meta.js';

describe('the time and place a file keeps', () => {
  it('reads EXIF times as China time unless the file gives its offset', () => {
    expect(exifTime('2021:03:05 21:20:30', undefined)?.toISOString()).toBe('2021-03-05T13:20:30.000Z');
    expect(exifTime('2021:03:05 21:20:30', '+09:00')?.toISOString()).toBe('2021-03-05T12:20:30.000Z');
    expect(exifTime('0000:00:00 00:00:00', undefined)).toBeNull();
    expect(exifTime('    :  :     :  :  ', undefined)).toBeNull();
    expect(exifTime(12, undefined)).toBeNull();
  });

  it('reads ISO 6709 places and refuses impossible ones', () => {
    expect(iso6709('+26.8941+112.6130+050.000/')).toEqual({ latitude: 26.8941, longitude: 112.613 });
    expect(iso6709('-33.86+151.21/')).toEqual({ latitude: -33.86, longitude: 151.21 });
    expect(iso6709('+95.0+112.0/')).toBeNull();
    expect(iso6709('+00.0000+000.0000/')).toBeNull();
    expect(iso6709('garbage')).toBeNull();
  });

  it('survives truncated and odd MP4 files', () => {
    const ftyp = Buffer.from('000000186674797069736f6d0000000069736f6d69736f32', 'hex');
    expect(mp4Meta(ftyp)).toMatchObject({ takenAt: null, latitude: null });
    const lying = Buffer.concat([ftyp, Buffer.from('ffffffff6d6f6f76', 'hex')]);
    expect(mp4Meta(lying)).toMatchObject({ takenAt: null });
    expect(mp4Meta(Buffer.alloc(3))).toMatchObject({ takenAt: null });
  });
});

describe('the files the ledger takes', () => {
  const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
  it('tells the type from the bytes and holds the declared type to it', () => {
    expect(checkFile('image/png', png, ['image/png']).mime).toBe('image/png');
    expect(checkFile('application/octet-stream', png, ['image/jpeg', 'image/png']).mime).toBe('image/png');
    expect(() => checkFile('image/jpeg', png, ['image/jpeg', 'image/png'])).toThrow(/JPEG/);
    expect(() => checkFile('image/gif', png, ['image/png'])).toThrow(/image\/gif/);
    expect(() => checkFile('image/png', Buffer.alloc(0), ['image/png'])).toThrow(/empty/);
  });

  it('holds each kind to its size', () => {
    const bigPng = Buffer.concat([png, Buffer.alloc(15 * 1024 * 1024)]);
    expect(() => checkFile('image/png', bigPng, ['image/png'])).toThrow(/15 MB/);
    const mp4 = Buffer.concat([Buffer.from('0000001866747970', 'hex'), Buffer.from('isom'), Buffer.alloc(20 * 1024 * 1024)]);
    expect(checkFile('video/mp4', mp4, ['video/mp4']).kind).toBe('video');
  });
});
