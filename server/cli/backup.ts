// npm run backup -- <file.jsonl.gz>: the whole store (DATA_DIR or DATABASE_URL) to one file.
import { loadEnv } from '../env.js';
import { openStore } from '../db/store.js';
import { writeBackup } from '../backup/backup.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run backup -- <file.jsonl.gz>');
  process.exit(2);
}
const env = loadEnv();
const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
try {
  await writeBackup(store, file);
  console.log(`Backed up the ${store.kind} store to ${file}`);
} finally {
  await store.close();
}
