import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App, Flex, Spin } from 'antd';
import type { MeDto } from '@kaoping/shared';
import { authApi } from '../api/auth.api';
import { setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { deploymentApi } from '../api/deployment.api';
import { setTimeZone } from '../components/format';
import { useI18n } from '../i18n/i18n-context';
import { AuthContext, type Auth, type CurrentUser } from './auth-context';

/** Asks the server who is signed in (and the deployment's time zone) once at start, then tracks login, logout and expiry. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [checking, setChecking] = useState(true);

  const accept = useCallback((me: MeDto): CurrentUser => {
    setCsrfToken(me.csrfToken);
    setUser(me.user);
    return me.user;
  }, []);

  useEffect(() => {
    let live = true;
    // Who is signed in, and the zone every time is shown in, before the first page renders.
    const who = authApi.me().then(
      (me) => {
        if (live) accept(me);
      },
      () => undefined,
    );
    const where = deploymentApi.get().then(
      (d) => setTimeZone(d.timeZone),
      () => undefined,
    );
    void Promise.all([who, where]).finally(() => {
      if (live) setChecking(false);
    });
    return () => {
      live = false;
    };
  }, [accept]);

  // A 401 on any later request means the session ended (expired, or signed out elsewhere).
  const signedIn = user !== null;
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser(null);
      if (signedIn) void message.warning({ key: 'session-expired', content: t('errors.sessionExpired') });
    });
    return () => setUnauthenticatedHandler(null);
  }, [signedIn, message, t]);

  const login = useCallback(
    async (username: string, password: string) => accept(await authApi.login(username, password)),
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const value = useMemo<Auth>(() => ({ user, login, logout }), [user, login, logout]);

  if (checking) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" description={t('app.loading')} />
      </Flex>
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
