/** Masking of personal data for lists and search results (UU PDP: show only what the task needs). */

export { maskNik } from './nik.js';

/** '+6281234567890' → '+62812******90' */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 6)}${'*'.repeat(phone.length - 8)}${phone.slice(-2)}`;
}

/** 'Fatimah Zahra' → 'F****** Z****' */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  return name
    .split(/\s+/)
    .map((w) => (w.length <= 1 ? w : `${w[0]}${'*'.repeat(w.length - 1)}`))
    .join(' ');
}
