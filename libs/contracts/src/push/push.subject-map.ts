import type { Rpc } from '../common';
import type {
  AttrNamesReply,
  GetAttrNamesRequest,
  SetAttrNamesRequest,
} from './attr-names.request';
import type { FindDevicesReply, FindDevicesRequest } from './find-devices.request';
import type { GetPushReportsRequest } from './get-push-reports.request';
import type { PushAckReply } from './push-ack.reply';
import type { PushMessageReply } from './push-message.reply';
import type { PushMessageRequest } from './push-message.request';
import type { GetPushReportsReply } from './push-report';
import type { PushTaskFinishedEvent } from './push-task-finished.event';
import type { PushUserIdsRequest } from './push-user-ids.request';
import { PushEvt, PushRpc } from './push.subjects';
import type { RegisterDeviceRequest, UnregisterDeviceRequest } from './register-device.request';
import type { GetUserAttrsReply, RemoveUserAttrsRequest, SetUserAttrsRequest } from './user-attrs';
import type { GetUserTagsReply, UserTagsRequest } from './user-tags';

/** The push service's request/reply subjects with their types. */
export interface PushRpcMap {
  [PushRpc.Push]: Rpc<PushMessageRequest, PushMessageReply>;
  [PushRpc.GetReports]: Rpc<GetPushReportsRequest, GetPushReportsReply>;
  [PushRpc.SetAttrNames]: Rpc<SetAttrNamesRequest, PushAckReply>;
  [PushRpc.GetAttrNames]: Rpc<GetAttrNamesRequest, AttrNamesReply>;
  [PushRpc.SetUserAttrs]: Rpc<SetUserAttrsRequest, PushAckReply>;
  [PushRpc.RemoveUserAttrs]: Rpc<RemoveUserAttrsRequest, PushAckReply>;
  [PushRpc.GetUserAttrs]: Rpc<PushUserIdsRequest, GetUserAttrsReply>;
  [PushRpc.AddUserTags]: Rpc<UserTagsRequest, PushAckReply>;
  [PushRpc.RemoveUserTags]: Rpc<UserTagsRequest, PushAckReply>;
  [PushRpc.RemoveAllUserTags]: Rpc<PushUserIdsRequest, PushAckReply>;
  [PushRpc.GetUserTags]: Rpc<PushUserIdsRequest, GetUserTagsReply>;
  [PushRpc.RegisterDevice]: Rpc<RegisterDeviceRequest, PushAckReply>;
  [PushRpc.UnregisterDevice]: Rpc<UnregisterDeviceRequest, PushAckReply>;
  [PushRpc.FindDevices]: Rpc<FindDevicesRequest, FindDevicesReply>;
}

/** The push service's events with their types. */
export interface PushEventMap {
  [PushEvt.TaskFinished]: PushTaskFinishedEvent;
}
