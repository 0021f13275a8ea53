// npm run restore -- <file.jsonl.gz>: into an empty store (a fresh DATA_DIR or database), all or nothing.
import { loadEnv } from '../env.js';
import { openCliStore } from './open-store.js';
import { RestoreError, readBackup } from '../backup/backup.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- <file.jsonl.gz>   (into an empty DATA_DIR or DATABASE_URL)');
  process.exit(2);
}
const env = loadEnv();
const store = await openCliStore(env, 'restore CLI', () => 'A restore goes into a fresh DATA_DIR: point DATA_DIR at an empty directory, or stop that server first.');
try {
  const counts = await readBackup(store, file);
  console.log(`Restored ${Object.values(counts).reduce((a, n) => a + n, 0)} rows: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
} catch (e) {
  console.error(e instanceof RestoreError ? e.message : e);
  process.exitCode = 1;
} finally {
  await store.close();
}
