import type { NikCheck } from '../../../../src/contracts/nik.js';
import { CONSENT_METHODS, OCCUPATIONS } from '../../../../src/contracts/workers.js';
import { occupationLabel, useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { type ControlProps, Field } from '../../ui/Field.js';
import { formatMoney, parseRupiah } from '../../ui/format.js';
import { RegionPicker } from '../../ui/RegionPicker.js';
import { NikField } from './NikField.js';
import type { FieldErrors, WorkerFormState } from './workerForm.js';

type Update = <K extends keyof WorkerFormState>(key: K, value: WorkerFormState[K]) => void;

/** Every field of a registration (WorkerCreate); consent only when registering. */
export function WorkerFields(props: {
  form: WorkerFormState;
  errors: FieldErrors;
  update: Update;
  isEdit: boolean;
  onNikChecked(check: NikCheck): void;
  nikNote: string | null;
  /** The record's own NIK when editing. */
  ownNik?: string | undefined;
}) {
  const { t, lang } = useI18n();
  const session = useSession();
  const { form, errors, update } = props;
  const text =
    (key: 'fullName' | 'birthPlace' | 'motherMaidenName' | 'phone', maxLength: number) =>
    (control: object) => (
      <input
        {...control}
        type={key === 'phone' ? 'tel' : 'text'}
        autoComplete="off"
        maxLength={maxLength}
        value={form[key]}
        onChange={(e) => update(key, e.target.value)}
      />
    );
  const income = parseRupiah(form.declaredIncome);
  const provinceCode = session.meta?.provinceCode ?? session.me.user.regionCodes[0]?.slice(0, 2) ?? '';

  return (
    <>
      <fieldset className="card form-section">
        <legend>{t('form.identity')}</legend>
        <NikField
          value={form.nik}
          onChange={(v) => update('nik', v)}
          onChecked={props.onNikChecked}
          ownNik={props.ownNik}
          error={errors.nik}
          note={props.nikNote}
        />
        <Field id="worker-fullName" label={t('field.fullName')} isRequired error={errors.fullName}>
          {text('fullName', 120)}
        </Field>
        <fieldset
          className={`field choice-group${errors.sex ? ' field--invalid' : ''}`}
          aria-describedby={errors.sex ? 'worker-sex-error' : undefined}
        >
          <legend>
            {t('field.sex')} <span className="required">({t('common.required')})</span>
          </legend>
          <div className="choice-group__options">
            {(['L', 'P'] as const).map((s) => (
              <label key={s} className="choice">
                <input
                  type="radio"
                  id={`worker-sex-${s}`}
                  name="sex"
                  value={s}
                  checked={form.sex === s}
                  onChange={() => update('sex', s)}
                />
                {t(s === 'L' ? 'sex.L' : 'sex.P')}
              </label>
            ))}
          </div>
          {errors.sex ? (
            <p className="field-error" id="worker-sex-error">
              {errors.sex}
            </p>
          ) : null}
        </fieldset>
        <div className="field-row">
          <Field id="worker-birthPlace" label={t('field.birthPlace')} error={errors.birthPlace}>
            {text('birthPlace', 80)}
          </Field>
          <Field
            id="worker-birthDate"
            label={t('field.birthDate')}
            isRequired
            error={errors.birthDate}
            hint={t('form.dateHint')}
          >
            {(control) => (
              <DayInput control={control} value={form.birthDate} onChange={(v) => update('birthDate', v)} />
            )}
          </Field>
        </div>
        <Field
          id="worker-motherMaidenName"
          label={t('field.motherMaidenName')}
          error={errors.motherMaidenName}
        >
          {text('motherMaidenName', 120)}
        </Field>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('form.contact')}</legend>
        <Field id="worker-phone" label={t('field.phone')} hint={t('form.phoneHint')} error={errors.phone}>
          {text('phone', 32)}
        </Field>
        <Field id="worker-address" label={t('field.address')} error={errors.address}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              maxLength={300}
              value={form.address}
              onChange={(e) => update('address', e.target.value)}
            />
          )}
        </Field>
        <RegionPicker
          idPrefix="worker-domicile"
          legend={`${t('field.domicile')} (${t('common.required')})`}
          provinceCode={provinceCode}
          value={form.domicileCode}
          onChange={(code) => update('domicileCode', code)}
          mode="form"
          scope={session.me.user.regionCodes}
          hint={t('form.domicileHint')}
          {...(errors.domicileCode ? { error: errors.domicileCode } : {})}
        />
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('form.work')}</legend>
        <div className="field-row">
          <Field id="worker-occupation" label={t('field.occupation')} isRequired error={errors.occupation}>
            {(control) => (
              <select
                {...control}
                value={form.occupation}
                onChange={(e) => update('occupation', e.target.value)}
              >
                <option value="">{t('form.choose')}</option>
                {OCCUPATIONS.map((o) => (
                  <option key={o} value={o}>
                    {occupationLabel(lang, o)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="worker-declaredIncome"
            label={t('field.declaredIncome')}
            error={errors.declaredIncome}
            hint={income !== null && !Number.isNaN(income) ? formatMoney(income) : t('form.incomeHint')}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={form.declaredIncome}
                onChange={(e) => update('declaredIncome', e.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset className="field choice-group">
          <legend>{t('field.vulnerability')}</legend>
          {errors.vulnerability ? <p className="field-error">{errors.vulnerability}</p> : null}
          {(['inWelfareRegister', 'hasDisability', 'isFemaleHeadOfHousehold'] as const).map((key) => (
            <label key={key} className="choice">
              <input
                type="checkbox"
                id={`worker-${key}`}
                checked={form[key]}
                onChange={(e) => update(key, e.target.checked)}
              />
              {t(`field.${key}`)}
            </label>
          ))}
        </fieldset>
      </fieldset>

      {props.isEdit ? null : (
        <fieldset className="card form-section">
          <legend>{t('form.consent')}</legend>
          <div className="field-row">
            <Field
              id="worker-consentMethod"
              label={t('field.consentMethod')}
              isRequired
              error={errors['consent.method']}
            >
              {(control) => (
                <select
                  {...control}
                  value={form.consentMethod}
                  onChange={(e) => update('consentMethod', e.target.value)}
                >
                  <option value="">{t('form.choose')}</option>
                  {CONSENT_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {t(`consent.${m}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id="worker-consentGivenAt"
              label={t('field.consentGivenAt')}
              hint={t('form.consentDayHint')}
              error={errors['consent.givenAt']}
            >
              {(control) => (
                <DayInput
                  control={control}
                  value={form.consentGivenAt}
                  onChange={(v) => update('consentGivenAt', v)}
                />
              )}
            </Field>
          </div>
          <div className={`field${errors.consentConfirmed ? ' field--invalid' : ''}`}>
            <label className="choice">
              <input
                type="checkbox"
                id="worker-consentConfirmed"
                checked={form.consentConfirmed}
                aria-invalid={errors.consentConfirmed ? true : undefined}
                aria-describedby={errors.consentConfirmed ? 'worker-consentConfirmed-error' : undefined}
                onChange={(e) => update('consentConfirmed', e.target.checked)}
              />
              {t('form.consentConfirm')}
            </label>
            {errors.consentConfirmed ? (
              <p className="field-error" id="worker-consentConfirmed-error">
                {errors.consentConfirmed}
              </p>
            ) : null}
          </div>
        </fieldset>
      )}
    </>
  );
}

/**
 * A date typed day first (dd/mm/yyyy). Not `type="date"`: the browser's widget orders day and month by
 * the browser's language (mm/dd/yyyy on an English one), beside dates written "5 Juni 1988".
 */
function DayInput(props: { control: ControlProps; value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  return (
    <input
      {...props.control}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('form.datePlaceholder')}
      maxLength={10}
      className="input--date"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}
