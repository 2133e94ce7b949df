export * from './transport-headers';
export * from './caller-context';
export * from './max-bytes';
export * from './no-nul';
export * from './event-envelope';
export * from './ids';
export * from './user-id.decorator';
export * from './rpc';
