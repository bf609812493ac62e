import { Navigate, createBrowserRouter, type RouteObject } from 'react-router-dom';
import { AuditPage } from '../features/audit/AuditPage';
import { LoginPage } from '../features/login/LoginPage';
import { ModulePlaceholder } from '../features/placeholder/ModulePlaceholder';
import { TokensPage } from '../features/tokens/TokensPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { UsersPage } from '../features/users/UsersPage';
import { NotFoundResult } from '../components/NotFoundResult';
import { PAGE_PATHS } from './access';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './RequireAuth';
import { RequirePage } from './RequirePage';

const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to={PAGE_PATHS.units} replace /> },
      { path: PAGE_PATHS.assessment, element: <ModulePlaceholder module="assessment" /> },
      { path: PAGE_PATHS.publicEvaluation, element: <ModulePlaceholder module="publicEvaluation" /> },
      { path: PAGE_PATHS.supervision, element: <ModulePlaceholder module="supervision" /> },
      { path: PAGE_PATHS.projects, element: <ModulePlaceholder module="projects" /> },
      { path: PAGE_PATHS.bulletins, element: <ModulePlaceholder module="bulletins" /> },
      { path: '/system', element: <Navigate to={PAGE_PATHS.units} replace /> },
      { path: PAGE_PATHS.units, element: <RequirePage page="units"><UnitsPage /></RequirePage> },
      { path: PAGE_PATHS.users, element: <RequirePage page="users"><UsersPage /></RequirePage> },
      { path: PAGE_PATHS.audit, element: <RequirePage page="audit"><AuditPage /></RequirePage> },
      { path: PAGE_PATHS.tokens, element: <RequirePage page="tokens"><TokensPage /></RequirePage> },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
];

/** All pages; everything except /login sits behind the session guard. */
export const router = createBrowserRouter(routes);
