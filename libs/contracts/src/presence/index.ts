export * from './presence';
export * from './presence.cache-keys';
