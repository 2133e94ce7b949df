import { ProfileRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import { PortraitGetDto } from './portrait-get.dto';
import { PortraitSetDto } from './portrait-set.dto';

const PROFILE = 'profile';

/** The `profile` service's commands (docs/rest-api.md §5). */
export const profileCommands: RestCommand[] = [
  restCommand({
    service: PROFILE,
    command: 'portrait_set',
    dto: PortraitSetDto,
    subject: ProfileRpc.Set,
    toRequest: (d) => ({
      userId: d.From_Account,
      items: d.ProfileItem.map((i) => ({ tag: i.Tag, value: i.Value })),
    }),
    toResponse: () => ({ ErrorDisplay: '' }),
  }),
  restCommand({
    service: PROFILE,
    command: 'portrait_get',
    dto: PortraitGetDto,
    subject: ProfileRpc.Get,
    toRequest: (d) => ({ userIds: d.To_Account, tags: d.TagList }),
    toResponse: (r) => ({
      UserProfileItem: r.profiles.map((p) => ({
        To_Account: p.userId,
        ProfileItem: p.items.map((i) => ({ Tag: i.tag, Value: i.value })),
        ResultCode: p.code,
        ResultInfo: p.message,
      })),
      // Only when some accounts failed (docs/rest-api.md §5.2).
      ...(r.failedUserIds.length > 0 && { Fail_Account: r.failedUserIds }),
      ErrorDisplay: '',
    }),
  }),
];
