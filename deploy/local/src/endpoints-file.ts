import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** `.data/endpoints.json`: what scripts need to talk to the running platform. */
export interface Endpoints {
  restUrl: string;
  wsUrl?: string;
  /** Uploads and downloads of the media service (docs/protocol.md §14). */
  mediaUrl?: string;
  sdkAppId: number;
  adminIdentifier: string;
  secretKey: string;
}

export function readEndpoints(file: string): Partial<Endpoints> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<Endpoints>;
  } catch {
    return undefined;
  }
}

export function writeEndpoints(file: string, endpoints: Endpoints): void {
  writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
}
