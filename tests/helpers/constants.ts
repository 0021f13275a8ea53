/** Tests load the demo territory as of this date, so every run sees the same rows. */
export const TEST_TODAY = new Date('2026-06-30T00:00:00Z');
export const TEST_ADMIN_PASSWORD = 'test-admin-password';
export const TEST_DISPLAY_TOKEN = 'test-display-token-0123456789';
export const TEST_OFFICIAL_TOKEN = 'test-official-token-0123456789';
