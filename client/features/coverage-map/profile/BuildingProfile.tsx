import { useEffect, useState } from 'react';
import { getBuildingFile } from '../../../api/endpoints';
import type { BuildingFile } from '../../../api/types';
import { useI18n, useLabel } from '../../../i18n/I18n';
import { RateCards } from './RateCards';
import { ExportLinks } from './ExportLinks';
import { StationCards } from './StationCards';
import { classifyNoOrgReason } from '../../../../server/domain/vocabulary';

/** 一楼一档: a building's file. */
export function BuildingProfile({ id }: { id: number }) {
  const { t, num, locale } = useI18n();
  const label = useLabel();
  const [file, setFile] = useState<BuildingFile | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    setFile(null);
    setError(false);
    getBuildingFile(id, ctrl.signal).then(setFile).catch(() => !ctrl.signal.aborted && setError(true));
    return () => ctrl.abort();
  }, [id]);
  if (error) return <p className="error">{t('errorLoading')}</p>;
  if (!file) return <p className="muted">{t('loading')}</p>;
  const zh = locale === 'zh-CN';
  const actions = file.enterprises.filter((e) => e.suggestedAction);
  const b = file.building;
  const committee = file.organisations.find((o) => o.kind === 'building_committee');
  const yes = (v: boolean) => (v ? t('yes') : t('no'));
  return (
    <div className="profile building" data-building={id}>
      <h2>{file.summary.name}</h2>
      <p className="muted">{t('level.building')} · {label('buildingKind', b.kind)}{b.billionYuan && <> · <span className="tag">{t('billionYuan')}</span></>}</p>
      <dl className="record" data-section="record">
        <dt>{t('address')}</dt><dd data-field="address">{b.address}</dd>
        <dt>{t('floors')}</dt><dd data-field="floors">{num(b.floors)}{t('floorsUnit')}</dd>
        <dt>{t('level.grid')}</dt><dd>{b.gridName ?? '—'}</dd>
        <dt>{t('level.businessDistrict')}</dt><dd>{b.businessDistrictName ?? '—'}</dd>
        <dt>{t('propertyManager')}</dt><dd data-field="propertyManager">{b.propertyManager ?? '—'}</dd>
        <dt>{t('redProperty')}</dt><dd data-field="redProperty">{yes(b.redProperty)}</dd>
        <dt>{t('buildingCommittee')}</dt><dd data-field="buildingCommittee">{committee ? committee.name : t('no')}</dd>
        <dt>{t('instructor')}</dt>
        <dd data-field="instructors">
          {file.instructors.length === 0 ? t('none') : file.instructors.map((i) => `${i.name}（${t(`instructorRole.${i.role}`)} · ${i.enterprises} ${t('enterprisesUnit')}）`).join('、')}
        </dd>
      </dl>
      <ExportLinks level="building" id={String(id)} />
      <RateCards node={file.summary} />
      <StationCards buildingId={id} />
      {actions.length > 0 && (
        <section>
          <h3>{t('suggestedAction')}</h3>
          <ul className="actions">
            {Object.entries(
              actions.reduce<Record<string, { label: string; n: number }>>((acc, e) => {
                const a = e.suggestedAction as NonNullable<typeof e.suggestedAction>;
                acc[a.code] = { label: zh ? a.label.zh : a.label.en, n: (acc[a.code]?.n ?? 0) + 1 };
                return acc;
              }, {}),
            ).map(([code, a]) => (
              <li key={code}>{a.label} × {a.n}</li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h3>{t('organisations')}</h3>
        {file.organisations.length === 0 ? <p className="muted">{t('none')}</p> : (
          <ul className="orgs">
            {file.organisations.map((o) => (
              <li key={o.id}>
                <span className={`tag ${o.kind}`}>{label('org', o.kind)}</span> {o.name}
                <span className="muted"> · {o.members > 0 ? `${num(o.members)} ${t('members')} · ` : ''}{o.foundedOn}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3>{t('stationsInReach')}</h3>
        {file.reach.servedBy.length === 0 ? <p className="muted">{t('unserved')}</p> : (
          <ul>{file.reach.servedBy.map((s) => <li key={s.stationId}>{s.name} <span className="muted">{s.distanceM >= 0 ? `${num(s.distanceM)} ${t('metres')}` : ''}</span></li>)}</ul>
        )}
        {file.reach.walkMinutes !== null && <p className="muted">{t('walkMinutes')} {file.reach.walkMinutes} {t('minutes')}</p>}
        <details>
          <summary>{t('nearestStations')}</summary>
          <ul>
            {Object.entries(file.reach.nearestByType).map(([type, s]) => (
              <li key={type}>{label('station', type)}: {s.name} <span className="muted">{num(s.distanceM)} {t('metres')}</span></li>
            ))}
          </ul>
        </details>
      </section>
      <section>
        <h3>{t('enterprises')} ({file.enterprises.filter((e) => e.operating).length})</h3>
        <table className="enterprises">
          <thead>
            <tr><th>{t('enterpriseName')}</th><th>{t('employees')}</th><th>{t('partyMembers')}</th><th>{t('color.party')}</th><th>{t('color.union')}</th></tr>
          </thead>
          <tbody>
            {file.enterprises.filter((e) => e.operating).map((e) => (
              <tr key={e.id} title={e.noOrgReason ? `${t(`reason.${classifyNoOrgReason(e.noOrgReason)}`)}: ${e.noOrgReason}` : undefined}>
                <td title={e.name}>{e.name}</td>
                <td>{num(e.employees)}</td>
                <td>{num(e.partyMembers)}</td>
                <td><span className={`badge party-${e.partyCoverage}`}>{t(`party.${e.partyCoverage}`)}</span></td>
                <td><span className={`badge union-${e.unionCoverage}`}>{t(`union.${e.unionCoverage}`)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h3>{t('recentActivities')}</h3>
        {file.activities.length === 0 ? <p className="muted">{t('none')}</p> : (
          <ul>{file.activities.map((a) => <li key={a.id}>{a.heldAt.slice(0, 10)} {a.title} <span className="muted">{num(a.participants)} {t('participants')}</span></li>)}</ul>
        )}
      </section>
    </div>
  );
}
