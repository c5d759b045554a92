import { useState } from 'react';
import type { EligibilityRules, PriorityWeights, Quota } from '../../../../src/contracts/programmes.js';
import { OCCUPATIONS, type Occupation } from '../../../../src/contracts/workers.js';
import { occupationLabel, useI18n } from '../../app/i18n.js';
import { formatPercent, parseRupiah } from '../../ui/format.js';
import { RegionPicker, useChildren } from '../../ui/RegionPicker.js';
import { WEIGHT_KEYS } from './ProgrammePage.js';

const toggle = <T,>(list: readonly T[], item: T, on: boolean) =>
  on ? [...list, item] : list.filter((x) => x !== item);

function OccupationChecks(props: {
  idPrefix: string;
  value: readonly Occupation[];
  onChange(v: Occupation[]): void;
}) {
  const { lang } = useI18n();
  return (
    <div className="checkbox-grid">
      {OCCUPATIONS.map((o) => (
        <label key={o} className="checkbox">
          <input
            type="checkbox"
            id={`${props.idPrefix}-${o}`}
            checked={props.value.includes(o)}
            onChange={(e) => props.onChange(toggle(props.value, o, e.target.checked))}
          />{' '}
          {occupationLabel(lang, o)}
        </label>
      ))}
    </div>
  );
}

