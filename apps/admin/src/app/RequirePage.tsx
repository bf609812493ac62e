import type { ReactNode } from 'react';
import { canOpen, type PageKey } from './access';
import { useCurrentUser } from './auth-context';
import { lazyPage } from './lazy-page';

/** antd's Result and its illustrations are fetched only when a 403 is shown. */
const ForbiddenResult = lazyPage(() => import('../components/ForbiddenResult'), 'ForbiddenResult');

/** Shows the 403 result instead of a page the user's role cannot use. */
export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const user = useCurrentUser();
  if (!canOpen(user.role, page)) return <ForbiddenResult />;
  return children;
}
