import 'reflect-metadata';

export * from './errors';
export * from './common';
export * from './account';
export * from './presence';
export * from './conn';
export * from './profile';
export * from './relation';
export * from './group';
export * from './message';
export * from './push';
export * from './media';
export * from './callback-dispatcher';
export * from './subject-map';
export * from './event-classes';
