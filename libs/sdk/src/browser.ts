// The browser build of the SDK (libs/sdk/vite.browser.config.mts → dist-browser/im-sdk.js): the
// client, the messaging layer and media uploads; not the REST admin client (it signs with the
// app's secret key, which never belongs in a browser).
export * from './client/emitter';
export * from './client/im-error';
export * from './client/im-client';
export * from './client/client-commands';
export * from './client/chat-types';
export * from './client/conversation-stream';
export * from './client/im-chat';
export * from './media/media-uploader';
