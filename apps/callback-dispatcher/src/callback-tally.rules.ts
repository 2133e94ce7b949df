/** Callbacks of one app on one UTC day (`YYYYMMDD`). */
export interface Tally {
  sdkAppId: number;
  day: string;
  sent: number;
  answered: number;
}

/** `YYYYMMDD` of a time's UTC day. */
export function compactUtcDay(now: Date): string {
  return now.toISOString().slice(0, 10).replaceAll('-', '');
}

/** Counts one request (answered: the backend gave an HTTP response, whatever its status). */
export function addToTally(
  tallies: Map<string, Tally>,
  sdkAppId: number,
  answered: boolean,
  now: Date,
): void {
  const day = compactUtcDay(now);
  const key = `${sdkAppId}|${day}`;
  let tally = tallies.get(key);
  if (!tally) {
    tally = { sdkAppId, day, sent: 0, answered: 0 };
    tallies.set(key, tally);
  }
  tally.sent++;
  if (answered) tally.answered++;
}

/** Empties the tallies and returns them. */
export function takeTallies(tallies: Map<string, Tally>): Tally[] {
  const taken = [...tallies.values()];
  tallies.clear();
  return taken;
}
