export * from './rest/rest-envelope';
export * from './rest/rest-admin-client';
export * from './client/im-error';
export * from './client/im-client';
