export * from './client-protocol';
export * from './conn.subjects';
export * from './delivery';
export * from './push-data-map';
export * from './session-opened.event';
export * from './session-closed.event';
export * from './conn.subject-map';
export * from './client-commands';
