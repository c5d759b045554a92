import type { WorkerCreate } from '../../src/contracts/workers.js';
import {
  type Actor,
  newContext,
  type Role,
  type ServiceContext,
  systemActor,
} from '../../src/platform/context.js';

let serial = 0;

/** A NIK that agrees with the given birth date and sex, issued in `district` (6 digits, no dots). */
export function nikFor(birthDate: string, sex: 'L' | 'P', district = '167101', serialNo?: number): string {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (sex === 'P' ? 40 : 0);
  const s = serialNo ?? ++serial;
  return `${district}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(s).padStart(4, '0')}`;
}

/** A valid registration; override any field. NIK follows birth date and sex unless given. */
export function aWorker(overrides: Partial<WorkerCreate> = {}): WorkerCreate {
  const sex = overrides.sex ?? 'P';
  const birthDate = overrides.birthDate ?? '1975-08-17';
  return {
    nik: nikFor(birthDate, sex),
    fullName: 'Siti Aminah',
    sex,
    birthPlace: 'Palembang',
    birthDate,
    motherMaidenName: 'Fatimah',
    phone: '0812-3456-7890',
    address: 'Jl. Merdeka RT 001/RW 002',
    domicileCode: '16.71.01.1001',
    occupation: 'pedagang_kaki_lima',
    declaredIncome: 1_500_000,
    vulnerability: { inWelfareRegister: true, hasDisability: false, isFemaleHeadOfHousehold: true },
    consent: { method: 'tanda_tangan' },
    ...overrides,
  };
}

export const TODAY = new Date('2026-11-23T03:00:00Z');

export function ctxAs(actor: Actor = systemActor('16', 'test'), now = TODAY): ServiceContext {
  return newContext(actor, now);
}

/** A signed-in person of any role and regions; no sponsors unless given. */
export function anActor(role: Role, regionCodes: string[], overrides: Partial<Actor> = {}): Actor {
  return {
    id: `user:${role}:${regionCodes.join('+')}`,
    kind: 'user',
    label: `${role}.${regionCodes.join('+') || 'none'}@payung.local`,
    role,
    regionCodes,
    sponsorIds: [],
    ...overrides,
  };
}
