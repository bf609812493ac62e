import { Navigate } from 'react-router-dom';
import { publicEvaluationHome } from '../../app/access';
import { useCurrentUser } from '../../app/auth-context';

/** /public-evaluation sends each role to the page it starts from. */
export function PublicEvaluationHome() {
  const user = useCurrentUser();
  return <Navigate to={publicEvaluationHome(user.role)} replace />;
}
