import { useI18n } from '../../i18n/I18n';

const KEYS = ['partyOrg', 'standalone', 'work', 'union', 'workersServed'] as const;

/** The official definitions, shown as the help for every rate on screen. */
export function Formulas() {
  const { t } = useI18n();
  return (
    <details className="formulas">
      <summary>{t('formulas')}</summary>
      <dl>
        {KEYS.map((k) => (
          <div key={k}>
            <dt>{t(`rate.${k}`)}</dt>
            <dd>{t(`formula.${k}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
