export * from './rest/rest-envelope';
export * from './rest/rest-admin-client';
