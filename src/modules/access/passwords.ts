import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORD_WORDS } from './common-passwords.js';

// OWASP's argon2id baseline: 19 MiB memory, 2 passes, 1 lane. (2 = Algorithm.Argon2id, a const enum.)
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let verifications = 0;
/** How many password-hash checks this process has run (tests count them: every sign-in runs exactly one). */
export const verificationCount = (): number => verifications;

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  verifications++;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the e-mail is unknown, so timing does not reveal which e-mails exist. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

export const MIN_PASSWORD_LENGTH = 10;

/** The product's own words: a password made only of these (payung-demo, payung2026) is the first one tried. */
const PRODUCT_WORDS = ['payung', 'demo', 'bpjs', 'disnaker', 'disnakertrans', 'admin', 'local'];

const LOOK_ALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** Keyboard rows, the alphabet and the digits: three or more neighbours in a row are a "sequence". */
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS = new Set(
  SEQUENCES.flatMap((row) => Array.from(row.slice(1), (c, i) => [`${row[i]}${c}`, `${c}${row[i]}`]).flat()),
);

/** What is left of `text` once runs of three or more sequence neighbours (1234, qwer, dcba) are taken out. */
function withoutSequences(text: string): string {
  let rest = '';
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j + 1 < text.length && NEIGHBOURS.has(text.slice(j, j + 2))) j++;
    if (j - i + 1 < 3) rest += text.slice(i, j + 1);
    i = j + 1;
  }
  return rest;
}

/** The letters a password is built on: digits and symbols at its ends dropped, look-alikes read as letters. */
function cores(lower: string): string[] {
  const trimmed = lower.replace(/^[^a-z@$]+|[^a-z]+$/g, '');
  const readable = (t: string) =>
    Array.from(t, (c) => LOOK_ALIKES[c] ?? c)
      .join('')
      .replace(/[^a-z]/g, '');
  return [...new Set([readable(trimmed), readable(lower.replace(/^\d+|\d+$/g, ''))])];
}

/** Whether `text` is made only of the given words (each used any number of times). */
function madeOf(text: string, words: string[]): boolean {
  const ok = [true, ...Array<boolean>(text.length).fill(false)];
  for (let end = 1; end <= text.length; end++) {
    ok[end] = words.some((w) => end >= w.length && ok[end - w.length]! && text.startsWith(w, end - w.length));
  }
  return text.length > 0 && ok[text.length]!;
}

/**
 * Why a password chosen by a person is refused, in words for them; null if it is acceptable. Refused:
 * too short or long; digits only; few different characters; a repeated chunk (passwordpassword);
 * a keyboard or alphabet sequence (1234567890, qwertyuiop); a common password or a variant of one
 * (common-passwords.ts); or nothing but the user's own e-mail or name and the product's words
 * (payung-demo, the published demo password, is refused this way).
 */
export function passwordProblem(password: string, email?: string, fullName?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`;
  if (password.length > 200) return 'Kata sandi maksimal 200 karakter.';
  const lower = password.toLowerCase();
  const local = email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && lower.includes(local)) return 'Kata sandi tidak boleh memuat nama e-mail Anda.';
  if (/^[\d\s\W_]+$/.test(lower))
    return 'Kata sandi tidak boleh hanya berisi angka atau tanda baca; pakai huruf juga, misalnya beberapa kata yang mudah Anda ingat.';
  if (new Set(lower).size < 5) return 'Kata sandi memakai terlalu sedikit karakter yang berbeda.';
  const compact = lower.replace(/[\s\W_]+/g, '');
  if (/^(.+)\1+$/.test(compact))
    return 'Kata sandi tidak boleh berupa pengulangan, seperti "passwordpassword" atau "abcabcabc".';
  if (withoutSequences(compact).length < 4)
    return 'Kata sandi tidak boleh berupa urutan huruf atau angka, seperti "1234567890", "abcdefghij" atau "qwertyuiop".';
  const candidates = cores(lower);
  if (candidates.some((c) => c.length < 4 || COMMON_PASSWORD_WORDS.has(c) || /^(.+)\1+$/.test(c)))
    return 'Kata sandi ini termasuk yang paling sering dipakai dan mudah ditebak, walau ditambah angka atau tanda baca. Pilih yang lain, misalnya tiga atau empat kata acak.';
  const personal = [
    ...PRODUCT_WORDS,
    ...`${local} ${fullName ?? ''}`
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 2),
  ];
  if (candidates.some((c) => madeOf(c, personal)))
    return 'Kata sandi tidak boleh hanya terdiri dari nama atau e-mail Anda dan nama aplikasi (payung, demo).';
  return null;
}

/** A readable temporary password: 4 groups of 4 from an alphabet without look-alikes. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
