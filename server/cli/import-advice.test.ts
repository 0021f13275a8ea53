import { describe, expect, it } from 'vitest';
import { refusal } from './import-advice.js';

describe('import CLI advice', () => {
  it('offers --skip-invalid only where it is accepted', () => {
    expect(refusal('enterprises', { valid: 3, invalid: 1 }, false)).toMatch(/--skip-invalid/);
    expect(refusal('enterprises', { valid: 3, invalid: 1 }, true)).toBeNull();
    expect(refusal('grids', { valid: 3, invalid: 1 }, false)).not.toMatch(/run again with --skip-invalid/);
    expect(refusal('grids', { valid: 3, invalid: 1 }, true)).toMatch(/whole or not at all/);
    expect(refusal('streets', { valid: 0, invalid: 2 }, true)).toBe('no valid rows.');
    expect(refusal('buildings', { valid: 2, invalid: 0 }, false)).toBeNull();
  });
});
