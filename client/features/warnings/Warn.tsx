// 红黄绿: a coloured dot whose tooltip states the rule that coloured it.
import type { Thresholds } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import type { TrendKey } from '../trend/trend-math';
import './warnings.css';

export type Warning = 'red' | 'yellow' | 'green';

/** Same rule as the server's (domain/coverage/warnings.ts), for values the client already has (gaps). */
export function warningOf(value: number | null, t: { red: number; yellow: number }): Warning | null {
  if (value === null) return null;
  return value < t.red ? 'red' : value < t.yellow ? 'yellow' : 'green';
}

export function useRule(): (thresholds: Thresholds, rate: TrendKey) => string {
  const { t } = useI18n();
  const p = (v: number) => `${Math.round(v * 1000) / 10}%`;
  return (thresholds, rate) => {
    const th = thresholds[rate];
    return `${t(`rate.${rate}`)}: ${t('warn.red')} < ${p(th.red)} · ${t('warn.yellow')} ${p(th.red)}–${p(th.yellow)} · ${t('warn.green')} ≥ ${p(th.yellow)}`;
  };
}

export function WarnDot({ warning, rule }: { warning: Warning | null; rule: string }) {
  const { t } = useI18n();
  if (!warning) return null;
  return <span className={`warn-dot warn-${warning}`} data-warning={warning} title={`${t(`warn.${warning}`)} — ${rule}`} aria-label={t(`warn.${warning}`)} />;
}
