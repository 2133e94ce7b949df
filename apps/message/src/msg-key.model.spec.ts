import { MsgKeys } from './msg-key.model';

describe('MsgKeys', () => {
  it('writes and reads the C2C form {MsgSeq}_{MsgRandom}_{MsgTime} (docs/rest-api.md §2.2)', () => {
    const key = MsgKeys.c2c({ clientSeq: 549396494, random: 2578554, time: 1584669680 });
    expect(key).toBe('549396494_2578554_1584669680');
    expect(MsgKeys.parseC2c(key)).toEqual({
      clientSeq: 549396494,
      random: 2578554,
      time: 1584669680,
    });
  });

  it.each(['', '1_2', '1_2_3_4', 'a_2_3', '4294967296_1_1', '-1_2_3'])('rejects %p', (text) => {
    expect(MsgKeys.parseC2c(text)).toBeUndefined();
  });

  it('writes a group key as the seq', () => {
    expect(MsgKeys.group(42)).toBe('42');
  });
});
