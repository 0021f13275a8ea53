// The language switch of every internal page: it names the other language in that language (lang= says so,
// for screen readers and for the language checks).
import { useI18n } from './I18n';

export function LanguageButton({ className, control }: { className?: string; control?: boolean }) {
  const { t, locale, setLocale } = useI18n();
  const other = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className={className} onClick={() => setLocale(other)} lang={other} {...(control ? { 'data-control': 'language' } : {})}>
      {t('language')}
    </button>
  );
}
