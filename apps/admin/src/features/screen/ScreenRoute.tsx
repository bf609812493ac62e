import { Navigate, useLocation, useSearchParams } from 'react-router-dom';
import { canOpen } from '../../app/access';
import { useAuth } from '../../app/auth-context';
import { ForbiddenResult } from '../../components/ForbiddenResult';
import { ScreenPage } from './ScreenPage';

/** /screen: with a display link (`?kiosk=`) for anyone, the hall's PC included; otherwise for the roles that may open it. */
export function ScreenRoute() {
  const [params] = useSearchParams();
  const { user } = useAuth();
  const location = useLocation();
  const kiosk = params.get('kiosk') ?? undefined;
  if (kiosk) return <ScreenPage kiosk={kiosk} />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!canOpen(user.role, 'screen')) return <ForbiddenResult />;
  return <ScreenPage />;
}
