import { createContext, useContext } from 'react';
import type { MeDto } from '@kaoping/shared';

export type CurrentUser = MeDto['user'];

/** The signed-in user (null when signed out) and the session actions. */
export interface Auth {
  user: CurrentUser | null;
  login(username: string, password: string): Promise<CurrentUser>;
  logout(): Promise<void>;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** For pages behind the guard, where a user is always present. */
export function useCurrentUser(): CurrentUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser used on a page without a signed-in user');
  return user;
}
