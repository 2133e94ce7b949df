import type { AppSettings } from './app-settings';

/**
 * The switchable features of an app, by the name an operator types (CLI, console). Each is
 * off on a new app (GRP-4, PLT-8, PSH-1) and on in the demo app `npm start` creates.
 */
export const AppFeatures = ['avchatroom', 'bchatroom', 'push'] as const;
export type AppFeature = (typeof AppFeatures)[number];

export function isAppFeature(name: string): name is AppFeature {
  return (AppFeatures as readonly string[]).includes(name);
}

/** Which features the settings switch on. */
export function enabledAppFeatures(settings: AppSettings | undefined): AppFeature[] {
  const s = settings ?? {};
  const on: Record<AppFeature, boolean> = {
    avchatroom: s.avChatRoomEnabled === true,
    bchatroom: s.bChatRoomEnabled === true,
    push: s.push?.enabled === true,
  };
  return AppFeatures.filter((f) => on[f]);
}

/**
 * The settings patch that switches the given features on or off, for an update that merges
 * top-level keys: `push` is rebuilt from the current value so its other keys (rate limits,
 * provider credentials) survive.
 */
export function appFeaturesPatch(
  current: AppSettings | undefined,
  changes: Partial<Record<AppFeature, boolean>>,
): AppSettings {
  const patch: AppSettings = {};
  if (changes.avchatroom !== undefined) patch.avChatRoomEnabled = changes.avchatroom;
  if (changes.bchatroom !== undefined) patch.bChatRoomEnabled = changes.bchatroom;
  if (changes.push !== undefined) patch.push = { ...current?.push, enabled: changes.push };
  return patch;
}
