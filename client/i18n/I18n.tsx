import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale, MessageKey } from './messages';
import { MESSAGES } from './catalog';
import { startLocale } from './locale';

interface I18n {
  locale: Locale;
  t: (key: MessageKey) => string;
  setLocale: (l: Locale) => void;
  /** Formats a 0..1 rate as a percentage, or an em dash. */
  pct: (v: number | null) => string;
  num: (v: number) => string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(startLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem('locale', locale);
    document.title = MESSAGES[locale].title;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const nf = new Intl.NumberFormat(locale);
    return {
      locale,
      setLocale,
      t: (key) => MESSAGES[locale][key],
      pct: (v) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`),
      num: (v) => nf.format(v),
    };
  }, [locale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** Looks up a key built at run time (e.g. a station type), falling back to the raw code. */
export function useLabel(): (prefix: string, code: string) => string {
  const { t } = useI18n();
  return (prefix, code) => {
    const key = `${prefix}.${code}` as MessageKey;
    return key in MESSAGES['zh-CN'] ? t(key) : code;
  };
}
