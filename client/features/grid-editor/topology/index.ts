// The editor's pure topology rules (no DOM): validation, shared-vertex edits, fixes, changes.
export * from './types';
export * from './geom';
export * from './validate';
export * from './vertices';
export * from './edits';
export * from './split';
export * from './changes';
export * from './rebase';
export * from './imports';
export * from './snap';
export * from './diff';
