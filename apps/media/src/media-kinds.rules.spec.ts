import { ErrorCode } from '@im/contracts';

import { sniffableTypes, sniffType } from './content-sniff.rules';
import {
  cleanFileName,
  decideType,
  fitLongSide,
  imageFormatCode,
  normaliseType,
} from './media-kinds.rules';

/** The first bytes of a PNG and of a Windows executable (MZ header with a PE offset). */
const PNG_HEAD = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
  'hex',
);
function exeHead(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

describe('media kinds', () => {
  let known: ReadonlySet<string>;
  beforeAll(async () => {
    known = await sniffableTypes();
  });

  it('sniffs a PNG as image/png and an executable as something else', async () => {
    expect(await sniffType(PNG_HEAD)).toBe('image/png');
    const exe = await sniffType(exeHead());
    expect(exe).toBeDefined();
    expect(exe).not.toBe('image/png');
  });

  it('accepts an image whose bytes are what it declares', () => {
    expect(decideType('image', 'image/png', 'image/png', known)).toEqual({
      ok: true,
      type: 'image/png',
    });
    expect(decideType('image', 'image/JPG', 'image/jpeg', known)).toEqual({
      ok: true,
      type: 'image/jpeg',
    });
  });

  it('refuses an executable declared as image/png with MediaTypeMismatch', async () => {
    const sniffed = await sniffType(exeHead());
    for (const kind of ['image', 'file'] as const) {
      expect(decideType(kind, 'image/png', sniffed, known)).toMatchObject({
        ok: false,
        code: ErrorCode.MediaTypeMismatch,
      });
    }
  });

  it('refuses image formats outside png, jpeg, gif and webp', () => {
    expect(decideType('image', 'image/bmp', 'image/bmp', known)).toMatchObject({
      ok: false,
      code: ErrorCode.MediaTypeMismatch,
    });
  });

  it('refuses a declared signature type when the bytes have none', () => {
    expect(decideType('file', 'image/png', undefined, known)).toMatchObject({ ok: false });
    expect(decideType('image', 'image/png', undefined, known)).toMatchObject({ ok: false });
  });

  it('keeps a file of unknown bytes with its declared type, or as octet-stream', () => {
    expect(decideType('file', 'text/plain', undefined, known)).toEqual({
      ok: true,
      type: 'text/plain',
    });
    expect(decideType('file', '', undefined, known)).toEqual({
      ok: true,
      type: 'application/octet-stream',
    });
    expect(decideType('file', 'application/octet-stream', 'application/zip', known)).toEqual({
      ok: true,
      type: 'application/zip',
    });
  });

  it('wants sounds and videos to be audio and video both declared and sniffed', () => {
    expect(decideType('sound', 'audio/mpeg', 'audio/mpeg', known)).toMatchObject({ ok: true });
    expect(decideType('sound', 'video/mp4', 'video/mp4', known)).toMatchObject({ ok: false });
    expect(decideType('video', 'video/mp4', 'image/png', known)).toMatchObject({ ok: false });
  });

  it('refuses a malformed declared type with MediaRequestInvalid', () => {
    expect(decideType('file', 'not a type', undefined, known)).toMatchObject({
      ok: false,
      code: ErrorCode.MediaRequestInvalid,
    });
  });

  it('maps image types to TIMImageElem.ImageFormat and folds aliases', () => {
    expect(imageFormatCode('image/jpeg')).toBe(1);
    expect(imageFormatCode('image/gif')).toBe(2);
    expect(imageFormatCode('image/png')).toBe(3);
    expect(imageFormatCode('image/webp')).toBe(255);
    expect(normaliseType(' Image/PNG; charset=binary')).toBe('image/png');
  });

  it('fits the long side without enlarging', () => {
    expect(fitLongSide(1000, 500, 198)).toEqual({ width: 198, height: 99 });
    expect(fitLongSide(300, 1200, 720)).toEqual({ width: 180, height: 720 });
    expect(fitLongSide(100, 50, 720)).toEqual({ width: 100, height: 50 });
  });

  it('keeps only the base name of a file, without control characters, within 200 bytes', () => {
    expect(cleanFileName('../../etc/pass\u0000wd')).toBe('passwd');
    expect(cleanFileName('C:\\x\\report.pdf')).toBe('report.pdf');
    expect(Buffer.byteLength(cleanFileName('é'.repeat(300)))).toBeLessThanOrEqual(200);
  });
});
