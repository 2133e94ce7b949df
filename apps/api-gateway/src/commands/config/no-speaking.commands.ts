import { AccountRpc } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import { GetNoSpeakingDto, SetNoSpeakingDto } from './no-speaking.dto';

const CONFIG = 'openconfigsvr';

/**
 * Global mute (docs/rest-api.md, openconfigsvr): the account service keeps it, the messaging
 * service refuses a muted sender (C2C 20012, group 10017). getnospeaking answers the seconds
 * left; for an account that does not exist, 4294967295 for both (Tencent's documented answer).
 */
export const noSpeakingCommands: RestCommand[] = [
  restCommand({
    service: CONFIG,
    command: 'setnospeaking',
    dto: SetNoSpeakingDto,
    subject: AccountRpc.SetNoSpeaking,
    toRequest: (d) => ({
      userId: d.Set_Account,
      c2cSeconds: d.C2CmsgNospeakingTime,
      groupSeconds: d.GroupmsgNospeakingTime,
    }),
    toResponse: () => ({}),
  }),
  restCommand({
    service: CONFIG,
    command: 'getnospeaking',
    dto: GetNoSpeakingDto,
    subject: AccountRpc.GetNoSpeaking,
    toRequest: (d) => ({ userIds: [d.Get_Account] }),
    toResponse: (r) => ({
      C2CmsgNospeakingTime: r.items[0]?.c2cSeconds ?? 0,
      GroupmsgNospeakingTime: r.items[0]?.groupSeconds ?? 0,
    }),
  }),
];
