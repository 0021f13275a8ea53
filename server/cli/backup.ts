// npm run backup -- <file.jsonl.gz>: the whole store (DATA_DIR or DATABASE_URL) to one file.
import { loadEnv } from '../env.js';
import { openCliStore } from './open-store.js';
import { writeBackup } from '../backup/backup.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run backup -- <file.jsonl.gz>');
  process.exit(2);
}
const env = loadEnv();
const store = await openCliStore(env, 'backup CLI', () => 'Stop the server, run the backup, then start it again (or run on PostgreSQL, where backups need no stop).');
try {
  await writeBackup(store, file);
  console.log(`Backed up the ${store.kind} store to ${file}`);
} finally {
  await store.close();
}
