// npm run import -- <file> --kind enterprises [--coords wgs84|gcj02|bd09] [--mapping 列=field,…] [--dry-run] [--skip-invalid]
// Validates the file like the admin wizard does, prints the report, and writes (one transaction, one audit row)
// only without --dry-run and only when the rules pass: no invalid rows, unless --skip-invalid leaves them out.
// Exit codes: 0 done (or dry run clean), 1 refused or invalid rows, 2 usage.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadEnv } from '../env.js';
import { openCliStore, serverAt } from './open-store.js';
import type { Principal } from '../auth/principal.js';
import { BOUNDARY_KINDS, COORD_SYSTEMS, ROSTER_KINDS, isRosterKind, type CoordSystem, type ImportKind } from '../import/kinds.js';
import { parseMappingArg } from '../import/mapping.js';
import { ImportFileError } from '../import/errors.js';
import { acceptRoster, previewRoster } from '../import/run.js';
import { acceptBoundaries, previewBoundaries } from '../import/run-boundaries.js';
import type { Issue } from '../import/fields.js';
import { ApiError } from '../http/errors.js';
import { chinaToday } from '../clock.js';
import { refusal } from './import-advice.js';

const USAGE = `usage: npm run import -- <file> --kind <${[...ROSTER_KINDS, ...BOUNDARY_KINDS].join('|')}>
       [--coords wgs84|gcj02|bd09] [--mapping 列=field,…] [--dry-run] [--skip-invalid]`;

function fail(msg: string, code = 2): never {
  console.error(msg);
  process.exit(code);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      coords: { type: 'string', default: 'wgs84' },
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
}
try {
  args = parse();
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const file = args.positionals[0];
const kind = args.values.kind as ImportKind | undefined;
if (args.values.help || !file || !kind) fail(USAGE);
if (![...ROSTER_KINDS, ...BOUNDARY_KINDS].includes(kind)) fail(`Unknown kind ${kind}\n${USAGE}`);
if (!(args.values.coords in COORD_SYSTEMS)) fail(`--coords must be wgs84, gcj02 or bd09\n${USAGE}`);
let mapping = {};
try {
  mapping = args.values.mapping ? parseMappingArg(args.values.mapping) : {};
} catch (err) {
  fail((err as Error).message);
}
let bytes: Uint8Array;
try {
  bytes = readFileSync(file);
} catch (err) {
  fail(`Cannot read ${file}: ${(err as Error).message}`);
}

function printIssues(issues: Issue[], truncated: boolean): void {
  for (const i of issues) console.log(`  行/row ${String(i.row).padStart(5)}  ${i.column}  [${i.code}] ${i.message}${i.value ? `  «${i.value}»` : ''}`);
  if (truncated) console.log('  … (more issues not listed)');
}

const env = loadEnv();
const store = await openCliStore(env, 'import CLI', (h) => `Stop the server first, or import through ${serverAt(h)} (the admin's 导入 page, or POST /api/import/${kind} as in /api/docs).`);
const actor = `cli:${userInfo().username}`;
const principal: Principal = { kind: 'token', userId: null, name: actor, role: 'admin', streetCodes: [], csrfToken: null };
const filename = basename(file);
let exitCode = 0;
try {
  const preview = isRosterKind(kind)
    ? await previewRoster(store, bytes, { kind, filename, coords: args.values.coords as CoordSystem, mapping })
    : await previewBoundaries(store, bytes, { kind, filename, mapping });
  console.log(`${filename}: ${preview.file.format}${preview.file.encoding ? ` (${preview.file.encoding})` : ''}, ${kind}`);
  console.log('Mapping:');
  for (const m of preview.mapping) console.log(`  ${m.column} → ${m.field ?? '(ignored)'}`);
  const n = preview.counts;
  console.log(`Rows: ${n.rows}, valid ${n.valid}, invalid ${n.invalid}; would insert ${n.insert}, update ${n.update}, leave ${n.unchanged} unchanged`);
  if (preview.issues.length) {
    console.log('Problems:');
    printIssues(preview.issues, preview.issuesTruncated);
  }
  const blocked = refusal(kind, n, args.values['skip-invalid']);
  if (args.values['dry-run']) {
    console.log('Dry run: nothing written.');
    exitCode = n.invalid > 0 ? 1 : 0;
  } else if (blocked) {
    console.log(`Nothing written: ${blocked}`);
    exitCode = 1;
  } else {
    const r = isRosterKind(kind)
      ? await acceptRoster(store, bytes, { kind, filename, coords: args.values.coords as CoordSystem, mapping, skipInvalid: args.values['skip-invalid'], actor, today: chinaToday() })
      : await acceptBoundaries(store, principal, actor, bytes, { kind, filename, mapping, skipInvalid: args.values['skip-invalid'] });
    console.log(`Written: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped.`);
  }
} catch (err) {
  if (err instanceof ImportFileError || err instanceof ApiError) {
    console.error(`Refused (${err.status}): ${err.message}`);
    const details = err.details as { problems?: unknown[] } | undefined;
    if (details?.problems) for (const p of details.problems) console.error(`  ${JSON.stringify(p)}`);
    exitCode = 1;
  } else throw err;
} finally {
  await store.close();
}
process.exit(exitCode);
