// What the import CLI tells the user when it writes nothing, and which way out it offers. Pure, so it is tested.
import type { ImportKind } from '../import/kinds.js';

/** Why nothing would be written (null: the import may go ahead). --skip-invalid is offered only where it is
 *  accepted: a grid file is all or nothing, because a partial set of grids cannot tile a street. */
export function refusal(kind: ImportKind, counts: { valid: number; invalid: number }, skipInvalid: boolean): string | null {
  if (counts.valid === 0) return 'no valid rows.';
  if (counts.invalid === 0) return null;
  if (kind === 'grids') return 'fix the grids above (a grid file is imported whole or not at all; --skip-invalid does not apply).';
  return skipInvalid ? null : 'fix the rows above, or run again with --skip-invalid to import only the valid ones.';
}
