import { type FormEvent, useState } from 'react';
import {
  SPONSOR_KIND_LABELS,
  SPONSOR_KINDS,
  SPONSOR_REGION_LEVEL,
  type SponsorKind,
} from '../../../../src/contracts/sponsors.js';
import { ApiError } from '../../api/api.js';
import { type MessageKey, useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { useModal } from '../../ui/ConfirmDialog.js';
import { Field, TextField } from '../../ui/Field.js';
import { useFieldErrors } from '../../ui/form.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { RegionPicker } from '../../ui/RegionPicker.js';
import { type Sponsor, sponsorsApi } from './api.js';

type Key = 'kind' | 'name' | 'regionCode' | 'contactName' | 'contactPhone' | 'contactEmail';
const KEYS: Key[] = ['kind', 'name', 'regionCode', 'contactName', 'contactPhone', 'contactEmail'];
const focusOf = (key: Key) =>
  document.getElementById(key === 'regionCode' ? 'sponsor-region-regency' : `sponsor-${key}`);

/**
 * Adds a sponsor or changes one: kind, name, region (as its kind requires) and contact. A change carries
 * the version shown; when someone changed the sponsor meanwhile the server refuses it (409) and the
 * dialog offers the latest data (`onStale`: the page reloads it and opens the dialog again).
 */
export function SponsorDialog(props: {
  sponsor: Sponsor | null;
  onSaved(s: Sponsor): void;
  onCancel(): void;
  onStale(): void;
}) {
  const { t, lang } = useI18n();
  const session = useSession();
  const dialog = useModal();
  const provinceCode = session.meta?.provinceCode ?? session.me.user.regionCodes[0]?.slice(0, 2) ?? '';
  const s = props.sponsor;
  const [kind, setKind] = useState<SponsorKind>(s?.kind ?? 'apbd_regency');
  const [name, setName] = useState(s?.name ?? '');
  // The picker holds what lies below the province ('' = the province itself).
  const [region, setRegion] = useState(s && s.regionCode !== provinceCode ? s.regionCode : '');
  const [contactName, setContactName] = useState(s?.contactName ?? '');
  const [contactPhone, setContactPhone] = useState(s?.contactPhone ?? '');
  const [contactEmail, setContactEmail] = useState(s?.contactEmail ?? '');
  const [error, setError] = useState<unknown>(null);
  const [isConflict, setConflict] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const { errors, show, showServerError } = useFieldErrors(KEYS, focusOf);

  const regionHint = t(
    (SPONSOR_REGION_LEVEL[kind] ? `sponsors.regionHint.${kind}` : 'sponsors.regionHint.other') as MessageKey,
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (name.trim().length < 2) {
      show({ name: t('sponsors.nameShort') });
      return;
    }
    show({});
    setBusy(true);
    const body = {
      kind,
      name: name.trim(),
      regionCode: kind === 'apbd_province' ? provinceCode : region || provinceCode,
      contactName: contactName.trim() || null,
      contactPhone: contactPhone.trim() || null,
      contactEmail: contactEmail.trim() || null,
    };
    try {
      props.onSaved(
        s
          ? await sponsorsApi.updateSponsor(s.id, { ...body, version: s.version })
          : await sponsorsApi.createSponsor(body),
      );
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'SPONSOR_VERSION_CONFLICT') setConflict(true);
      else if (!showServerError(err)) setError(err);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog dialog--wide"
      aria-labelledby="sponsor-dialog-title"
      data-testid="sponsor-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!isBusy) props.onCancel();
      }}
    >
      <form onSubmit={submit} className="form" aria-busy={isBusy} noValidate>
        <h2 id="sponsor-dialog-title">{t(s ? 'sponsors.editTitle' : 'sponsors.newTitle')}</h2>
        {error ? <ErrorNotice error={error} /> : null}
        {isConflict ? (
          <div className="notice notice--error" role="alert" data-testid="sponsor-conflict">
            <p>{t('sponsors.conflict')}</p>
            <button type="button" className="button" onClick={props.onStale}>
              {t('sponsors.conflictReload')}
            </button>
          </div>
        ) : null}
        <Field id="sponsor-kind" label={t('sponsors.kind')} isRequired error={errors.kind}>
          {(control) => (
            <select {...control} value={kind} onChange={(e) => setKind(e.target.value as SponsorKind)}>
              {SPONSOR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {SPONSOR_KIND_LABELS[k][lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          id="sponsor-name"
          label={t('sponsors.name')}
          isRequired
          error={errors.name}
          maxLength={200}
          value={name}
          onChange={setName}
        />
        {kind === 'apbd_province' ? (
          <p className="hint">{regionHint}</p>
        ) : (
          <RegionPicker
            idPrefix="sponsor-region"
            legend={t('sponsors.region')}
            provinceCode={provinceCode}
            value={region}
            onChange={setRegion}
            mode="form"
            scope={session.me.user.regionCodes}
            hint={regionHint}
            {...(errors.regionCode ? { error: errors.regionCode } : {})}
          />
        )}
        <fieldset className="fieldset">
          <legend>{t('sponsors.contact')}</legend>
          <TextField
            id="sponsor-contactName"
            label={t('sponsors.contactName')}
            error={errors.contactName}
            value={contactName}
            onChange={setContactName}
          />
          <TextField
            id="sponsor-contactPhone"
            label={t('sponsors.contactPhone')}
            error={errors.contactPhone}
            type="tel"
            value={contactPhone}
            onChange={setContactPhone}
          />
          <TextField
            id="sponsor-contactEmail"
            label={t('sponsors.contactEmail')}
            error={errors.contactEmail}
            type="email"
            value={contactEmail}
            onChange={setContactEmail}
          />
        </fieldset>
        <div className="button-row">
          <button
            type="submit"
            className="button button--primary"
            disabled={isBusy}
            data-testid="sponsor-save"
          >
            {t('sponsors.save')}
          </button>
          <button type="button" className="button" disabled={isBusy} onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
