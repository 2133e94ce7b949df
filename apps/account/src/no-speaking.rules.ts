// Pure rules of the global mute (openconfigsvr/setnospeaking, getnospeaking; docs/rest-api.md):
// a duration in seconds becomes an end time, an end time becomes what getnospeaking answers.
// Unit-tested in no-speaking.rules.spec.ts.
import { NoSpeaking } from '@im/contracts';

/** The end time a duration sets: 0 unmutes, 4294967295 mutes for ever. */
export function muteUntilOf(seconds: number, now: number): number {
  if (seconds === 0) return 0;
  if (seconds >= NoSpeaking.permanentSeconds) return NoSpeaking.foreverUntil;
  return now + seconds;
}

/** What getnospeaking answers for an end time: seconds left, 0, or 4294967295 for ever. */
export function secondsLeft(until: number, now: number): number {
  if (until >= NoSpeaking.foreverUntil) return NoSpeaking.permanentSeconds;
  return Math.max(0, until - now);
}
