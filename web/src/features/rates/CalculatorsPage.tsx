import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import {
  BENEFIT_TYPE_LABELS,
  BENEFIT_TYPES,
  type BenefitType,
  FUNDING_LABELS,
  FUNDING_SOURCES,
  type Funding,
} from '../../../../src/contracts/rates.js';
import { OCCUPATIONS } from '../../../../src/contracts/workers.js';
import { ApiError, fieldIssues } from '../../api/api.js';
import { occupationLabel, useI18n } from '../../app/i18n.js';
import { usePageHeading } from '../../app/session.js';
import { DataTable } from '../../ui/DataTable.js';
import { Field } from '../../ui/Field.js';
import { errorsByField, type FieldErrors } from '../../ui/form.js';
import { formatDate, formatMoney, parseRupiah } from '../../ui/format.js';
import { ErrorNotice } from '../../ui/Notice.js';
import {
  type BenefitCalcQuery,
  type BpuCalc,
  type BpuCalcQuery,
  type JakonCalcQuery,
  ratesApi,
  ratesKeys,
} from './api.js';

type Which = 'bpu' | 'jakon' | 'benefit';
type Step = BpuCalc['steps'][number];
type VersionUsed = BpuCalc['versions'][number];

/**
 * The calculators an operator uses at the counter: a BPU participant's monthly contribution, a
 * construction project's contribution and a JKK/JKM benefit, each with its worked breakdown and the rule
 * versions it used (from the server, which reads the versions in force on the date).
 */
