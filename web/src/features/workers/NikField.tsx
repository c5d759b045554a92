import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { NikCheck } from '../../../../src/contracts/nik.js';
import type { NikRegistration } from '../../../../src/contracts/workers.js';
import { api } from '../../api/api.js';
import { useI18n } from '../../app/i18n.js';
import { useSettled } from '../../ui/debounce.js';
import { Field } from '../../ui/Field.js';
import { formatDate, nikDigits } from '../../ui/format.js';
import { workersApi, workersKeys } from './api.js';
import { nikPhase } from './nikPhase.js';
import { workersPaths } from './paths.js';

const DEBOUNCE_MS = 350;

interface CheckedNik {
  check: NikCheck;
  regionLabel: string | null;
  registered: NikRegistration | null;
}

/** The server's check of a NIK, the region it was issued in, and whether it is registered already. */
async function checkNik(digits: string, isOwn: boolean, signal: AbortSignal): Promise<CheckedNik> {
  const check = await workersApi.checkNik(digits, signal);
  const regionLabel = check.valid || check.regency ? await issuingRegion(check) : null;
  const registered =
    check.valid && !isOwn ? await workersApi.nikStatus(digits, signal).catch(() => null) : null;
  return { check, regionLabel, registered };
}

/** 'Kec. Ilir Barat I, Kota Palembang' for the district (or regency) a NIK was issued in. */
async function issuingRegion(check: NikCheck): Promise<string | null> {
  const code = check.district ?? check.regency;
  if (!code) return null;
  const tryCode = async (c: string) => {
    const detail = await api.region(c);
    return detail.path
      .filter((r) => r.level !== 'province')
      .reverse()
      .map((r) => (r.level === 'district' ? `Kec. ${r.name}` : r.name))
      .join(', ');
  };
  try {
    return await tryCode(code);
  } catch {
    // District codes split over time: an unknown district still has a known regency.
    return check.regency && check.regency !== code ? tryCode(check.regency).catch(() => null) : null;
  }
}

/**
 * The NIK input with live feedback: once typing stops, a NIK of the wrong length is named; with 16 digits
 * the server checks the number and says what it encodes (birth date, sex, issuing region) and whether it
 * is registered already, so mistakes show before the form is sent.
 */
export function NikField(props: {
  value: string;
  onChange(value: string): void;
  onChecked(check: NikCheck): void;
  /** The record's own NIK when editing: not "registered already". */
  ownNik?: string | undefined;
  error?: string | undefined;
  note?: string | null;
}) {
  const { t, lang } = useI18n();
  const digits = nikDigits(props.value);
  const isOwn = props.ownNik !== undefined && nikDigits(props.ownNik) === digits;
  const { onChecked } = props;
  const settled = useSettled(digits, DEBOUNCE_MS);
  const checked = useQuery({
    queryKey: workersKeys.nikCheck(settled, isOwn),
    queryFn: ({ signal }) => checkNik(settled, isOwn, signal),
    enabled: settled.length === 16 && settled === digits,
  });
  const found = nikPhase(digits, settled, checked);
  const state = found.phase === 'done' ? { ...found, ...found.check } : found;
  const answer = found.phase === 'done' ? found.check.check : null;

  // Sex and birth date follow from the NIK: the form fills them in when still empty.
  useEffect(() => {
    if (answer) onChecked(answer);
  }, [answer, onChecked]);

  const say = (i: { message: string; messageEn?: string | undefined }) =>
    lang === 'en' && i.messageEn ? i.messageEn : i.message;

  const feedback = (
    <>
      <p>
        {digits.length > 0 && digits.length !== 16 ? t('nik.count', { n: digits.length }) : t('nik.hint')}
      </p>
      <div aria-live="polite" data-testid="nik-feedback" className="nik-feedback">
        {state.phase === 'length' ? (
          <p className="nik-feedback__errors" data-testid="nik-length">
            {t(state.n < 16 ? 'nik.tooShort' : 'nik.tooLong', { n: state.n })}
          </p>
        ) : null}
        {state.phase === 'checking' ? <p>{t('nik.checking')}</p> : null}
        {state.phase === 'failed' ? <p>{t('nik.checkFailed')}</p> : null}
        {state.phase === 'done' ? (
          <>
            {state.registered?.registered ? (
              <div className="nik-feedback__errors" data-testid="nik-registered">
                <p>{state.registered.message}</p>
                {state.registered.workerId ? (
                  <p>
                    <a href={workersPaths.worker(state.registered.workerId)}>{t('nik.openRegistered')}</a>
                  </p>
                ) : null}
              </div>
            ) : state.check.errors.length > 0 ? (
              <div className="nik-feedback__errors">
                <p>{t('nik.invalid')}</p>
                <ul>
                  {state.check.errors.map((e) => (
                    <li key={e.code}>{say(e)}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="nik-feedback__ok">{t('nik.valid')}</p>
            )}
            {state.check.warnings.length > 0 ? (
              <div className="nik-feedback__warnings">
                <p>{t('nik.warnings')}</p>
                <ul>
                  {state.check.warnings.map((w) => (
                    <li key={w.code}>{say(w)}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {state.check.birthDate && state.check.sex ? (
              <p data-testid="nik-decoded">
                {t('nik.decoded', {
                  date: formatDate(state.check.birthDate, lang),
                  sex: t(state.check.sex === 'L' ? 'sex.L' : 'sex.P').toLowerCase(),
                  region: state.regionLabel ?? state.check.district ?? state.check.regency ?? '?',
                })}
              </p>
            ) : null}
          </>
        ) : null}
        {props.note ? <p>{props.note}</p> : null}
      </div>
    </>
  );

  return (
    <Field id="worker-nik" label={t('field.nik')} isRequired error={props.error} hint={feedback}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={32}
          className="mono"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