/** Every rule of EligibilityRules, with plain controls. */
export function EligibilityEditor(props: {
  value: EligibilityRules;
  onChange(v: EligibilityRules): void;
  provinceCode: string;
  /** The server's first problem with the rules (age order, a domicile outside the programme). */
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const e = props.value;
  const set = (patch: Partial<EligibilityRules>) => props.onChange({ ...e, ...patch });
  const [domicile, setDomicile] = useState('');
  const [ceiling, setCeiling] = useState(e.incomeCeiling === null ? '' : String(e.incomeCeiling));
  const number = (key: 'ageMin' | 'ageMax') => (
    <div className="field">
      <label htmlFor={`rule-${key}`}>{t(`programmes.${key}`)}</label>
      <input
        id={`rule-${key}`}
        type="number"
        min={0}
        max={120}
        value={e[key]}
        onChange={(ev) => set({ [key]: Number(ev.target.value) })}
      />
    </div>
  );
  const flag = (key: 'requireWelfareRegister' | 'requireDisability' | 'requireConsent' | 'requireActive') => (
    <label className="checkbox">
      <input
        id={`rule-${key}`}
        type="checkbox"
        checked={e[key]}
        onChange={(ev) => set({ [key]: ev.target.checked })}
      />{' '}
      {t(`programmes.${key}`)}
    </label>
  );
  return (
    <fieldset className="fieldset" data-testid="eligibility-editor">
      <legend>{t('programmes.eligibility')}</legend>
      <p className="hint">{t('programmes.eligibilityIntro')}</p>
      {props.error ? (
        <p className="field-error" data-testid="eligibility-error">
          {props.error}
        </p>
      ) : null}
      {number('ageMin')}
      {number('ageMax')}
      <fieldset className="fieldset">
        <legend>{t('programmes.occupations')}</legend>
        <p className="hint">{t('programmes.occupationsAny')}</p>
        <OccupationChecks
          idPrefix="rule-occupation"
          value={e.occupations ?? []}
          onChange={(v) => set({ occupations: v.length ? v : null })}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('programmes.domiciles')}</legend>
        {e.regionCodes ? (
          <ul>
            {e.regionCodes.map((c) => (
              <li key={c}>
                {c}{' '}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    const rest = e.regionCodes!.filter((x) => x !== c);
                    set({ regionCodes: rest.length ? rest : null });
                  }}
                >
                  {t('programmes.remove')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t('programmes.domicilesAny')}</p>
        )}
        <RegionPicker
          idPrefix="rule-domicile"
          legend={t('programmes.addDomicile')}
          provinceCode={props.provinceCode}
          value={domicile}
          onChange={setDomicile}
          mode="form"
        />
        <button
          type="button"
          className="button button--small"
          disabled={!domicile || (e.regionCodes ?? []).includes(domicile)}
          onClick={() => {
            set({ regionCodes: [...(e.regionCodes ?? []), domicile] });
            setDomicile('');
          }}
        >
          {t('programmes.addDomicile')}
        </button>
      </fieldset>
      <div className="field">
        <label htmlFor="rule-incomeCeiling">{t('programmes.incomeCeiling')}</label>
        <input
          id="rule-incomeCeiling"
          inputMode="numeric"
          value={ceiling}
          onChange={(ev) => {
            setCeiling(ev.target.value);
            const n = parseRupiah(ev.target.value);
            if (n === null || Number.isFinite(n)) set({ incomeCeiling: n });
          }}
        />
      </div>
      {flag('requireWelfareRegister')}
      {flag('requireDisability')}
      {flag('requireConsent')}
      {flag('requireActive')}
    </fieldset>
  );
}

/** The vulnerability score's weights and the priority occupations. */
export function WeightsEditor(props: { value: PriorityWeights; onChange(v: PriorityWeights): void }) {
  const { t } = useI18n();
  const w = props.value;
  return (
    <fieldset className="fieldset" data-testid="weights-editor">
      <legend>{t('programmes.weights')}</legend>
      <p className="hint">{t('programmes.weightsIntro')}</p>
      {WEIGHT_KEYS.map((k) => (
        <div key={k} className="field">
          <label htmlFor={`weight-${k}`}>{t(`programmes.weight.${k}`)}</label>
          <input
            id={`weight-${k}`}
            type="number"
            min={0}
            max={1000}
            value={w[k]}
            onChange={(e) =>
              props.onChange({ ...w, [k]: Math.max(0, Math.trunc(Number(e.target.value) || 0)) })
            }
          />
        </div>
      ))}
      <fieldset className="fieldset">
        <legend>{t('programmes.priorityOccupations')}</legend>
        <OccupationChecks
          idPrefix="weight-occupation"
          value={w.priorityOccupations}
          onChange={(v) => props.onChange({ ...w, priorityOccupations: v })}
        />
      </fieldset>
    </fieldset>
  );
}

/** Quotas by regency/city within the programme's region: a number of workers or a share of the budget. */
export function QuotasEditor(props: {
  value: Quota[];
  onChange(v: Quota[]): void;
  provinceCode: string;
  regionCode: string;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const regencies = useChildren(props.provinceCode).items.filter(
    (r) =>
      r.code.startsWith(`${props.regionCode}.`) ||
      props.regionCode.startsWith(r.code) ||
      props.regionCode === props.provinceCode,
  );
  const quotas = props.value;
  const setAt = (i: number, q: Quota) => props.onChange(quotas.map((x, j) => (j === i ? q : x)));
  const free = regencies.filter((r) => !quotas.some((q) => q.regionCode === r.code));
  const percent = quotas.reduce((n, q) => n + (q.budgetPercent ?? 0), 0);
  return (
    <fieldset className="fieldset" data-testid="quotas-editor">
      <legend>{t('programmes.quotas')}</legend>
      <p className="hint">{t('programmes.quotasIntro')}</p>
      {props.error ? <p className="field-error">{props.error}</p> : null}
      {quotas.length === 0 ? <p>{t('programmes.noQuotas')}</p> : null}
      {quotas.map((q, i) => (
        <div key={q.regionCode} className="quota-row" data-testid="quota-row">
          <div className="field">
            <label htmlFor={`quota-${i}-region`}>{t('programmes.quotaRegion')}</label>
            <select
              id={`quota-${i}-region`}
              value={q.regionCode}
              onChange={(e) => setAt(i, { ...q, regionCode: e.target.value })}
            >
              {[...regencies.filter((r) => r.code === q.regionCode), ...free].map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`quota-${i}-kind`}>{t('programmes.quotaKind')}</label>
            <select
              id={`quota-${i}-kind`}
              value={q.maxWorkers !== undefined ? 'workers' : 'percent'}
              onChange={(e) =>
                setAt(
                  i,
                  e.target.value === 'workers'
                    ? { regionCode: q.regionCode, maxWorkers: 0 }
                    : { regionCode: q.regionCode, budgetPercent: 0 },
                )
              }
            >
              <option value="workers">{t('programmes.quotaWorkers')}</option>
              <option value="percent">{t('programmes.quotaPercent')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`quota-${i}-value`}>{t('programmes.quotaValue')}</label>
            <input
              id={`quota-${i}-value`}
              type="number"
              min={0}
              max={q.budgetPercent !== undefined ? 100 : undefined}
              step={q.budgetPercent !== undefined ? 0.1 : 1}
              value={q.maxWorkers ?? q.budgetPercent ?? 0}
              onChange={(e) => {
                const n = Math.max(0, Number(e.target.value) || 0);
                setAt(
                  i,
                  q.maxWorkers !== undefined
                    ? { regionCode: q.regionCode, maxWorkers: Math.trunc(n) }
                    : { regionCode: q.regionCode, budgetPercent: n },
                );
              }}
            />
          </div>
          <button
            type="button"
            className="button button--small"
            onClick={() => props.onChange(quotas.filter((_, j) => j !== i))}
          >
            {t('programmes.remove')}
          </button>
        </div>
      ))}
      <p className="hint">{t('programmes.quotaTotal', { p: formatPercent(percent / 100) })}</p>
      <button
        type="button"
        className="button button--small"
        disabled={free.length === 0}
        onClick={() => props.onChange([...quotas, { regionCode: free[0]!.code, budgetPercent: 0 }])}
      >
        {t('programmes.addQuota')}
      </button>
    </fieldset>
  );
}
