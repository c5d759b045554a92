import { z } from 'zod';
import { type AuditLabel, Uuid } from './common.js';
import { RegionCode } from './regions.js';
import { ROLES } from './roles.js';

export const RoleSchema = z.enum(ROLES);

export const LoginRequest = z.object({
  email: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
});

export const User = z.object({
  id: z.string(),
  email: z.string(),
  fullName: z.string(),
  role: RoleSchema,
  roleLabel: z.string(),
  regionCodes: z.array(z.string()),
  /** "Kota Palembang, Kabupaten Ogan Ilir" */
  scopeLabel: z.string(),
  /** The sponsor a sponsor officer acts for (null for every other role). */
  sponsorId: z.string().nullable(),
  sponsorName: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const Me = z.object({
  user: User,
  permissions: z.array(z.string()),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const UserCreate = z.object({
  email: z.email('Alamat e-mail tidak valid').max(200),
  fullName: z.string().trim().min(2).max(120),
  role: RoleSchema,
  regionCodes: z.array(RegionCode).min(1, 'Pilih minimal satu wilayah kerja').max(50),
  /** Required for a sponsor officer (an active sponsor), refused for every other role. */
  sponsorId: Uuid.nullable().optional(),
  /** Omit to have a temporary password generated and returned once. */
  password: z.string().min(1).max(200).optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.object({
  fullName: z.string().trim().min(2).max(120).optional(),
  role: RoleSchema.optional(),
  regionCodes: z.array(RegionCode).min(1).max(50).optional(),
  /** A sponsor officer's sponsor; cleared when the role changes to another. */
  sponsorId: Uuid.nullable().optional(),
  isActive: z.boolean().optional(),
});

export const UserCreated = z.object({ user: User, temporaryPassword: z.string().nullable() });

export const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const ApiTokenCreate = z.object({
  name: z.string().trim().min(2).max(80),
  regionCodes: z.array(RegionCode).max(50).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

export const AuditItem = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The record in words, resolved for the reader's scope: a worker's name and masked NIK, a user's e-mail, a file's name. */
  entityLabel: z.string().nullable(),
  regionCode: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  details: z.unknown().nullable(),
});
export type AuditItem = z.infer<typeof AuditItem>;

export const AuditQuery = z.object({
  /** One record id, or several separated by commas (the workers a NIK or name was resolved to). */
  entityId: z.string().max(2000).optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The deployment's time zone, as people name it (WIB, WITA, WIT). */
export const TimeZone = z.object({ id: z.string(), abbr: z.string() });

export const AuditPage = z.object({
  items: z.array(AuditItem),
  nextBefore: z.number().nullable(),
  timeZone: TimeZone,
});
export type AuditPage = z.infer<typeof AuditPage>;

/** Finding a record's trail by a worker's NIK or name: sent in a body, never in an address. */
export const AuditPeopleQuery = z.object({ query: z.string().trim().min(2).max(100) });
export const AuditPeople = z.object({
  workers: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type AuditPeople = z.infer<typeof AuditPeople>;

export const AuditEventParams = z.object({
  id: z.coerce
    .number({ error: 'Nomor kejadian harus berupa angka bulat positif.' })
    .int('Nomor kejadian harus berupa angka bulat positif.')
    .min(1, 'Nomor kejadian harus berupa angka bulat positif.')
    .max(Number.MAX_SAFE_INTEGER, 'Nomor kejadian terlalu besar.'),
});

/** The permissions module access owns (its manifest declares them; who holds them is in its grants). */
export const ACCESS_PERMISSIONS = ['user.manage'] as const;
declare module './roles.js' {
  interface PermissionRegistry extends Record<(typeof ACCESS_PERMISSIONS)[number], true> {}
}

/** Sign-in, users' and API tokens' audit actions (module access). */
export const ACCESS_AUDIT_LABELS = {
  'auth.login': { id: 'Masuk', en: 'Signed in' },
  'auth.login_failed': { id: 'Gagal masuk', en: 'Failed sign-in' },
  'auth.locked': { id: 'Masuk ditahan (terlalu sering gagal)', en: 'Sign-in held (too many failures)' },
  'auth.password_changed': { id: 'Kata sandi diganti', en: 'Password changed' },
  'user.create': { id: 'Pengguna ditambahkan', en: 'User added' },
  'user.update': { id: 'Pengguna diubah', en: 'User changed' },
  'user.reset_password': { id: 'Kata sandi diatur ulang', en: 'Password reset' },
  'token.create': { id: 'Token API dibuat', en: 'API token created' },
  'token.revoke': { id: 'Token API dicabut', en: 'API token revoked' },
} as const satisfies Record<string, AuditLabel>;
