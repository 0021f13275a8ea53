import { useI18n } from '../../../i18n/I18n';
import type { RateKey, SummaryNode } from '../../../api/types';
import { rateColor } from '../../../map/colors';

const KEYS: RateKey[] = ['partyOrg', 'standalone', 'work', 'union', 'workersServed'];

/** The five official rates, each with numerator / denominator and its formula as the tooltip. */
export function RateCards({ node }: { node: SummaryNode }) {
  const { t, pct, num } = useI18n();
  return (
    <div className="rates">
      <div className="counts">
        <div><b data-figure="enterprises">{num(node.enterprises)}</b><span>{t('enterprises')}</span></div>
        <div><b data-figure="employees">{num(node.employees)}</b><span>{t('employees')}</span></div>
        <div><b data-figure="partyMembers">{num(node.partyMembers)}</b><span>{t('partyMembers')}</span></div>
      </div>
      {KEYS.map((k) => {
        const r = node.rates[k];
        const [cr, cg, cb] = rateColor(r.value);
        return (
          <div className="rate" key={k} title={t(`formula.${k}`)} data-rate={k}>
            <span className="label">{t(`rate.${k}`)}</span>
            <span className="value" style={{ color: `rgb(${cr},${cg},${cb})` }}>{pct(r.value)}</span>
            <span className="fraction">{num(r.numerator)} / {num(r.denominator)}</span>
            <span className="bar"><i style={{ width: `${(r.value ?? 0) * 100}%`, background: `rgb(${cr},${cg},${cb})` }} /></span>
          </div>
        );
      })}
    </div>
  );
}
