import type { ProgrammeStatus } from '../../../../src/contracts/programmes.js';
import type { MessageKey } from '../../app/i18n.js';

export const statusKey = (s: ProgrammeStatus) => `programmes.status.${s}` as MessageKey;
export const statusBadge = (s: ProgrammeStatus) =>
  s === 'open' ? 'badge--ok' : s === 'draft' ? 'badge--warn' : 'badge--muted';
