// Fills {placeholders} of a message (the app's t() has none) and formats areas.
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export const roundArea = (m2: number): string => (m2 >= 100 ? Math.round(m2).toLocaleString() : m2.toFixed(1));
