import type { Queryable } from '../../platform/db/index.js';

/**
 * A duplicate record merged into the one kept: deactivated, its reason pointing at the kept record.
 * Nothing when it was inactive already. The caller audits it (worker.merge) in the same transaction.
 */
export async function deactivateMergedWorker(
  tx: Queryable,
  dropId: string,
  keepId: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE workers SET is_active = false, deactivation_reason = $2, deactivated_at = $3, version = version + 1, updated_at = $3
     WHERE id = $1 AND is_active`,
    [dropId, `Orang yang sama; digabung ke data ${keepId}`, now],
  );
}
