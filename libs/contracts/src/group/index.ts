export * from './group.subjects';
export * from './group.subject-map';
