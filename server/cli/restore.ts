// npm run restore -- <file.jsonl.gz> [--unverified]: into an empty store (a fresh DATA_DIR or database), all or
// nothing. The file is checked whole first (manifest, counts, checksums, end marker); any problem is one sentence
// and exit code 1, with nothing written.
import { loadEnv } from '../env.js';
import { openCliStore } from './open-store.js';
import { RestoreError, readBackup } from '../backup/backup.js';

const args = process.argv.slice(2);
const unverified = args.includes('--unverified');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run restore -- <file.jsonl.gz> [--unverified]   (into an empty DATA_DIR or DATABASE_URL)');
  process.exit(2);
}
const explain = (e: unknown) => (e instanceof RestoreError ? e.message : `The restore failed: ${(e as Error)?.message ?? String(e)}`);
const env = loadEnv();
// Not migrated on open: an older backup is restored into its own schema, then migrated (backup.ts).
const store = await openCliStore(env, 'restore CLI', () => 'A restore goes into a fresh DATA_DIR: point DATA_DIR at an empty directory, or stop that server first.', { migrate: false });
try {
  // readBackup checks the whole file before it touches the store.
  const counts = await readBackup(store, file, { unverified });
  console.log(`Restored ${Object.values(counts).reduce((a, n) => a + n, 0)} rows: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
} catch (e) {
  console.error(explain(e));
  process.exitCode = 1;
} finally {
  await store.close();
}
