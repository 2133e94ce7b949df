import { ErrorCode } from '@im/contracts';

/**
 * Per REST service (`/v4/{service}/...`), the codes for failures that are not a domain
 * error: body is not JSON, a field breaks its rules (unless the field names its own code), the
 * backend did not answer, anything unexpected, body over the limit (docs/error-codes.md §11).
 */
export interface RestServiceCodes {
  badJson: number;
  invalid: number;
  unavailable: number;
  internal: number;
  tooLarge: number;
}

export const RestServices: Record<string, RestServiceCodes> = {
  im_open_login_svc: {
    badJson: ErrorCode.AccountInvalidParameters,
    invalid: ErrorCode.AccountInvalidParameters,
    unavailable: ErrorCode.AccountBackendTimeout,
    internal: ErrorCode.AccountInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  openim: {
    badJson: ErrorCode.OpenimBodyNotJson,
    invalid: ErrorCode.C2cInvalidPacket,
    unavailable: ErrorCode.OpenimServiceError,
    internal: ErrorCode.OpenimInternalError,
    tooLarge: ErrorCode.C2cPacketTooLarge,
  },
  profile: {
    badJson: ErrorCode.ProfileInvalidParameters,
    invalid: ErrorCode.ProfileInvalidParameters,
    unavailable: ErrorCode.ProfileInternalError,
    internal: ErrorCode.ProfileInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  sns: {
    badJson: ErrorCode.SnsInvalidParameters,
    invalid: ErrorCode.SnsInvalidParameters,
    unavailable: ErrorCode.SnsNetworkTimeout,
    internal: ErrorCode.SnsInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  group_open_http_svc: {
    badJson: ErrorCode.GroupBodyNotJson,
    invalid: ErrorCode.GroupInvalidParameter,
    unavailable: ErrorCode.GroupInternalError,
    internal: ErrorCode.GroupInternalError,
    tooLarge: ErrorCode.MessageBodyTooLong,
  },
  open_msg_svc: {
    badJson: ErrorCode.OpenimBodyNotJson,
    invalid: ErrorCode.C2cInvalidPacket,
    unavailable: ErrorCode.OpenimServiceError,
    internal: ErrorCode.OpenimInternalError,
    tooLarge: ErrorCode.C2cPacketTooLarge,
  },
  // message extensions (set_key_values ...): the openim family; group domain errors keep theirs.
  openim_msg_ext_http_svc: {
    badJson: ErrorCode.OpenimBodyNotJson,
    invalid: ErrorCode.C2cInvalidPacket,
    unavailable: ErrorCode.OpenimServiceError,
    internal: ErrorCode.OpenimInternalError,
    tooLarge: ErrorCode.C2cPacketTooLarge,
  },
  // Community topics (create/get/modify/destroy_topic); the group family of codes.
  million_group_open_http_svc: {
    badJson: ErrorCode.GroupBodyNotJson,
    invalid: ErrorCode.GroupInvalidParameter,
    unavailable: ErrorCode.GroupInternalError,
    internal: ErrorCode.GroupInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  // get_group_attr's service at Tencent; the group family of codes like group_open_http_svc.
  group_open_attr_http_svc: {
    badJson: ErrorCode.GroupBodyNotJson,
    invalid: ErrorCode.GroupInvalidParameter,
    unavailable: ErrorCode.GroupInternalError,
    internal: ErrorCode.GroupInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  // the live-room admin commands (get_members); the group family of codes too.
  group_open_avchatroom_http_svc: {
    badJson: ErrorCode.GroupBodyNotJson,
    invalid: ErrorCode.GroupInvalidParameter,
    unavailable: ErrorCode.GroupInternalError,
    internal: ErrorCode.GroupInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  all_member_push: {
    badJson: ErrorCode.OpenimBodyNotJson,
    invalid: ErrorCode.OpenimBodyNotJson,
    unavailable: ErrorCode.OpenimServiceError,
    internal: ErrorCode.OpenimServiceError,
    tooLarge: ErrorCode.PushBodyTooLarge,
  },
  openim_dirty_words: {
    badJson: ErrorCode.GroupInvalidParameter,
    invalid: ErrorCode.GroupInvalidParameter,
    unavailable: ErrorCode.GroupInternalError,
    internal: ErrorCode.GroupInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  openconfigsvr: {
    badJson: ErrorCode.ConfigBodyNotJson,
    invalid: ErrorCode.ConfigAccountInvalid,
    unavailable: ErrorCode.ConfigSystemError,
    internal: ErrorCode.ConfigSystemError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  // ConfigSvc/GetIPList takes no fields; its failures are the configuration service's.
  ConfigSvc: {
    badJson: ErrorCode.ConfigBodyNotJson,
    invalid: ErrorCode.ConfigBodyNotJson,
    unavailable: ErrorCode.ConfigSystemError,
    internal: ErrorCode.ConfigSystemError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  // Moderation (Tencent's "Content Understanding" error codes 2001–2016).
  im_msg_audit_mgr: {
    badJson: ErrorCode.AuditInvalidParameters,
    invalid: ErrorCode.AuditInvalidParameters,
    unavailable: ErrorCode.AuditInternalError,
    internal: ErrorCode.AuditInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  im_msg_audit: {
    badJson: ErrorCode.AuditInvalidParameters,
    invalid: ErrorCode.AuditInvalidParameters,
    unavailable: ErrorCode.AuditInternalError,
    internal: ErrorCode.AuditInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  // Tencent's robot API answers 10004 (invalid), 10002 (internal) and 10008 (illegal request).
  openim_robot_http_svc: {
    badJson: ErrorCode.GroupInvalidParameter,
    invalid: ErrorCode.GroupInvalidParameter,
    unavailable: ErrorCode.GroupInternalError,
    internal: ErrorCode.GroupInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  // Official accounts answer with the group family's codes (10004 invalid, 10002 internal).
  official_account_open_http_svc: {
    badJson: ErrorCode.GroupInvalidParameter,
    invalid: ErrorCode.GroupInvalidParameter,
    unavailable: ErrorCode.GroupInternalError,
    internal: ErrorCode.GroupInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  // Chat files over the media store (Tencent documents no codes of its own for im_cos_msg):
  // the media service's (docs/error-codes.md §12).
  im_cos_msg: {
    badJson: ErrorCode.MediaRequestInvalid,
    invalid: ErrorCode.MediaRequestInvalid,
    unavailable: ErrorCode.RequestTimedOut,
    internal: ErrorCode.MediaStorageFailed,
    tooLarge: ErrorCode.HttpParseFailed,
  },
  recentcontact: {
    badJson: ErrorCode.ContactInvalidParameters,
    invalid: ErrorCode.ContactInvalidParameters,
    unavailable: ErrorCode.ContactNetworkTimeout,
    internal: ErrorCode.ContactInternalError,
    tooLarge: ErrorCode.HttpParseFailed,
  },
};

/** Codes used before the service is known (unknown path, transport trouble). */
export const GatewayCodes: RestServiceCodes = {
  badJson: ErrorCode.BodyNotJson,
  invalid: ErrorCode.HttpParseFailed,
  unavailable: ErrorCode.RequestTimedOut,
  internal: ErrorCode.RequestTimedOut,
  tooLarge: ErrorCode.HttpParseFailed,
};
