import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, type Me, onUnauthenticated, setCsrfToken } from '../api/api.js';
import { LoginPage } from '../features/access/LoginPage.js';
import { ErrorNotice } from '../ui/Notice.js';
import { I18nContext, type Lang, storedLang, storeLang, translator } from './i18n.js';
import { Layout } from './Layout.js';
import { forgetAll, queryClient, queryKeys } from './queryClient.js';
import { router } from './router.js';
import { type Session, SessionContext } from './session.js';

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}

/** Who is signed in: the answer of /auth/me, or null when nobody is (401). */
async function currentUser(): Promise<Me | null> {
  try {
    const me = await api.me();
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

function Shell() {
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

  const me = useQuery({ queryKey: queryKeys.me, queryFn: currentUser, staleTime: Number.POSITIVE_INFINITY });
  const meta = useQuery({ queryKey: queryKeys.meta, queryFn: api.meta, staleTime: Number.POSITIVE_INFINITY });

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    forgetAll();
    queryClient.setQueryData(queryKeys.me, null);
  }, []);
  const signedIn = useCallback((user: Me) => {
    setCsrfToken(user.csrfToken);
    queryClient.setQueryData(queryKeys.me, user);
  }, []);

  useEffect(() => onUnauthenticated(signedOut), [signedOut]);

  const logout = useCallback(() => {
    api
      .logout()
      .catch(() => {})
      .finally(signedOut);
  }, [signedOut]);

  const user = me.data ?? null;
  const session = useMemo<Session | null>(
    () =>
      user ? { me: user, meta: meta.data ?? null, can: (p: string) => user.permissions.includes(p) } : null,
    [user, meta.data],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <Layout me={user} onLogout={logout}>
        {me.isPending || me.isRefetching ? (
          <p className="loading" role="status">
            {i18n.t('common.loading')}
          </p>
        ) : me.isError ? (
          <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
        ) : !session ? (
          <LoginPage onSignedIn={signedIn} />
        ) : (
          <SessionContext.Provider value={session}>
            <RouterProvider router={router} />
          </SessionContext.Provider>
        )}
      </Layout>
    </I18nContext.Provider>
  );
}
