// What every seeded test store holds: the demo territory as of TEST_TODAY, the admin, the wall's display token and
// an official's API token. Written once per run into a template (global-setup.ts) that stores copy.
import type { Store } from '../../server/db/store.js';
import { loadDemoTerritory } from '../../server/demo.js';
import { createApiToken, ensureAdmin, ensureDisplayToken } from '../../server/auth/service.js';
import { TEST_ADMIN_PASSWORD, TEST_DISPLAY_TOKEN, TEST_OFFICIAL_TOKEN, TEST_TODAY } from './constants.js';

export async function seedTestStore(store: Store): Promise<void> {
  await loadDemoTerritory(store, TEST_TODAY);
  await ensureAdmin(store, TEST_ADMIN_PASSWORD, () => undefined);
  await ensureDisplayToken(store, TEST_DISPLAY_TOKEN);
  await createApiToken(store, 'system', null, { name: 'test official', role: 'official', streetCodes: [] }, TEST_OFFICIAL_TOKEN);
}
