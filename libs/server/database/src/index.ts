export * from './database-options';
export { MIGRATIONS } from './migrations';
