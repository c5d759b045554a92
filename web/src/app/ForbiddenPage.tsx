import { accessPaths } from '../features/access/paths.js';
import { roleLabel, useI18n } from './i18n.js';
import { NAV } from './nav.js';
import { usePageHeading, useSession } from './session.js';

/** A page the role may not use: said plainly, with a way back to one it may. */
export function ForbiddenPage() {
  const { t } = useI18n();
  const session = useSession();
  const heading = usePageHeading<HTMLHeadingElement>(t('forbidden.title'));
  const home = NAV.find((n) => session.can(n.permission))?.href ?? accessPaths.password();
  return (
    <div className="page" data-testid="forbidden">
      <h1 ref={heading} tabIndex={-1}>
        {t('forbidden.title')}
      </h1>
      <p className="notice notice--info">
        {t('forbidden.body', { role: roleLabel(t, session.me.user.role) })}
      </p>
      <p>
        <a href={home}>{t('forbidden.home')}</a>
      </p>
    </div>
  );
}
