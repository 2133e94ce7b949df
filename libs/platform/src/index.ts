export * from './postgres/migrator';
