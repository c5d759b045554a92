import { type App, createApp } from '../app.js';
import { actorOf } from '../modules/access/index.js';
import { type Config, loadConfig } from '../platform/config.js';
import { newContext, type ServiceContext, systemActor } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { CliIo } from './io.js';

/** The configuration from the command's environment, relative paths from its folder. */
export function configOf(io: CliIo): Config {
  return loadConfig(io.env, io.cwd);
}

/**
 * The one way a command opens the app: `await using app = await openApp(io)` closes it on every path,
 * returned or thrown. Closing twice is harmless.
 */
export async function openApp(io: CliIo, config = configOf(io)): Promise<App & AsyncDisposable> {
  const app = await createApp(config);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close();
    return closing;
  };
  return { ...app, close, [Symbol.asyncDispose]: close };
}

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
