import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import {
  EDITABLE_WHEN_OPEN,
  EligibilityRules,
  PriorityWeights,
  type Quota,
} from '../../../../src/contracts/programmes.js';
import { useI18n } from '../../app/i18n.js';
import { navigate } from '../../app/navigation.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { Field } from '../../ui/Field.js';
import { useFieldErrors } from '../../ui/form.js';
import { formatNumber, parseRupiah } from '../../ui/format.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { RegionPicker } from '../../ui/RegionPicker.js';
import { sponsorsApi, sponsorsKeys } from '../sponsors/api.js';
import { type Programme, type ProgrammeChanges, programmesApi, programmesKeys } from './api.js';
import { EligibilityEditor, QuotasEditor, WeightsEditor } from './ProgrammeEditors.js';
import { programmesPaths } from './paths.js';
import { programmeEditRoute } from './routes.js';

export function ProgrammeNewRoute(): ReactNode {
  return <ProgrammeForm programme={null} />;
}

export function ProgrammeEditRoute(): ReactNode {
  const { id } = programmeEditRoute.useParams();
  const { t } = useI18n();
  const q = useQuery({ queryKey: programmesKeys.programme(id), queryFn: () => programmesApi.programme(id) });
  if (q.error) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data)
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  return <ProgrammeForm key={`${id}:${q.data.version}`} programme={q.data} />;
}

type Key =
  | 'sponsorId'
  | 'name'
  | 'regionCode'
  | 'periodStart'
  | 'periodEnd'
  | 'budget'
  | 'incomeBase'
  | 'eligibility'
  | 'quotas';
const KEYS: Key[] = [
  'sponsorId',
  'name',
  'regionCode',
  'periodStart',
  'periodEnd',
  'budget',
  'incomeBase',
  'eligibility',
  'quotas',
];
const FOCUS: Record<Key, string> = {
  sponsorId: 'programme-sponsor',
  name: 'programme-name',
  regionCode: 'programme-region-regency',
  periodStart: 'programme-periodStart',
  periodEnd: 'programme-periodEnd',
  budget: 'programme-budget',
  incomeBase: 'programme-incomeBase',
  eligibility: 'rule-ageMin',
  quotas: 'quota-0-region',
};

