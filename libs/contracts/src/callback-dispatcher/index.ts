export * from './callback-dispatcher.subjects';
export * from './callback-dispatcher.subject-map';
