import { z } from 'zod';
import { type AuditLabel, IsoDate, Issue } from './common.js';
import { RegionCode } from './regions.js';

/** Occupations of informal workers named in DESIGN §1, plus "lainnya" (other). */
export const OCCUPATIONS = [
  'pedagang_kaki_lima',
  'juru_parkir',
  'nelayan',
  'buruh_tani',
  'penyadap_karet',
  'buruh_panen_tebu',
  'ojek',
  'ojek_online',
  'buruh_harian_lepas',
  'lainnya',
] as const;
export const Occupation = z.enum(OCCUPATIONS);
export type Occupation = z.infer<typeof Occupation>;

export const Sex = z.enum(['L', 'P']);
export type Sex = z.infer<typeof Sex>;

export const CONSENT_METHODS = ['tanda_tangan', 'cap_jempol', 'lisan', 'digital'] as const;
export const ConsentMethod = z.enum(CONSENT_METHODS);

export const Vulnerability = z.object({
  /** Listed in the national welfare register (DTKS/DTSEN). */
  inWelfareRegister: z.boolean().default(false),
  hasDisability: z.boolean().default(false),
  isFemaleHeadOfHousehold: z.boolean().default(false),
});
export type Vulnerability = z.infer<typeof Vulnerability>;

export const Consent = z.object({
  method: ConsentMethod,
  /** When the worker gave consent (ISO date-time); defaults to now. */
  givenAt: z.iso.datetime({ offset: true }).optional(),
});

const name = z.string().trim().min(2, 'Nama minimal 2 huruf').max(120, 'Nama maksimal 120 huruf');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const WorkerCreate = z.object({
  nik: z.string().trim().min(1, 'NIK wajib diisi').max(32),
  fullName: name,
  sex: Sex,
  birthPlace: optionalText(80),
  birthDate: IsoDate,
  motherMaidenName: optionalText(120),
  phone: optionalText(32),
  address: optionalText(300),
  /** Village code (preferred) or district code inside the deployment's province. */
  domicileCode: RegionCode,
  occupation: Occupation,
  declaredIncome: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
  vulnerability: Vulnerability.optional(),
  consent: Consent,
});
export type WorkerCreate = z.infer<typeof WorkerCreate>;

/** A change: any subset of fields plus the version the editor last saw (optimistic concurrency). */
export const WorkerPatch = WorkerCreate.omit({ consent: true })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type WorkerPatch = z.infer<typeof WorkerPatch>;

export const WorkerDeactivate = z.object({
  reason: z.string().trim().min(5, 'Alasan minimal 5 huruf').max(300),
  version: z.number().int().min(1),
});

export const Worker = z.object({
  id: z.string(),
  nik: z.string(),
  fullName: z.string(),
  sex: Sex,
  birthPlace: z.string().nullable(),
  /** Null when masked: with the sex it is the NIK's hidden date digits (decision 0014). */
  birthDate: z.string().nullable(),
  age: z.number().int(),
  motherMaidenName: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  domicileCode: z.string(),
  provinceCode: z.string(),
  regencyCode: z.string(),
  districtCode: z.string(),
  villageCode: z.string().nullable(),
  /** "Desa X, Kec. Y, Kota Palembang" */
  domicileLabel: z.string(),
  occupation: Occupation,
  declaredIncome: z.number().nullable(),
  vulnerability: Vulnerability,
  consent: z.object({ method: ConsentMethod, givenAt: z.string(), recordedBy: z.string() }),
  isActive: z.boolean(),
  deactivation: z.object({ reason: z.string(), at: z.string() }).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * True when nik, phone and motherMaidenName are masked and birthDate is left out (lists, or a role
   * that may not see them).
   */
  isMasked: z.boolean(),
  warnings: z.array(Issue).optional(),
});
export type Worker = z.infer<typeof Worker>;

export const WorkerSearch = z.object({
  q: z.string().trim().max(100).optional(),
  region: RegionCode.optional(),
  occupation: Occupation.optional(),
  sex: Sex.optional(),
  ageMin: z.coerce.number().int().min(0).max(130).optional(),
  ageMax: z.coerce.number().int().min(0).max(130).optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type WorkerSearch = z.infer<typeof WorkerSearch>;

export const WorkerPage = z.object({
  items: z.array(Worker),
  nextCursor: z.string().nullable(),
});
export type WorkerPage = z.infer<typeof WorkerPage>;

/** Whether a NIK can still be registered: what POST /workers would answer (the form's live check). */
export const NikRegistrationRequest = z.object({ nik: z.string().trim().max(64) });
export const NikRegistration = z.object({
  registered: z.boolean(),
  /** The registered worker, only when the asker may open it; never for someone outside its region. */
  workerId: z.string().nullable(),
  /** The same words whether the holder is in or out of the asker's region. */
  message: z.string().nullable(),
});
export type NikRegistration = z.infer<typeof NikRegistration>;

/** The permissions module workers owns (its manifest declares them; who holds them is in its grants). */
export const WORKER_PERMISSIONS = ['worker.read', 'worker.readFull', 'worker.write'] as const;
declare module './roles.js' {
  interface PermissionRegistry extends Record<(typeof WORKER_PERMISSIONS)[number], true> {}
}

/** The registry's audit actions (module workers). */
export const WORKER_AUDIT_LABELS = {
  'worker.create': { id: 'Pekerja didaftarkan', en: 'Worker registered' },
  'worker.update': { id: 'Data pekerja diubah', en: 'Worker changed' },
  'worker.view': { id: 'Data pekerja dibuka', en: 'Worker record opened' },
  'worker.lookup': { id: 'Pekerja dicari dengan NIK', en: 'Worker looked up by NIK' },
  'worker.nikRegistered': { id: 'Dijawab: NIK sudah terdaftar', en: 'Told: NIK already registered' },
  'worker.search.limited': {
    id: 'Pencarian pekerja dibatasi (terlalu sering)',
    en: 'Worker searches limited (too many)',
  },
  'worker.deactivate': { id: 'Pekerja dinonaktifkan', en: 'Worker deactivated' },
} as const satisfies Record<string, AuditLabel>;
