import { type MouseEvent, type ReactNode, useEffect, useState, useSyncExternalStore } from 'react';
import type { Me } from '../../../src/contracts/access.js';
import { accessPaths } from '../features/access/paths.js';
import { workersPaths } from '../features/workers/paths.js';
import { roleLabel, useI18n } from './i18n.js';
import { isUnder, NAV, SOON } from './nav.js';
import { history, onLocationChange } from './navigation.js';

const currentPath = () => history.location.pathname;

export function Layout(props: { me: Me | null; onLogout?: () => void; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const pathname = useSyncExternalStore(onLocationChange, currentPath);
  const [isMenuOpen, setMenuOpen] = useState(false);
  const me = props.me;
  const items = me ? NAV.filter((n) => me.permissions.includes(n.permission)) : [];

  // A chosen link closes the phone menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of address on purpose
  useEffect(() => setMenuOpen(false), [pathname]);

  // The skip link must not touch the hash: the hash is the router's.
  const skipToMain = (e: MouseEvent) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  };

  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link; the handler only keeps the router's hash */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('skip.main')}
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          <a className="brand" href={items[0]?.href ?? workersPaths.workers()}>
            <span className="brand__mark" aria-hidden="true">
              ☂
            </span>
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </a>
          <div className="app-header__tools">
            <button
              type="button"
              className="button button--ghost lang-switch"
              lang={lang === 'id' ? 'en' : 'id'}
              aria-label={t('lang.switchToLabel')}
              data-testid="lang-switch"
              onClick={() => setLang(lang === 'id' ? 'en' : 'id')}
            >
              {t('lang.switchTo')}
            </button>
            {me ? (
              <>
                <button type="button" className="button button--ghost" onClick={props.onLogout}>
                  {t('auth.logout')}
                </button>
                <button
                  type="button"
                  className="button button--ghost menu-toggle"
                  aria-expanded={isMenuOpen}
                  aria-controls="main-nav"
                  onClick={() => setMenuOpen((o) => !o)}
                >
                  {t('nav.menu')}
                </button>
              </>
            ) : null}
          </div>
        </div>
        {me ? (
          <div className="user-bar" data-testid="user-bar">
            <div className="user-bar__inner">
              <p className="user-bar__who">
                <strong data-testid="user-name">{me.user.fullName}</strong>
                <span className="user-bar__role" data-testid="user-role">
                  {roleLabel(t, me.user.role)}
                </span>
                <span className="user-bar__scope" data-testid="user-scope">
                  {me.user.scopeLabel}
                </span>
              </p>
              <a
                className="user-bar__link"
                href={accessPaths.password()}
                aria-current={pathname === '/password' ? 'page' : undefined}
              >
                {t('header.password')}
              </a>
            </div>
          </div>
        ) : null}
        {me ? (
          <nav
            id="main-nav"
            className={`main-nav${isMenuOpen ? ' main-nav--open' : ''}`}
            aria-label={t('nav.label')}
          >
            <ul>
              {items.map((n) => (
                <li key={n.key}>
                  <a href={n.href} aria-current={isUnder(n, pathname) ? 'page' : undefined}>
                    {t(n.key)}
                  </a>
                </li>
              ))}
              {/* Later modules, grouped so that ten entries still fit on one line. */}
              <li className="main-nav__later">
                <span className="main-nav__later-label">{t('nav.later')}</span>{' '}
                {SOON.map((key, i) => (
                  <span key={key}>
                    <span className="main-nav__soon" aria-disabled="true">
                      {t(key)}
                    </span>
                    {i < SOON.length - 1 ? ', ' : ''}
                  </span>
                ))}
              </li>
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
