import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** Hashed asset names never change: cached for a year; the page itself is not cached. */
  cacheControl: string;
}

/**
 * The built console page (apps/console/dist), read once at start: only the files that exist
 * there are served, by their exact path, so no request can name a file outside it.
 * Undefined when the page was not built.
 */
export function loadConsolePage(dir: string): Map<string, StaticFile> | undefined {
  let entries: string[];
  try {
    if (!statSync(path.join(dir, 'index.html')).isFile()) return undefined;
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return undefined;
  }
  const files = new Map<string, StaticFile>();
  for (const rel of entries) {
    const file = path.join(dir, rel);
    if (!statSync(file).isFile()) continue;
    const urlPath = rel.split(path.sep).join('/');
    files.set(urlPath, {
      body: readFileSync(file),
      contentType: TYPES[path.extname(rel)] ?? 'application/octet-stream',
      cacheControl: urlPath.startsWith('assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-store',
    });
  }
  return files;
}
