export * from './error-code';
export * from './error-category';
export * from './domain-error';
