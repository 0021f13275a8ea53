// What every controlled list gives each of its codes: the Chinese and English names the product shows.
export interface Term {
  zh: string;
  en: string;
}

export type Locale = 'zh-CN' | 'en';

/** A code's name in a locale, or the code itself when the list does not know it (data from an older version). */
export function termLabel(terms: Readonly<Record<string, Term>>, code: string, locale: Locale): string {
  const t = terms[code];
  return t ? (locale === 'en' ? t.en : t.zh) : code;
}
