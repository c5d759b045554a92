import type { App } from '../app.js';
import { actorOf } from '../modules/access/index.js';
import { newContext, type ServiceContext, systemActor } from '../platform/context.js';
import { AppError } from '../platform/errors.js';

/**
 * The CLI acts as the local administrator (whoever can run it on the server already holds the
 * database), or as a named user with `--as EMAIL`, with that user's role and region.
 */
export async function cliContext(app: App, asEmail?: string): Promise<ServiceContext> {
  if (!asEmail) return newContext(systemActor(app.config.provinceCode, 'cli'), new Date(), undefined, 'cli');
  const user = await app.users.findByEmail(asEmail);
  if (!user?.is_active)
    throw new AppError('USER_NOT_FOUND', `Pengguna ${asEmail} tidak ditemukan atau nonaktif.`);
  return newContext(actorOf(user), new Date(), undefined, 'cli');
}
