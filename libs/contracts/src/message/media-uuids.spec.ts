import { mediaUuidsOf } from './media-uuids';

const U1 = 'a'.repeat(32);
const U2 = 'b'.repeat(32);

describe(mediaUuidsOf.name, () => {
  it('finds the uploads of image, file, sound and video elements (with the cover), once each', () => {
    expect(
      mediaUuidsOf([
        { MsgType: 'TIMTextElem', MsgContent: { Text: U1 } },
        { MsgType: 'TIMImageElem', MsgContent: { UUID: U1 } },
        { MsgType: 'TIMFileElem', MsgContent: { UUID: U1 } },
        { MsgType: 'TIMSoundElem', MsgContent: { UUID: U2 } },
        { MsgType: 'TIMVideoFileElem', MsgContent: { VideoUUID: U2, ThumbUUID: U1 } },
      ]),
    ).toEqual([U1, U2]);
  });

  it('ignores ids the media service never hands out (another store, malformed)', () => {
    expect(
      mediaUuidsOf([
        { MsgType: 'TIMImageElem', MsgContent: { UUID: '1400000000_photo.png' } },
        { MsgType: 'TIMFileElem', MsgContent: { UUID: U1.toUpperCase() } },
        { MsgType: 'TIMSoundElem', MsgContent: { UUID: 42 } },
      ]),
    ).toEqual([]);
  });
});
