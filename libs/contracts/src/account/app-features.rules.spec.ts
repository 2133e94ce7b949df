import { appFeaturesPatch, enabledAppFeatures, isAppFeature } from './app-features.rules';

describe('app features', () => {
  it('a new app has none on', () => {
    expect(enabledAppFeatures({})).toEqual([]);
    expect(enabledAppFeatures(undefined)).toEqual([]);
  });

  it('reads each feature from its setting', () => {
    expect(
      enabledAppFeatures({
        avChatRoomEnabled: true,
        bChatRoomEnabled: false,
        push: { enabled: true },
      }),
    ).toEqual(['avchatroom', 'push']);
  });

  it('switching push keeps its rate limits and credentials', () => {
    const current = { push: { enabled: false, dailyLimit: 7, webhook: { url: 'http://h/p' } } };
    expect(appFeaturesPatch(current, { push: true })).toEqual({
      push: { enabled: true, dailyLimit: 7, webhook: { url: 'http://h/p' } },
    });
  });

  it('patches only the features named', () => {
    expect(appFeaturesPatch({}, { avchatroom: true, bchatroom: false })).toEqual({
      avChatRoomEnabled: true,
      bChatRoomEnabled: false,
    });
    expect(appFeaturesPatch({ push: { enabled: true } }, {})).toEqual({});
  });

  it('knows the feature names', () => {
    expect(isAppFeature('push')).toBe(true);
    expect(isAppFeature('Push')).toBe(false);
    expect(isAppFeature('community')).toBe(false);
  });
});
