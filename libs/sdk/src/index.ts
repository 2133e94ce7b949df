export * from './rest/rest-envelope';
export * from './rest/rest-admin-client';
export * from './client/emitter';
export * from './client/im-error';
export * from './client/im-client';
export * from './client/chat-types';
export * from './client/conversation-stream';
export * from './client/im-chat';
