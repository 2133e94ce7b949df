export * from './relation.subjects';
export * from './relation.subject-map';
