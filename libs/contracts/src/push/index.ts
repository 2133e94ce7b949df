export * from './push.subjects';
export * from './push.subject-map';
