import { ACCESS_AUDIT_LABELS, ACCESS_PERMISSIONS } from '../../contracts/access.js';
import { type CoreDeps, defineFeature } from '../../platform/feature.js';
import { authRoutes } from './auth.routes.js';
import { type AuthSettings, createAuthService } from './auth.service.js';
import { userRoutes } from './users.routes.js';
import { createUserService } from './users.service.js';

/** Users, sign-in and sessions, API tokens, and the policy (who may do what, from every manifest). */
export const feature = defineFeature({
  name: 'access',
  services: (deps: CoreDeps & { authSettings: Partial<AuthSettings> | undefined }) => {
    const auth = createAuthService({
      db: deps.db,
      ...(deps.authSettings ? { settings: deps.authSettings } : {}),
    });
    return {
      auth,
      users: createUserService({ db: deps.db, catalog: deps.catalog, provinceCode: deps.provinceCode, auth }),
    };
  },
  routes: (app, options) => async (r) => {
    await r.register(authRoutes(app, options.rateLimits));
    await r.register(userRoutes(app));
  },
  permissions: ACCESS_PERMISSIONS,
  grants: { province_admin: ['user.manage'] },
  errors: {
    USER_NOT_FOUND: { status: 404, message: 'Pengguna tidak ditemukan.' },
    USER_EMAIL_EXISTS: { status: 409, message: 'E-mail sudah dipakai pengguna lain.' },
  },
  auditLabels: ACCESS_AUDIT_LABELS,
  commands: {
    users: {
      help: 'users add|list|reset-password [...]      manage users (add --email --role --region ...)',
      order: 90,
      run: async (argv, io) => (await import('./users.cli.js')).usersCommand(argv, io),
    },
  },
});

export { type AuthService, type AuthSettings, actorOf, type SessionInfo } from './auth.service.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { authorize, can, installPolicy, permissionsOf, ROLE_LABELS } from './policy.js';
export { createUsersRepo } from './users.repo.js';
export type { UserService } from './users.service.js';
