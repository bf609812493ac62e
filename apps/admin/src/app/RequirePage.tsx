import type { ReactNode } from 'react';
import { ForbiddenResult } from '../components/ForbiddenResult';
import { canOpen, type PageKey } from './access';
import { useCurrentUser } from './auth-context';

/** Shows the 403 result instead of a page the user's role cannot use. */
export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const user = useCurrentUser();
  if (!canOpen(user.role, page)) return <ForbiddenResult />;
  return children;
}
