import { Navigate } from 'react-router-dom';
import { assessmentHome } from './access';
import { useCurrentUser } from './auth-context';

/** /assessment sends each role to the page it starts from. */
export function AssessmentHome() {
  const user = useCurrentUser();
  return <Navigate to={assessmentHome(user.role)} replace />;
}
