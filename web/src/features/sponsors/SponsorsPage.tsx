import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SPONSOR_KIND_LABELS } from '../../../../src/contracts/sponsors.js';
import { useI18n } from '../../app/i18n.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { DataTable } from '../../ui/DataTable.js';
import { formatPhone } from '../../ui/format.js';
import { StatusNotice } from '../../ui/Notice.js';
import { QueryList } from '../../ui/QueryList.js';
import { type Sponsor, sponsorsApi, sponsorsKeys } from './api.js';
import { SponsorDialog } from './SponsorDialog.js';

type Dialog = { kind: 'new' } | { kind: 'edit' | 'deactivate'; sponsor: Sponsor };

/** The sponsors the reader may see; an administrator adds, changes, deactivates and reactivates them. */
export function SponsorsPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const heading = usePageHeading<HTMLHeadingElement>(t('sponsors.title'));
  const [includeInactive, setIncludeInactive] = useState(false);
  const list = useQuery({
    queryKey: sponsorsKeys.sponsors(includeInactive),
    queryFn: () => sponsorsApi.sponsors(includeInactive),
  });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const canManage = session.can('sponsor.manage');

  const saved = (s: Sponsor) => {
    setDialog(null);
    setMessage(t('sponsors.saved', { name: s.name }));
  };
  // Someone changed the sponsor being edited: show the latest (or close, if it is no longer listed).
  const reloadEdited = async () => {
    if (dialog?.kind !== 'edit') return;
    const fresh = (await list.refetch()).data?.find((x) => x.id === dialog.sponsor.id);
    setDialog(fresh ? { kind: 'edit', sponsor: fresh } : null);
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('sponsors.title')}
          </h1>
          <p className="lead">{t('sponsors.intro')}</p>
        </div>
        {canManage ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="add-sponsor"
            onClick={() => setDialog({ kind: 'new' })}
          >
            {t('sponsors.add')}
          </button>
        ) : null}
      </div>
      <StatusNotice testId="sponsors-flash">{message ? <p>{message}</p> : null}</StatusNotice>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={includeInactive}
          onChange={(e) => setIncludeInactive(e.target.checked)}
        />{' '}
        {t('sponsors.showInactive')}
      </label>
      <QueryList
        query={list}
        id="sponsors-list"
        heading={t('sponsors.list')}
        count={(n) => t('sponsors.count', { n })}
      >
        {(rows) => (
          <DataTable
            testId="sponsors"
            rows={rows}
            rowKey={(s) => s.id}
            empty={<p>{t('sponsors.none')}</p>}
            rowProps={(s) => ({
              className: s.isActive ? undefined : 'is-inactive',
              'data-testid': 'sponsor-row',
            })}
            columns={[
              { key: 'name', header: t('sponsors.name'), cell: (s) => s.name },
              { key: 'kind', header: t('sponsors.kind'), cell: (s) => SPONSOR_KIND_LABELS[s.kind][lang] },
              {
                key: 'region',
                header: t('sponsors.region'),
                cell: (s) => `${s.regionName} (${s.regionCode})`,
              },
              {
                key: 'contact',
                header: t('sponsors.contact'),
                cell: (s) =>
                  [s.contactName, formatPhone(s.contactPhone), s.contactEmail].filter(Boolean).join(' · '),
              },
              {
                key: 'status',
                header: t('sponsors.status'),
                cell: (s) => (
                  <span className={`badge ${s.isActive ? 'badge--ok' : 'badge--muted'}`}>
                    {t(s.isActive ? 'status.active' : 'status.inactive')}
                  </span>
                ),
              },
              ...(canManage
                ? [
                    {
                      key: 'actions',
                      header: t('sponsors.actions'),
                      cell: (s: Sponsor) => (
                        <div className="button-row button-row--compact">
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => setDialog({ kind: 'edit', sponsor: s })}
                          >
                            {t('sponsors.edit')}
                          </button>
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() =>
                              s.isActive
                                ? setDialog({ kind: 'deactivate', sponsor: s })
                                : void sponsorsApi.setSponsorActive(s.id, true).then(saved)
                            }
                          >
                            {t(s.isActive ? 'sponsors.deactivate' : 'sponsors.activate')}
                          </button>
                        </div>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryList>
      {dialog?.kind === 'new' || dialog?.kind === 'edit' ? (
        <SponsorDialog
          // A new version (reloaded after a conflict) starts the form again from the latest data.
          key={dialog.kind === 'edit' ? `${dialog.sponsor.id}:${dialog.sponsor.version}` : 'new'}
          sponsor={dialog.kind === 'edit' ? dialog.sponsor : null}
          onSaved={saved}
          onCancel={() => setDialog(null)}
          onStale={() => void reloadEdited()}
        />
      ) : null}
      {dialog?.kind === 'deactivate' ? (
        <ConfirmDialog
          id="sponsor-confirm"
          title={t('sponsors.confirmDeactivate', { name: dialog.sponsor.name })}
          confirmLabel={t('sponsors.deactivate')}
          tone="danger"
          onConfirm={async () => saved(await sponsorsApi.setSponsorActive(dialog.sponsor.id, false))}
          onCancel={() => setDialog(null)}
        >
          <p>{t('sponsors.confirmDeactivateBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
