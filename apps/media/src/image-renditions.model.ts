import type { Readable } from 'node:stream';

import sharp from 'sharp';

import { fitLongSide, Renditions } from './media-kinds.rules';
import type { ImageType } from './media-kinds.rules';

export interface RenditionImage {
  name: keyof typeof Renditions;
  data: Buffer;
  width: number;
  height: number;
}

export interface ImageRenditions {
  width: number;
  height: number;
  renditions: RenditionImage[];
}

/** Output format of the renditions: the original's, a GIF's first frame as PNG. */
function outputFormat(type: ImageType): 'png' | 'jpeg' | 'webp' {
  switch (type) {
    case 'image/jpeg':
      return 'jpeg';
    case 'image/webp':
      return 'webp';
    case 'image/png':
    case 'image/gif':
      return 'png';
  }
}

/**
 * The large (≤ 720 px) and thumbnail (≤ 198 px) renditions of an image and its own size. sharp
 * gathers the original (at most the image limit) before decoding; the renditions are small and
 * returned as buffers. Rejects when the bytes do not decode as an image.
 */
export async function makeRenditions(
  original: Readable,
  type: ImageType,
  maxPixels: number,
): Promise<ImageRenditions> {
  const base = sharp({ failOn: 'error', limitInputPixels: maxPixels, pages: 1 });
  const format = outputFormat(type);
  const work = Promise.all([
    base.clone().metadata(),
    ...(Object.keys(Renditions) as (keyof typeof Renditions)[]).map(async (name) => {
      const longSide = Renditions[name].longSide;
      const { data, info } = await base
        .clone()
        .resize({ width: longSide, height: longSide, fit: 'inside', withoutEnlargement: true })
        .toFormat(format)
        .toBuffer({ resolveWithObject: true });
      return { name, data, width: info.width, height: info.height };
    }),
  ]);
  original.once('error', (err) => base.destroy(err));
  original.pipe(base);
  const [meta, ...renditions] = await work;
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  // The sizes sharp made must be what the rules say (long side fitted, never enlarged).
  for (const r of renditions) {
    const want = fitLongSide(width, height, Renditions[r.name].longSide);
    if (Math.max(r.width, r.height) !== Math.max(want.width, want.height))
      throw new Error(
        `rendition ${r.name} is ${r.width}x${r.height}, expected ${want.width}x${want.height}`,
      );
  }
  return { width, height, renditions };
}
