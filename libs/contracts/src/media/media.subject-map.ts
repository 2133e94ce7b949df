import type { Rpc } from '../common';
import type { EmptyReply } from '../message/empty.reply';
import type { GetDownloadLinksReply } from './get-download-links.reply';
import type { GetDownloadLinksRequest } from './get-download-links.request';
import type { MediaObjectRequest } from './media-object.request';
import { MediaRpc } from './media.subjects';

/** The media service's request/reply subjects with their types. */
export interface MediaRpcMap {
  [MediaRpc.GetDownloadLinks]: Rpc<GetDownloadLinksRequest, GetDownloadLinksReply>;
  [MediaRpc.ForbidObject]: Rpc<MediaObjectRequest, EmptyReply>;
  [MediaRpc.AllowObject]: Rpc<MediaObjectRequest, EmptyReply>;
}
