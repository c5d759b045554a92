import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Me } from '../../../src/contracts/access.js';
import { permissionFor } from './nav.js';
import { ApiError, api, type Meta, onUnauthenticated, setCsrfToken } from '../api/api.js';
import { Layout } from './Layout.js';
import { ErrorNotice } from '../ui/Notice.js';
import { I18nContext, type Lang, storedLang, storeLang, translator, useI18n } from './i18n.js';
import { AuditPage } from '../features/audit/AuditPage.js';
import { DuplicatesPage } from '../features/imports/DuplicatesPage.js';
import { ForbiddenPage } from './ForbiddenPage.js';
import { ImportJobPage } from '../features/imports/ImportJobPage.js';
import { ImportsPage } from '../features/imports/ImportsPage.js';
import { LoginPage } from '../features/access/LoginPage.js';
import { PasswordPage } from '../features/access/PasswordPage.js';
import { UsersPage } from '../features/access/UsersPage.js';
import { WorkerDetailPage } from '../features/workers/WorkerDetailPage.js';
import { WorkerFormPage } from '../features/workers/WorkerFormPage.js';
import { WorkerSearchPage } from '../features/workers/WorkerSearchPage.js';
import { paths, useRoute } from './navigation.js';
import { type Session, SessionContext, usePageHeading, useSession } from './session.js';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'failed'; error: unknown }
  | { status: 'signedIn'; me: Me };

export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const i18n = useMemo(
    () => ({
      lang,
      t: translator(lang),
      setLang(next: Lang) {
        storeLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [meta, setMeta] = useState<Meta | null>(null);

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'signedIn', me });
  }, []);

  const loadSession = useCallback(() => {
    setState({ status: 'loading' });
    api.me().then(signedIn, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'anonymous' });
      else setState({ status: 'failed', error });
    });
  }, [signedIn]);

  useEffect(() => {
    loadSession();
    api.meta().then(setMeta, () => setMeta(null));
    return onUnauthenticated(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    });
  }, [loadSession]);

  const logout = useCallback(() => {
    api
      .logout()
      .catch(() => {})
      .finally(() => {
        setCsrfToken(null);
        setState({ status: 'anonymous' });
      });
  }, []);

  const session = useMemo<Session | null>(
    () =>
      state.status === 'signedIn'
        ? { me: state.me, meta, can: (p: string) => state.me.permissions.includes(p) }
        : null,
    [state, meta],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <Layout me={session?.me ?? null} onLogout={logout}>
        {state.status === 'loading' ? (
          <p className="loading" role="status">
            {i18n.t('common.loading')}
          </p>
        ) : state.status === 'failed' ? (
          <ErrorNotice error={state.error} onRetry={loadSession} />
        ) : state.status === 'anonymous' || !session ? (
          <LoginPage onSignedIn={signedIn} />
        ) : (
          <SessionContext.Provider value={session}>
            <Pages />
          </SessionContext.Provider>
        )}
      </Layout>
    </I18nContext.Provider>
  );
}

function Pages() {
  const route = useRoute();
  const session = useSession();
  const needed = permissionFor(route);
  if (needed && !session.can(needed)) return <ForbiddenPage />;
  switch (route.name) {
    case 'workers':
      return <WorkerSearchPage />;
    case 'workerNew':
      return <WorkerFormPage key="new" />;
    case 'workerDetail':
      return <WorkerDetailPage key={route.id} id={route.id} />;
    case 'workerEdit':
      return <WorkerFormPage key={`edit-${route.id}`} id={route.id} />;
    case 'imports':
      return <ImportsPage />;
    case 'importDetail':
      return <ImportJobPage key={route.id} id={route.id} />;
    case 'duplicates':
      return <DuplicatesPage />;
    case 'audit':
      return <AuditPage />;
    case 'users':
      return <UsersPage />;
    case 'password':
      return <PasswordPage />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('error.notFound'));
  return (
    <div className="page">
      <h1 ref={heading} tabIndex={-1}>
        {t('error.notFound')}
      </h1>
      <p>
        <a href={paths.workers()}>{t('common.back')}</a>
      </p>
    </div>
  );
}
