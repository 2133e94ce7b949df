import 'reflect-metadata';

export * from './errors';
export * from './common';
export * from './account';
export * from './presence';
export * from './subject-map';