export function CalculatorsPage() {
  const { t } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('calc.title'));
  const [which, setWhich] = useState<Which>('bpu');
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('calc.title')}
          </h1>
          <p className="lead">{t('calc.intro')}</p>
        </div>
      </div>
      <fieldset className="fieldset">
        <legend>{t('calc.which')}</legend>
        <div className="choice-group__options">
          {(['bpu', 'jakon', 'benefit'] as const).map((w) => (
            <label key={w} className="choice">
              <input
                type="radio"
                name="calc-which"
                value={w}
                checked={which === w}
                data-testid={`calc-${w}`}
                onChange={() => setWhich(w)}
              />
              {t(`calc.${w}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {which === 'bpu' ? <BpuCalculator /> : which === 'jakon' ? <JakonCalculator /> : <BenefitCalculator />}
      <p className="hint">{t('calc.rounding')}</p>
    </div>
  );
}

/** A whole-rupiah amount typed the Indonesian way ('1.500.000'), or the reason it is not one. */
function rupiahInput(text: string, required: boolean): number | undefined | 'bad' | 'missing' {
  const n = parseRupiah(text);
  if (n === null) return required ? 'missing' : undefined;
  return Number.isNaN(n) ? 'bad' : n;
}

function monthsInput(text: string): number | undefined | 'bad' {
  if (text.trim() === '') return undefined;
  return /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : 'bad';
}

/** The server's field problems of a failed calculation, and whether it failed for another reason. */
function problemsOf<K extends string>(error: unknown, keys: readonly K[]) {
  const fields = error instanceof ApiError ? errorsByField(fieldIssues(error), keys) : {};
  return { fields, other: error && Object.keys(fields).length === 0 ? error : null };
}

function MoneyField(props: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  hint?: string;
  isRequired?: boolean;
}) {
  return (
    <Field
      id={props.id}
      label={props.label}
      error={props.error}
      hint={props.hint}
      isRequired={props.isRequired}
    >
      {(control) => (
        <input
          {...control}
          inputMode="numeric"
          autoComplete="off"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

function DateField(props: {
  id: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <Field id={props.id} label={t('calc.date')} hint={t('calc.dateHint')} error={props.error}>
      {(control) => (
        <input
          {...control}
          type="date"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

function SubmitRow() {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary" data-testid="calc-submit">
        {t('calc.submit')}
      </button>
    </div>
  );
}

/** The worked steps and the rule versions a calculation used. */
function Breakdown(props: { steps: Step[]; versions: VersionUsed[]; children?: ReactNode }) {
  const { t, lang } = useI18n();
  return (
    <>
      {props.children}
      <DataTable
        testId="calc-steps"
        caption={t('calc.steps')}
        rows={props.steps}
        rowKey={(s) => s.key}
        columns={[
          { key: 'text', header: t('calc.step'), cell: (s) => s.text },
          {
            key: 'amount',
            header: t('calc.amount'),
            className: 'nowrap',
            cell: (s) =>
              s.amount === null ? '' : s.amount < 0 ? `−${formatMoney(-s.amount)}` : formatMoney(s.amount),
          },
        ]}
      />
      <h3>{t('calc.rules')}</h3>
      <ul data-testid="calc-versions">
        {props.versions.map((v) => (
          <li key={v.id}>
            {v.regulation} ({t('calc.since', { date: formatDate(v.effectiveFrom, lang) })})
          </li>
        ))}
      </ul>
    </>
  );
}

function Result(props: { label: string; total: number; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="calc-result" data-testid="calc-result">
      <h2 id="calc-result">{t('calc.result')}</h2>
      <p className="lead">
        {props.label}: <strong data-testid="calc-total">{formatMoney(props.total)}</strong>
      </p>
      {props.children}
    </section>
  );
}

const BPU_KEYS = ['income', 'programs', 'date', 'occupation', 'funding'] as const;

function BpuCalculator() {
  const { t, lang } = useI18n();
  const [income, setIncome] = useState('');
  const [jht, setJht] = useState(false);
  const [date, setDate] = useState('');
  const [occupation, setOccupation] = useState('');
  const [funding, setFunding] = useState<Funding>('self');
  const [local, setLocal] = useState<FieldErrors<(typeof BPU_KEYS)[number]>>({});
  const [query, setQuery] = useState<BpuCalcQuery | null>(null);
  const result = useQuery({
    queryKey: ratesKeys.calc('bpu', query ?? {}),
    queryFn: () => ratesApi.calcBpu(query!),
    enabled: query !== null,
  });
  const problems = problemsOf(result.error, BPU_KEYS);
  const errors = { ...problems.fields, ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = rupiahInput(income, true);
    if (typeof n !== 'number') {
      setLocal({ income: t(n === 'missing' ? 'calc.missing' : 'calc.notRupiah') });
      document.getElementById('calc-income')?.focus();
      return;
    }
    setLocal({});
    setQuery({
      income: n,
      programs: jht ? 'jkk,jkm,jht' : 'jkk,jkm',
      funding,
      ...(date ? { date } : {}),
      ...(occupation ? { occupation: occupation as NonNullable<BpuCalcQuery['occupation']> } : {}),
    });
  };

  const r = result.data;
  return (
    <>
      <form onSubmit={submit} noValidate data-testid="calc-bpu-form">
        <MoneyField
          id="calc-income"
          label={t('calc.income')}
          hint={t('calc.incomeHint')}
          isRequired
          value={income}
          onChange={setIncome}
          error={errors.income}
        />
        <fieldset className="fieldset">
          <legend>{t('calc.programs')}</legend>
          <p className="hint">{t('calc.compulsory')}</p>
          <label className="choice">
            <input
              type="checkbox"
              checked={jht}
              onChange={(e) => setJht(e.target.checked)}
              data-testid="calc-jht"
            />
            {t('calc.jhtOptional')}
          </label>
        </fieldset>
        <DateField id="calc-date" value={date} onChange={setDate} error={errors.date} />
        <Field id="calc-occupation" label={t('calc.occupation')} error={errors.occupation}>
          {(control) => (
            <select {...control} value={occupation} onChange={(e) => setOccupation(e.target.value)}>
              <option value="">{t('calc.occupationNone')}</option>
              {OCCUPATIONS.map((o) => (
                <option key={o} value={o}>
                  {occupationLabel(lang, o)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="calc-funding" label={t('calc.funding')} error={errors.funding}>
          {(control) => (
            <select {...control} value={funding} onChange={(e) => setFunding(e.target.value as Funding)}>
              {FUNDING_SOURCES.map((f) => (
                <option key={f} value={f}>
                  {FUNDING_LABELS[f][lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <SubmitRow />
      </form>
      {problems.other ? <ErrorNotice error={problems.other} /> : null}
      {r ? (
        <Result label={t('calc.monthlyTotal')} total={r.monthly.total}>
          <dl className="facts">
            <dt>{t('calc.bracket')}</dt>
            <dd>
              {r.bracket.number} ({formatMoney(r.bracket.from)}
              {r.bracket.to === null ? '+' : `–${formatMoney(r.bracket.to)}`})
            </dd>
            <dt>{t('calc.base.result')}</dt>
            <dd data-testid="calc-base">{formatMoney(r.base)}</dd>
            <dt>JKK</dt>
            <dd>{formatMoney(r.monthly.jkk)}</dd>
            <dt>JKM</dt>
            <dd>{formatMoney(r.monthly.jkm)}</dd>
            <dt>JHT</dt>
            <dd>{formatMoney(r.monthly.jht)}</dd>
            <dt>{t('calc.discount')}</dt>
            <dd data-testid="calc-discount">
              {r.discount ? `−${formatMoney(r.discount)}` : formatMoney(0)}
              {r.discountRule ? ` (${r.discountRule.label}: ${r.discountRule.reason})` : ''}
            </dd>
          </dl>
          <Breakdown steps={r.steps} versions={r.versions} />
        </Result>
      ) : null}
    </>
  );
}

const JAKON_KEYS = ['contractValue', 'date'] as const;

function JakonCalculator() {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [date, setDate] = useState('');
  const [local, setLocal] = useState<FieldErrors<(typeof JAKON_KEYS)[number]>>({});
  const [query, setQuery] = useState<JakonCalcQuery | null>(null);
  const result = useQuery({
    queryKey: ratesKeys.calc('jakon', query ?? {}),
    queryFn: () => ratesApi.calcJakon(query!),
    enabled: query !== null,
  });
  const problems = problemsOf(result.error, JAKON_KEYS);
  const errors = { ...problems.fields, ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = rupiahInput(value, true);
    if (typeof n !== 'number') {
      setLocal({ contractValue: t(n === 'missing' ? 'calc.missing' : 'calc.notRupiah') });
      document.getElementById('calc-contract-value')?.focus();
      return;
    }
    setLocal({});
    setQuery({ contractValue: n, ...(date ? { date } : {}) });
  };
  const r = result.data;
  return (
    <>
      <form onSubmit={submit} noValidate data-testid="calc-jakon-form">
        <MoneyField
          id="calc-contract-value"
          label={t('calc.contractValue')}
          isRequired
          value={value}
          onChange={setValue}
          error={errors.contractValue}
        />
        <DateField id="calc-date" value={date} onChange={setDate} error={errors.date} />
        <SubmitRow />
      </form>
      {problems.other ? <ErrorNotice error={problems.other} /> : null}
      {r ? (
        <Result label={t('calc.projectTotal')} total={r.total}>
          <dl className="facts">
            <dt>JKK</dt>
            <dd>{formatMoney(r.jkk)}</dd>
            <dt>JKM</dt>
            <dd>{formatMoney(r.jkm)}</dd>
          </dl>
          <Breakdown steps={r.steps} versions={r.versions} />
        </Result>
      ) : null}
    </>
  );
}

const BENEFIT_KEYS = ['type', 'base', 'monthsMember', 'monthsOff', 'date'] as const;

function BenefitCalculator() {
  const { t, lang } = useI18n();
  const [type, setType] = useState<BenefitType>('jkm_death');
  const [base, setBase] = useState('');
  const [monthsMember, setMonthsMember] = useState('');
  const [monthsOff, setMonthsOff] = useState('');
  const [date, setDate] = useState('');
  const [local, setLocal] = useState<FieldErrors<(typeof BENEFIT_KEYS)[number]>>({});
  const [query, setQuery] = useState<BenefitCalcQuery | null>(null);
  const result = useQuery({
    queryKey: ratesKeys.calc('benefit', query ?? {}),
    queryFn: () => ratesApi.calcBenefit(query!),
    enabled: query !== null,
  });
  const problems = problemsOf(result.error, BENEFIT_KEYS);
  const errors = { ...problems.fields, ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const b = rupiahInput(base, type !== 'jkm_death');
    const member = monthsInput(monthsMember);
    const off = monthsInput(monthsOff);
    const found: FieldErrors<(typeof BENEFIT_KEYS)[number]> = {
      ...(b === 'bad' ? { base: t('calc.notRupiah') } : {}),
      ...(b === 'missing' ? { base: t('calc.baseMissing') } : {}),
      ...(member === 'bad' ? { monthsMember: t('calc.notMonths') } : {}),
      ...(off === 'bad' && type === 'stmb' ? { monthsOff: t('calc.notMonths') } : {}),
    };
    setLocal(found);
    const first = BENEFIT_KEYS.find((k) => found[k]);
    if (first) {
      document.getElementById(`calc-${first}`)?.focus();
      return;
    }
    setQuery({
      type,
      ...(typeof b === 'number' ? { base: b } : {}),
      ...(typeof member === 'number' ? { monthsMember: member } : {}),
      ...(type === 'stmb' && typeof off === 'number' ? { monthsOff: off } : {}),
      ...(date ? { date } : {}),
    });
  };
  const r = result.data;
  const s = r?.scholarship;
  return (
    <>
      <form onSubmit={submit} noValidate data-testid="calc-benefit-form">
        <Field id="calc-type" label={t('calc.type')} error={errors.type}>
          {(control) => (
            <select {...control} value={type} onChange={(e) => setType(e.target.value as BenefitType)}>
              {BENEFIT_TYPES.map((b) => (
                <option key={b} value={b}>
                  {BENEFIT_TYPE_LABELS[b][lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <MoneyField
          id="calc-base"
          label={t('calc.base')}
          hint={t('calc.baseHint')}
          isRequired={type !== 'jkm_death'}
          value={base}
          onChange={setBase}
          error={errors.base}
        />
        <MoneyField
          id="calc-monthsMember"
          label={t('calc.monthsMember')}
          hint={t('calc.monthsMemberHint')}
          value={monthsMember}
          onChange={setMonthsMember}
          error={errors.monthsMember}
        />
        {type === 'stmb' ? (
          <MoneyField
            id="calc-monthsOff"
            label={t('calc.monthsOff')}
            value={monthsOff}
            onChange={setMonthsOff}
            error={errors.monthsOff}
          />
        ) : null}
        <DateField id="calc-date" value={date} onChange={setDate} error={errors.date} />
        <SubmitRow />
      </form>
      {problems.other ? <ErrorNotice error={problems.other} /> : null}
      {r ? (
        <Result label={t('calc.benefitTotal')} total={r.total}>
          <Breakdown steps={r.steps} versions={r.versions}>
            {s ? (
              <p data-testid="calc-scholarship">
                {t('calc.scholarship')}:{' '}
                {t('calc.scholarshipText', {
                  children: s.maxChildren,
                  max: formatMoney(s.max),
                  verdict: t(
                    s.eligible === null
                      ? 'calc.scholarshipUnknown'
                      : s.eligible
                        ? 'calc.scholarshipYes'
                        : 'calc.scholarshipNo',
                  ),
                })}
              </p>
            ) : null}
          </Breakdown>
        </Result>
      ) : null}
    </>
  );
}
