/** Now in epoch seconds (all relation timestamps on the wire; AMB-4). */
export function epochSeconds(now = Date.now()): number {
  return Math.floor(now / 1000);
}
