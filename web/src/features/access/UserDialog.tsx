import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ROLES } from '../../../../src/contracts/roles.js';
import type { Role } from '../../api/api.js';
import { type MessageKey, useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { useModal } from '../../ui/ConfirmDialog.js';
import { Field, TextField } from '../../ui/Field.js';
import { useFieldErrors } from '../../ui/form.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { ScopePicker, scopeForRole } from '../../ui/ScopePicker.js';
import { sponsorsApi, sponsorsKeys } from '../sponsors/api.js';
import { accessApi, type User, type UserChanges } from './api.js';

type Key = 'email' | 'fullName' | 'role' | 'regionCodes' | 'sponsorId' | 'password';
const FOCUS: Record<Key, string> = {
  sponsorId: 'user-sponsor',
  email: 'user-email',
  fullName: 'user-fullName',
  role: 'user-role',
  regionCodes: 'user-scope-first',
  password: 'user-password',
};
const KEYS = Object.keys(FOCUS) as Key[];

/** Adds a user, or changes one's name, role and region. The e-mail is the sign-in name and stays. */
export function UserDialog(props: {
  user: User | null;
  onSaved(user: User, temporaryPassword: string | null): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const dialog = useModal();
  const provinceCode = session.meta?.provinceCode ?? session.me.user.regionCodes[0]?.slice(0, 2) ?? '';
  const provinceName = session.meta?.provinceName ?? provinceCode;
  const existing = props.user;
  const isSelf = existing?.id === session.me.user.id;
  const [email, setEmail] = useState(existing?.email ?? '');
  const [fullName, setFullName] = useState(existing?.fullName ?? '');
  const [role, setRole] = useState<Role>(existing?.role ?? 'regency_operator');
  const [regionCodes, setRegionCodes] = useState<string[]>(existing?.regionCodes ?? []);
  const [password, setPassword] = useState('');
  const [sponsorId, setSponsorId] = useState(existing?.sponsorId ?? '');
  // A sponsor officer acts for one sponsor: the picker offers the active ones.
  const sponsors = useQuery({
    queryKey: sponsorsKeys.sponsors(false),
    queryFn: () => sponsorsApi.sponsors(false),
    enabled: role === 'sponsor_officer',
  });
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);

  const changeRole = (next: Role) => {
    setRole(next);
    setRegionCodes((codes) => scopeForRole(next, codes, provinceCode));
  };

  const focusOf = (key: Key) =>
    key === 'regionCodes'
      ? dialog.current?.querySelector<HTMLElement>(
          '[data-testid="scope-picker"] input, [data-testid="scope-picker"] select',
        )
      : document.getElementById(FOCUS[key]);
  const { errors, show: showErrors, showServerError, clear: clearErrors } = useFieldErrors(KEYS, focusOf);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const found: Partial<Record<Key, string>> = {};
    if (!existing && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = t('users.emailInvalid');
    if (fullName.trim().length < 2) found.fullName = t('users.nameShort');
    if (regionCodes.length === 0) found.regionCodes = t('scope.missing');
    if (role === 'sponsor_officer' && !sponsorId) found.sponsorId = t('users.sponsorMissing');
    if (password && password.length < 10) found.password = t('password.tooShort');
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    clearErrors();
    setBusy(true);
    try {
      if (existing) {
        const changes: UserChanges = {};
        if (fullName.trim() !== existing.fullName) changes.fullName = fullName.trim();
        if (role !== existing.role) changes.role = role;
        if ([...regionCodes].sort().join() !== [...existing.regionCodes].sort().join())
          changes.regionCodes = regionCodes;
        const nextSponsor = role === 'sponsor_officer' ? sponsorId : null;
        if (nextSponsor !== existing.sponsorId) changes.sponsorId = nextSponsor;
        props.onSaved(
          Object.keys(changes).length ? await accessApi.updateUser(existing.id, changes) : existing,
          null,
        );
      } else {
        const created = await accessApi.createUser({
          email: email.trim(),
          fullName: fullName.trim(),
          role,
          regionCodes,
          ...(role === 'sponsor_officer' ? { sponsorId } : {}),
          ...(password ? { password } : {}),
        });
        props.onSaved(created.user, created.temporaryPassword);
      }
    } catch (err) {
      setBusy(false);
      if (!showServerError(err)) setError(err);
    }
  };

  const title = existing ? t('users.editTitle') : t('users.newTitle');
  return (
    <dialog
      ref={dialog}
      className="dialog dialog--wide"
      aria-labelledby="user-dialog-title"
      data-testid="user-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!isBusy) props.onCancel();
      }}
    >
      <form onSubmit={submit} className="form" aria-busy={isBusy} noValidate>
        <h2 id="user-dialog-title">{title}</h2>
        {error ? <ErrorNotice error={error} /> : null}
        {existing ? (
          <p>
            <span className="hint">{t('users.email')}:</span> <span className="break">{existing.email}</span>
          </p>
        ) : (
          <TextField
            id="user-email"
            label={t('users.email')}
            isRequired
            error={errors.email}
            type="email"
            value={email}
            onChange={setEmail}
          />
        )}
        <TextField
          id="user-fullName"
          label={t('users.fullName')}
          isRequired
          error={errors.fullName}
          maxLength={120}
          value={fullName}
          onChange={setFullName}
        />
        <Field id="user-role" label={t('users.role')} isRequired error={errors.role}>
          {(control) => (
            <select
              {...control}
              value={role}
              disabled={isSelf}
              onChange={(e) => changeRole(e.target.value as Role)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === 'sponsor_officer' ? (
          <Field id="user-sponsor" label={t('users.sponsor')} isRequired error={errors.sponsorId}>
            {(control) => (
              <select {...control} value={sponsorId} onChange={(e) => setSponsorId(e.target.value)}>
                <option value="">{t('users.sponsorChoose')}</option>
                {existing?.sponsorId && !sponsors.data?.some((s) => s.id === existing.sponsorId) ? (
                  <option value={existing.sponsorId}>{existing.sponsorName ?? existing.sponsorId}</option>
                ) : null}
                {(sponsors.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} — {s.regionName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <ScopePicker
          idPrefix="user-scope"
          role={role}
          provinceCode={provinceCode}
          provinceName={provinceName}
          value={regionCodes}
          onChange={setRegionCodes}
          error={errors.regionCodes}
        />
        {existing ? null : (
          <Field
            id="user-password"
            label={`${t('users.password')} (${t('common.optional')})`}
            hint={t('users.passwordHint')}
            error={errors.password}
          >
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={isBusy}>
            {isBusy ? t('users.saving') : t('users.save')}
          </button>
          <button type="button" className="button" disabled={isBusy} onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
