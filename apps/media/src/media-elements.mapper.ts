import type { ImageType } from './media-kinds.rules';
import { imageFormatCode } from './media-kinds.rules';

/** One entry of `TIMImageElem.ImageInfoArray` (docs/rest-api.md: note the capital `URL`). */
export interface ImageInfo {
  Type: number;
  Size: number;
  Width: number;
  Height: number;
  URL: string;
}

/** The message element an upload answers with, ready to send as `MsgBody[i]`. */
export type MediaElement =
  | {
      MsgType: 'TIMImageElem';
      MsgContent: { UUID: string; ImageFormat: number; ImageInfoArray: ImageInfo[] };
    }
  | {
      MsgType: 'TIMFileElem';
      MsgContent: {
        Url: string;
        UUID: string;
        FileSize: number;
        FileName: string;
        Download_Flag: 2;
      };
    }
  | {
      MsgType: 'TIMSoundElem';
      MsgContent: { Url: string; UUID: string; Size: number; Second: number; Download_Flag: 2 };
    }
  | {
      MsgType: 'TIMVideoFileElem';
      MsgContent: {
        VideoUrl: string;
        VideoUUID: string;
        VideoSize: number;
        VideoSecond: number;
        VideoFormat: string;
        VideoDownloadFlag: 2;
      };
    };

export function imageElement(uuid: string, type: ImageType, infos: ImageInfo[]): MediaElement {
  return {
    MsgType: 'TIMImageElem',
    MsgContent: {
      UUID: uuid,
      ImageFormat: imageFormatCode(type),
      ImageInfoArray: [...infos].sort((a, b) => a.Type - b.Type),
    },
  };
}

export function fileElement(
  uuid: string,
  url: string,
  size: number,
  fileName: string,
): MediaElement {
  return {
    MsgType: 'TIMFileElem',
    MsgContent: { Url: url, UUID: uuid, FileSize: size, FileName: fileName, Download_Flag: 2 },
  };
}

export function soundElement(
  uuid: string,
  url: string,
  size: number,
  second: number,
): MediaElement {
  return {
    MsgType: 'TIMSoundElem',
    MsgContent: { Url: url, UUID: uuid, Size: size, Second: second, Download_Flag: 2 },
  };
}

/** The video part only: the cover (Thumb* fields) is an image the client uploads itself. */
export function videoElement(
  uuid: string,
  url: string,
  size: number,
  second: number,
  type: string,
): MediaElement {
  return {
    MsgType: 'TIMVideoFileElem',
    MsgContent: {
      VideoUrl: url,
      VideoUUID: uuid,
      VideoSize: size,
      VideoSecond: second,
      VideoFormat: type.split('/')[1] ?? '',
      VideoDownloadFlag: 2,
    },
  };
}
