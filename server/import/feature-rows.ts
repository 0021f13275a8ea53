// The first step every feature-file import shares (boundaries, roads and water): the file's features, their
// attribute columns mapped to the kind's fields (with the user's overrides), and one parsed row per feature.
// A mapping that cannot be used is refused with 422 and the fields the user may map to.
import type { CellValue, FieldSpec } from './fields.js';
import { applyOverrides, detectMapping, type ColumnMapping, type MappingOverrides } from './mapping.js';
import { parseRows, type ParsedRow } from './rows.js';
import { readBoundaryFile, type BoundaryFile } from './boundary-files.js';
import { ImportFileError } from './errors.js';

/** The fields of a kind as the preview lists them. */
export const fieldList = (fields: FieldSpec[]) => fields.map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn, required: f.required ?? false }));

function toCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  return JSON.stringify(v);
}

export function readFeatureRows(
  bytes: Uint8Array,
  fields: FieldSpec[],
  overrides: MappingOverrides = {},
): { file: BoundaryFile; mapping: ColumnMapping[]; parsed: ParsedRow[] } {
  const file = readBoundaryFile(bytes);
  if (file.features.length === 0) throw new ImportFileError(422, 'The file has no features');
  const keys = [...new Set(file.features.flatMap((f) => Object.keys(f.properties)))];
  const { mapping, problems } = applyOverrides(detectMapping(keys, fields), overrides, fields);
  if (problems.length) {
    const missing = problems.filter((p) => p.code === 'missing_required').map((p) => p.field);
    throw new ImportFileError(422, missing.length ? `Required attributes are missing or not mapped: ${missing.join(', ')}` : 'The attribute mapping is not usable', { problems, mapping, fields: fieldList(fields) });
  }
  const parsed = parseRows(file.features.map((f) => keys.map((k) => toCell(f.properties[k]))), file.features.map((_, i) => i + 1), mapping, fields);
  return { file, mapping, parsed };
}
