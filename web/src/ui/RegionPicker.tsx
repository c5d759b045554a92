import { useQuery } from '@tanstack/react-query';
import { api, type Region } from '../api/api.js';
import { useI18n } from '../app/i18n.js';
import { queryKeys } from '../app/queryClient.js';

/** The regions under `parent` ('' for none): the hierarchy does not change during a visit. */
export function useChildren(parent: string): { items: Region[]; isLoading: boolean; failed: boolean } {
  const children = useQuery({ ...regionsQuery(parent), enabled: Boolean(parent) });
  return {
    items: children.data ?? [],
    isLoading: Boolean(parent) && children.isPending,
    failed: children.isError,
  };
}

/** The query of a region's children, shared by the pickers and the name look-ups. */
export const regionsQuery = (parent: string) => ({
  queryKey: queryKeys.regions(parent),
  queryFn: () => api.regions(parent),
  staleTime: Number.POSITIVE_INFINITY,
});

/** '16.71.01.1001' → ['16.71', '16.71.01', '16.71.01.1001']: codes nest, so the value says it all. */
function levels(value: string): [string, string, string] {
  const parts = value ? value.split('.') : [];
  const upTo = (n: number) => (parts.length >= n ? parts.slice(0, n).join('.') : '');
  return [upTo(2), upTo(3), upTo(4)];
}

/**
 * Whether a region may be offered to someone whose scope is `scope` (codes of any level): a region in
 * the scope, or one on the way down to it (a regency holding the enumerator's district).
 */
export function isOffered(code: string, scope: readonly string[] | undefined): boolean {
  if (!scope) return true;
  return scope.some((s) => code === s || code.startsWith(`${s}.`) || s.startsWith(`${code}.`));
}

/**
 * Cascading selects kabupaten/kota → kecamatan → desa/kelurahan, loaded from the regions API. The value is
 * the most precise code chosen ('' for none); choosing a coarser level clears the finer ones.
 */
export function RegionPicker(props: {
  idPrefix: string;
  legend: string;
  provinceCode: string;
  value: string;
  onChange(code: string): void;
  /** 'filter': an empty choice means "all"; 'form': it means "not chosen yet". */
  mode: 'filter' | 'form';
  /** The user's region codes: only regions inside them (or leading to them) are offered. */
  scope?: readonly string[];
  hint?: string;
  error?: string;
}) {
  const { t } = useI18n();
  const [regency, district, village] = levels(props.value);
  const regencies = useChildren(props.provinceCode);
  const districts = useChildren(regency);
  const villages = useChildren(district);
  const emptyLabel = props.mode === 'filter' ? t('region.all') : t('region.choose');
  const hintId = `${props.idPrefix}-hint`;
  const errorId = `${props.idPrefix}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');

  const select = (
    key: 'regency' | 'district' | 'village',
    label: string,
    value: string,
    options: ReturnType<typeof useChildren>,
    parentValue: string,
    fallback: string,
  ) => (
    <div className="field">
      <label htmlFor={`${props.idPrefix}-${key}`}>{label}</label>
      <select
        id={`${props.idPrefix}-${key}`}
        value={value}
        disabled={!parentValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => props.onChange(e.target.value || fallback)}
      >
        <option value="">{options.isLoading ? t('region.loading') : emptyLabel}</option>
        {/* Keep a chosen value visible while its list is still loading. */}
        {value && !options.items.some((r) => r.code === value) ? (
          <option value={value}>{value}</option>
        ) : null}
        {options.items
          .filter((r) => isOffered(r.code, props.scope))
          .map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
      </select>
    </div>
  );

  return (
    <fieldset className="region-picker" aria-describedby={describedBy || undefined}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <div className="region-picker__selects">
        {select('regency', t('field.regency'), regency, regencies, props.provinceCode, '')}
        {select('district', t('field.district'), district, districts, regency, regency)}
        {select('village', t('field.village'), village, villages, district, district)}
      </div>
      {props.error ? (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
