import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { roleLabel, useI18n } from '../../app/i18n.js';
import { queryClient } from '../../app/queryClient.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { DataTable } from '../../ui/DataTable.js';
import { ErrorNotice, StatusNotice } from '../../ui/Notice.js';
import { SecretNotice } from '../../ui/SecretNotice.js';
import { accessApi, accessKeys, type User } from './api.js';
import { UserDialog } from './UserDialog.js';

type Dialog =
  | { kind: 'new' }
  | { kind: 'edit'; user: User }
  | { kind: 'deactivate' | 'activate' | 'reset'; user: User };

export function UsersPage() {
  const { t } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('users.title'));
  const list = useQuery({ queryKey: accessKeys.users, queryFn: accessApi.users });
  const users = list.data ?? null;
  const error = list.error;
  const load = () => void list.refetch();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // A changed user stays where it was; a new one comes first.
  const replace = (u: User) =>
    queryClient.setQueryData<User[]>(accessKeys.users, (list) =>
      list?.some((x) => x.id === u.id) ? list.map((x) => (x.id === u.id ? u : x)) : [u, ...(list ?? [])],
    );

  const onSaved = (u: User, temporaryPassword: string | null) => {
    const isNew = dialog?.kind === 'new';
    setDialog(null);
    replace(u);
    setSecret(temporaryPassword ? { email: u.email, password: temporaryPassword } : null);
    setMessage(temporaryPassword ? null : t(isNew ? 'users.created' : 'users.updated', { email: u.email }));
  };

  const confirmed = async () => {
    if (!dialog || dialog.kind === 'new' || dialog.kind === 'edit') return;
    const u = dialog.user;
    if (dialog.kind === 'reset') {
      const r = await accessApi.resetPassword(u.id);
      setDialog(null);
      setMessage(null);
      setSecret({ email: u.email, password: r.temporaryPassword });
      return;
    }
    const updated = await accessApi.updateUser(u.id, { isActive: dialog.kind === 'activate' });
    setDialog(null);
    replace(updated);
    setSecret(null);
    setMessage(t(dialog.kind === 'activate' ? 'users.activated' : 'users.deactivated', { name: u.fullName }));
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('users.title')}
          </h1>
          <p className="lead">{t('users.intro')}</p>
        </div>
        <button
          type="button"
          className="button button--primary"
          data-testid="add-user"
          onClick={() => setDialog({ kind: 'new' })}
        >
          {t('users.add')}
        </button>
      </div>
      {secret ? (
        <SecretNotice
          key={secret.password}
          email={secret.email}
          secret={secret.password}
          onDone={() => setSecret(null)}
        />
      ) : null}
      <StatusNotice testId="users-flash">{message ? <p>{message}</p> : null}</StatusNotice>
      {error ? <ErrorNotice error={error} onRetry={load} /> : null}
      {users === null && !error ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {users ? <UserTable users={users} onAction={setDialog} /> : null}

      {dialog?.kind === 'new' || dialog?.kind === 'edit' ? (
        <UserDialog
          user={dialog.kind === 'edit' ? dialog.user : null}
          onSaved={onSaved}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog && dialog.kind !== 'new' && dialog.kind !== 'edit' ? (
        <ConfirmDialog
          id="user-confirm"
          title={t(
            dialog.kind === 'reset'
              ? 'users.confirmResetTitle'
              : dialog.kind === 'activate'
                ? 'users.confirmActivateTitle'
                : 'users.confirmDeactivateTitle',
            { name: dialog.user.fullName },
          )}
          confirmLabel={t(
            dialog.kind === 'reset'
              ? 'users.reset'
              : dialog.kind === 'activate'
                ? 'users.activate'
                : 'users.deactivate',
          )}
          tone={dialog.kind === 'activate' ? 'primary' : 'danger'}
          onConfirm={confirmed}
          onCancel={() => setDialog(null)}
        >
          <p>
            {t(
              dialog.kind === 'reset'
                ? 'users.confirmResetBody'
                : dialog.kind === 'activate'
                  ? 'users.confirmActivateBody'
                  : 'users.confirmDeactivateBody',
              { name: dialog.user.fullName },
            )}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function UserTable(props: { users: User[]; onAction(d: Dialog): void }) {
  const { t } = useI18n();
  const session = useSession();
  return (
    <section aria-labelledby="users-list-heading">
      <h2 id="users-list-heading" className="visually-hidden">
        {t('users.list')}
      </h2>
      <p className="results__status">{t('users.count', { n: props.users.length })}</p>
      <DataTable
        testId="users"
        rows={props.users}
        rowKey={(u) => u.id}
        rowProps={(u) => ({ className: u.isActive ? undefined : 'is-inactive', 'data-testid': 'user-row' })}
        columns={[
          {
            key: 'name',
            header: t('users.fullName'),
            cell: (u) => (
              <>
                <span data-testid="user-full-name">{u.fullName}</span>{' '}
                {u.id === session.me.user.id ? t('users.you') : null}
                <br />
                <span className="hint break">{u.email}</span>
              </>
            ),
          },
          { key: 'role', header: t('users.role'), cell: (u) => roleLabel(t, u.role) },
          {
            key: 'scope',
            header: t('users.scope'),
            cell: (u) => (u.sponsorName ? `${u.scopeLabel} · ${u.sponsorName}` : u.scopeLabel),
          },
          {
            key: 'status',
            header: t('users.status'),
            cell: (u) => (
              <span className={`badge ${u.isActive ? 'badge--ok' : 'badge--muted'}`}>
                {t(u.isActive ? 'status.active' : 'status.inactive')}
              </span>
            ),
          },
          {
            key: 'actions',
            header: t('users.actions'),
            cell: (u) => (
              <UserActions user={u} isSelf={u.id === session.me.user.id} onAction={props.onAction} />
            ),
          },
        ]}
      />
    </section>
  );
}

function UserActions(props: { user: User; isSelf: boolean; onAction(d: Dialog): void }) {
  const { t } = useI18n();
  const u = props.user;
  const isSelf = props.isSelf;
  return (
    <div className="button-row button-row--compact">
      <button
        type="button"
        className="button button--small"
        onClick={() => props.onAction({ kind: 'edit', user: u })}
      >
        {t('users.edit')}
        <span className="visually-hidden"> {u.fullName}</span>
      </button>
      {isSelf ? null : (
        <button
          type="button"
          className="button button--small"
          onClick={() => props.onAction({ kind: u.isActive ? 'deactivate' : 'activate', user: u })}
        >
          {t(u.isActive ? 'users.deactivate' : 'users.activate')}
          <span className="visually-hidden"> {u.fullName}</span>
        </button>
      )}
      <button
        type="button"
        className="button button--small"
        onClick={() => props.onAction({ kind: 'reset', user: u })}
      >
        {t('users.reset')}
        <span className="visually-hidden"> {u.fullName}</span>
      </button>
    </div>
  );
}
