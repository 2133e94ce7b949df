import { MediaRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import { CosObjectDto, GetCosSigDto } from './cos-msg.dto';

const COS = 'im_cos_msg';

/**
 * `im_cos_msg`: Tencent's chat-file commands over the platform's own media store (apps/media,
 * docs/rest-api.md §9.10). A file is named by one of its download URLs, as Tencent's `RawURL`.
 */
export const cosMsgCommands = [
  restCommand({
    service: COS,
    command: 'get_cos_sig',
    dto: GetCosSigDto,
    subject: MediaRpc.GetDownloadLinks,
    toRequest: (d) => ({
      items: d.RawURLs.map((u) => ({ resourceId: u.ResourceID, rawUrl: u.RawURL })),
    }),
    toResponse: (r) => ({
      PreSigURLs: r.results.map((x) => ({
        ResourceID: x.resourceId,
        Code: x.code,
        Desc: x.desc,
        PreSigURL: x.preSignedUrl,
        Status: x.status,
      })),
    }),
  }),
  restCommand({
    service: COS,
    command: 'forbid_illegal_object',
    dto: CosObjectDto,
    subject: MediaRpc.ForbidObject,
    toRequest: (d) => ({ rawUrl: d.RawURL }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: COS,
    command: 'allow_banned_object',
    dto: CosObjectDto,
    subject: MediaRpc.AllowObject,
    toRequest: (d) => ({ rawUrl: d.RawURL }),
    toResponse: () => ({}),
  }),
];
