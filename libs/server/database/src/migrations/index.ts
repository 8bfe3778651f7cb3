import { Foundation1764000000000 } from './1764000000000-foundation';

/** Every migration, oldest first. Never edit a released migration: add a new one. */
export const MIGRATIONS = [Foundation1764000000000];
