import { performance } from 'node:perf_hooks';

import { MediaUploader } from '@im/sdk';
import { signUserSig } from '@im/usersig';

import { rssOf } from './probes';
import type { ScenarioResult } from './report';
import type { BenchContext } from './scenarios';
import { round } from './stats';

type Partial = Omit<ScenarioResult, 'id' | 'title' | 'target' | 'seconds'>;

const MiB = 2 ** 20;
const CHUNK = 1024 * 1024;
const SAMPLE_MS = 100;

/** `size` bytes of one reused 1 MiB chunk (the load generator holds no upload in memory). */
function* body(size: number, fill: number): Generator<Uint8Array> {
  const chunk = Buffer.alloc(CHUNK, fill);
  for (let sent = 0; sent < size; sent += CHUNK)
    yield chunk.subarray(0, Math.min(CHUNK, size - sent));
}

/**
 * `media-uploads`: `mediaUploads` uploads of `mediaUploadBytes` each (ten of 100 MB) started at
 * once against the media service (local disk, as `npm start`), through the SDK's MediaUploader
 * from this process; the media process's resident memory is sampled every 100 ms from before the
 * first byte to after the last answer. The figure is the peak growth over the idle RSS: what
 * the uploads in flight cost the process (issue 14: it must stay flat, not grow with the bytes).
 */
export async function mediaUploads(ctx: BenchContext): Promise<Partial> {
  const o = ctx.options;
  const media = ctx.platform.services.get('media');
  if (!media) throw new Error('the media service is not running');
  const uploader = new MediaUploader({
    url: ctx.platform.mediaUrl,
    sdkAppId: ctx.app.sdkAppId,
    userId: 'bench-media',
    userSig: signUserSig({
      sdkAppId: ctx.app.sdkAppId,
      secretKey: ctx.app.secretKey,
      identifier: 'bench-media',
      expireSeconds: 86_400,
    }),
  });
  // one small upload first: the service's lazy parts (store, sniffer, app keys) are loaded
  await uploader.upload('file', Buffer.alloc(1024, 1), { contentType: 'application/octet-stream' });
  const t0 = performance.now();
  const idle = rssOf(media.pid);
  const samples: [number, number][] = [[0, idle / MiB]];
  const timer = setInterval(() => {
    const rss = rssOf(media.pid);
    if (rss > 0) samples.push([(performance.now() - t0) / 1000, rss / MiB]);
  }, SAMPLE_MS);
  ctx.log(`media: ${o.mediaUploads} uploads of ${o.mediaUploadBytes / 1e6} MB at once`);
  const outcomes = await Promise.all(
    Array.from({ length: o.mediaUploads }, async (_, i) => {
      const started = performance.now();
      try {
        const r = await uploader.upload(
          'file',
          { stream: body(o.mediaUploadBytes, i + 1), size: o.mediaUploadBytes },
          { contentType: 'application/octet-stream', fileName: `bench-${i}.bin` },
        );
        return { ok: r.Size === o.mediaUploadBytes, seconds: (performance.now() - started) / 1000 };
      } catch (err) {
        return { ok: false, seconds: 0, error: (err as Error).message };
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const after = rssOf(media.pid);
  samples.push([seconds, after / MiB]);
  const peak = Math.max(...samples.map(([, v]) => v));
  const ok = outcomes.filter((r) => r.ok).length;
  const total = ok * o.mediaUploadBytes;
  return {
    figure: { label: 'media RSS growth at peak', value: round(peak - idle / MiB, 1), unit: 'MiB' },
    bottleneck: `${round(total / 1e6 / seconds, 1)} MB/s into the local store`,
    details: {
      uploads: o.mediaUploads,
      'bytes each': o.mediaUploadBytes,
      'uploads ok': ok,
      'first error': outcomes.find((r) => r.error)?.error ?? '—',
      'media RSS idle MiB': round(idle / MiB, 1),
      'media RSS peak MiB': round(peak, 1),
      'media RSS after MiB': round(after / MiB, 1),
      'bytes in flight at peak MiB': round((o.mediaUploads * o.mediaUploadBytes) / MiB, 0),
      'total s': round(seconds, 2),
      'slowest upload s': round(Math.max(...outcomes.map((r) => r.seconds)), 2),
      'MB/s (all uploads)': round(total / 1e6 / seconds, 1),
      samples: samples.length,
    },
    series: [
      {
        name: 'media RSS',
        unit: 'MiB',
        points: samples.map(([t, v]) => [round(t, 2), round(v, 1)]),
      },
    ],
  };
}