/** Creates a programme (a draft) or changes one, with what its status still lets change. */
function ProgrammeForm(props: { programme: Programme | null }) {
  const { t } = useI18n();
  const session = useSession();
  const p = props.programme;
  const heading = usePageHeading<HTMLHeadingElement>(t(p ? 'programmes.editTitle' : 'programmes.newTitle'));
  const provinceCode = session.meta?.provinceCode ?? session.me.user.regionCodes[0]?.slice(0, 2) ?? '';
  const sponsors = useQuery({
    queryKey: sponsorsKeys.sponsors(false),
    queryFn: () => sponsorsApi.sponsors(false),
  });
  const [sponsorId, setSponsorId] = useState(p?.sponsorId ?? '');
  const [name, setName] = useState(p?.name ?? '');
  const [region, setRegion] = useState(p && p.regionCode !== provinceCode ? p.regionCode : '');
  const year = new Date().getFullYear() + 1;
  const [periodStart, setPeriodStart] = useState(p?.periodStart ?? `${year}-01`);
  const [periodEnd, setPeriodEnd] = useState(p?.periodEnd ?? `${year}-12`);
  const [budget, setBudget] = useState(p ? formatNumber(p.budget) : '');
  const [includeJht, setIncludeJht] = useState(p?.includeJht ?? false);
  const [incomeBase, setIncomeBase] = useState(formatNumber(p?.incomeBase ?? 1_000_000));
  const [eligibility, setEligibility] = useState<EligibilityRules>(
    p?.eligibility ?? EligibilityRules.parse({}),
  );
  const [weights, setWeights] = useState<PriorityWeights>(p?.priorityWeights ?? PriorityWeights.parse({}));
  const [quotas, setQuotas] = useState<Quota[]>(p?.quotas ?? []);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const { errors, show, showServerError } = useFieldErrors(KEYS, (k) => document.getElementById(FOCUS[k]));

  const sponsor = sponsors.data?.find((s) => s.id === sponsorId);
  const regionFixed = sponsor?.kind === 'apbd_regency' || sponsor?.kind === 'village_fund';
  const regionCode = regionFixed ? sponsor!.regionCode : region || provinceCode;
  const locked = (field: string) =>
    p !== null && p.status !== 'draft' && !(EDITABLE_WHEN_OPEN as readonly string[]).includes(field);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const found: Partial<Record<Key, string>> = {};
    const budgetValue = parseRupiah(budget);
    const baseValue = parseRupiah(incomeBase);
    if (!p && !sponsorId) found.sponsorId = t('programmes.required');
    if (name.trim().length < 3) found.name = t('programmes.required');
    if (budgetValue === null || !Number.isFinite(budgetValue)) found.budget = t('programmes.budgetInvalid');
    if (baseValue === null || !Number.isFinite(baseValue)) found.incomeBase = t('programmes.budgetInvalid');
    if (show(found)) return;
    const body = {
      name: name.trim(),
      periodStart,
      periodEnd,
      budget: budgetValue!,
      includeJht,
      incomeBase: baseValue!,
      eligibility,
      priorityWeights: weights,
      quotas,
      ...(regionFixed ? {} : { regionCode }),
    };
    setBusy(true);
    try {
      let saved: Programme;
      if (p) {
        // Only what changed, and only what the status lets change.
        const changes = Object.fromEntries(
          Object.entries(body).filter(
            ([k, v]) => !locked(k) && JSON.stringify(v) !== JSON.stringify(p[k as keyof Programme]),
          ),
        ) as ProgrammeChanges;
        saved = await programmesApi.updateProgramme(p.id, { ...changes, version: p.version });
      } else {
        saved = await programmesApi.createProgramme({ sponsorId, ...body });
      }
      navigate(programmesPaths.programme(saved.id));
    } catch (err) {
      setBusy(false);
      if (!showServerError(err)) setError(err);
    }
  };

  const lockHint = (field: string) => (locked(field) ? t('programmes.lockedWhenOpen') : undefined);
  return (
    <div className="page">
      <p>
        <a href={p ? programmesPaths.programme(p.id) : programmesPaths.programmes()}>
          ← {p ? p.name : t('programmes.title')}
        </a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t(p ? 'programmes.editTitle' : 'programmes.newTitle')}
      </h1>
      {error ? <ErrorNotice error={error} /> : null}
      <form
        className="form card"
        onSubmit={submit}
        aria-busy={isBusy}
        noValidate
        data-testid="programme-form"
      >
        {p ? (
          <p>
            {t('programmes.sponsor')}: {p.sponsorName}
          </p>
        ) : (
          <Field id="programme-sponsor" label={t('programmes.sponsor')} isRequired error={errors.sponsorId}>
            {(control) => (
              <select {...control} value={sponsorId} onChange={(e) => setSponsorId(e.target.value)}>
                <option value="">{t('programmes.chooseSponsor')}</option>
                {(sponsors.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} — {s.regionName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id="programme-name" label={t('programmes.name')} isRequired error={errors.name}>
          {(control) => (
            <input {...control} maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        {regionFixed ? (
          <p className="hint" data-testid="programme-region-fixed">
            {t('programmes.region')}: {sponsor!.regionName} — {t('programmes.regionHint')}
          </p>
        ) : locked('regionCode') ? (
          <p className="hint">
            {t('programmes.region')}: {p!.regionName} — {t('programmes.lockedWhenOpen')}
          </p>
        ) : (
          <RegionPicker
            idPrefix="programme-region"
            legend={t('programmes.region')}
            provinceCode={provinceCode}
            value={region}
            onChange={setRegion}
            mode="filter"
            hint={t('programmes.regionHint')}
            {...(errors.regionCode ? { error: errors.regionCode } : {})}
          />
        )}
        {(['periodStart', 'periodEnd'] as const).map((k) => (
          <Field
            key={k}
            id={`programme-${k}`}
            label={t(`programmes.${k}`)}
            isRequired
            error={errors[k]}
            hint={lockHint(k)}
          >
            {(control) => (
              <input
                {...control}
                type="month"
                disabled={locked(k)}
                value={k === 'periodStart' ? periodStart : periodEnd}
                onChange={(e) => (k === 'periodStart' ? setPeriodStart : setPeriodEnd)(e.target.value)}
              />
            )}
          </Field>
        ))}
        <Field
          id="programme-budget"
          label={`${t('programmes.budget')} (Rp)`}
          isRequired
          error={errors.budget}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={budget}
              onChange={(e) => setBudget(e.target.value)}
            />
          )}
        </Field>
        <fieldset className="fieldset">
          <legend>{t('programmes.package')}</legend>
          <p>{t('programmes.packageBase')}</p>
          <label className="checkbox">
            <input
              id="programme-includeJht"
              type="checkbox"
              disabled={locked('includeJht')}
              checked={includeJht}
              onChange={(e) => setIncludeJht(e.target.checked)}
            />{' '}
            {t('programmes.includeJht')}
          </label>
          <Field
            id="programme-incomeBase"
            label={`${t('programmes.incomeBase')} (Rp)`}
            hint={lockHint('incomeBase') ?? t('programmes.incomeBaseHint')}
            error={errors.incomeBase}
          >
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                disabled={locked('incomeBase')}
                value={incomeBase}
                onChange={(e) => setIncomeBase(e.target.value)}
              />
            )}
          </Field>
        </fieldset>
        <EligibilityEditor
          value={eligibility}
          onChange={setEligibility}
          provinceCode={provinceCode}
          error={errors.eligibility}
        />
        <WeightsEditor value={weights} onChange={setWeights} />
        <QuotasEditor
          value={quotas}
          onChange={setQuotas}
          provinceCode={provinceCode}
          regionCode={regionCode}
          error={errors.quotas}
        />
        <div className="button-row">
          <button
            type="submit"
            className="button button--primary"
            disabled={isBusy}
            data-testid="programme-save"
          >
            {t('programmes.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
