import { useQueries } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { SCOPE_LEVELS } from '../../../src/contracts/roles.js';
import type { Role } from '../api/api.js';
import { useI18n } from '../app/i18n.js';
import { regionsQuery, useChildren } from './RegionPicker.js';

type Level = 'province' | 'regency' | 'district';

const LEVEL_BY_DOTS: Level[] = ['province', 'regency', 'district'];
const levelOf = (code: string): Level | undefined => LEVEL_BY_DOTS[code.split('.').length - 1];

/** The codes that still fit after the role changed (a province-only role always gets the province). */
export function scopeForRole(role: Role, codes: string[], provinceCode: string): string[] {
  const levels = SCOPE_LEVELS[role];
  if (levels.length === 1 && levels[0] === 'province') return [provinceCode];
  const kept = codes.filter((c) => {
    const l = levelOf(c);
    return l !== undefined && levels.includes(l);
  });
  return kept.length === 0 && levels.includes('province') ? [provinceCode] : kept;
}

/** Names of region codes, looked up through their parents' lists (cached for the visit). */
export function useRegionNames(codes: string[]): Map<string, string> {
  // A province's parent is '' (the list of provinces).
  const parents = [...new Set(codes.map((c) => c.split('.').slice(0, -1).join('.')))].sort();
  return useQueries({
    queries: parents.map((p) => regionsQuery(p)),
    combine: (lists) => new Map(lists.flatMap((l) => l.data ?? []).map((r) => [r.code, r.name])),
  });
}

/** Chooses the working region of a user in the shape the role needs: province, regencies or districts. */
export function ScopePicker(props: {
  idPrefix: string;
  role: Role;
  provinceCode: string;
  provinceName: string;
  value: string[];
  onChange(codes: string[]): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const levels = SCOPE_LEVELS[props.role];
  const errorId = `${props.idPrefix}-error`;
  const describedBy = props.error ? errorId : undefined;
  const isWholeProvince = props.value.includes(props.provinceCode);
  const toggle = (code: string, on: boolean) =>
    props.onChange(
      on ? [...props.value.filter((c) => c !== code), code] : props.value.filter((c) => c !== code),
    );

  let body: ReactNode;
  if (levels.length === 1 && levels[0] === 'province') {
    body = <p>{t('scope.provinceOnly', { name: props.provinceName })}</p>;
  } else if (levels.includes('district')) {
    body = <DistrictChooser {...props} describedBy={describedBy} onToggle={toggle} />;
  } else {
    body = (
      <>
        {levels.includes('province') ? (
          <fieldset className="choice-group">
            <legend>{t('scope.kind')}</legend>
            <div className="choice-group__options">
              <label className="choice">
                <input
                  type="radio"
                  name={`${props.idPrefix}-kind`}
                  checked={isWholeProvince}
                  onChange={() => props.onChange([props.provinceCode])}
                />
                {t('scope.province', { name: props.provinceName })}
              </label>
              <label className="choice">
                <input
                  type="radio"
                  name={`${props.idPrefix}-kind`}
                  checked={!isWholeProvince}
                  onChange={() => props.onChange([])}
                />
                {t('scope.kindRegencies')}
              </label>
            </div>
          </fieldset>
        ) : null}
        {isWholeProvince ? null : (
          <RegionChecks
            legend={t('scope.regencies')}
            parent={props.provinceCode}
            value={props.value}
            onToggle={toggle}
            describedBy={describedBy}
          />
        )}
      </>
    );
  }

  return (
    <fieldset className="scope-picker" aria-describedby={describedBy} data-testid="scope-picker">
      <legend>{t('scope.legend')}</legend>
      {body}
      {props.error ? (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}

function RegionChecks(props: {
  legend: string;
  parent: string;
  value: string[];
  onToggle(code: string, on: boolean): void;
  describedBy: string | undefined;
}) {
  const { t } = useI18n();
  const regions = useChildren(props.parent);
  return (
    <fieldset className="check-list" aria-describedby={props.describedBy}>
      <legend>{props.legend}</legend>
      {regions.isLoading ? <p className="hint">{t('region.loading')}</p> : null}
      <div className="check-list__grid">
        {regions.items.map((r) => (
          <label className="choice" key={r.code}>
            <input
              type="checkbox"
              checked={props.value.includes(r.code)}
              onChange={(e) => props.onToggle(r.code, e.target.checked)}
            />
            {r.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function DistrictChooser(props: {
  idPrefix: string;
  provinceCode: string;
  value: string[];
  onToggle(code: string, on: boolean): void;
  describedBy: string | undefined;
}) {
  const { t } = useI18n();
  const regencies = useChildren(props.provinceCode);
  const [regency, setRegency] = useState(() => props.value[0]?.split('.').slice(0, 2).join('.') ?? '');
  const names = useRegionNames(props.value);
  return (
    <>
      <div className="field">
        <label htmlFor={`${props.idPrefix}-regency`}>{t('scope.regencyFor')}</label>
        <select id={`${props.idPrefix}-regency`} value={regency} onChange={(e) => setRegency(e.target.value)}>
          <option value="">{regencies.isLoading ? t('region.loading') : t('region.choose')}</option>
          {regencies.items.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      {regency ? (
        <RegionChecks
          legend={t('scope.districts')}
          parent={regency}
          value={props.value}
          onToggle={props.onToggle}
          describedBy={props.describedBy}
        />
      ) : null}
      <div className="scope-chosen">
        <p className="scope-chosen__label">{t('scope.chosen')}:</p>
        {props.value.length === 0 ? (
          <p className="hint">{t('scope.none')}</p>
        ) : (
          <ul className="chips">
            {props.value.map((code) => (
              <li key={code} className="chip">
                {names.get(code) ?? code}
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('scope.remove', { name: names.get(code) ?? code })}
                  onClick={() => props.onToggle(code, false)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
