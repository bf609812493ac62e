import { Navigate, createBrowserRouter, type RouteObject } from 'react-router-dom';
import { PAGE_PATHS } from './access';
import { AssessmentHome } from './AssessmentHome';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './RequireAuth';
import { RequirePage } from './RequirePage';
import { lazyPage } from './lazy-page';

// Each page, sign-in included, is fetched when first shown (see lazy-page.tsx).
const ProgressPage = lazyPage(() => import('../features/assessment/progress/ProgressPage'), 'ProgressPage');
const ReportingPage = lazyPage(() => import('../features/assessment/reporting/ReportingPage'), 'ReportingPage');
const ResultsPage = lazyPage(() => import('../features/assessment/results/ResultsPage'), 'ResultsPage');
const ScorecardPage = lazyPage(() => import('../features/assessment/results/ScorecardPage'), 'ScorecardPage');
const ReviewPage = lazyPage(() => import('../features/assessment/review/ReviewPage'), 'ReviewPage');
const SchemeDetailPage = lazyPage(() => import('../features/assessment/schemes/SchemeDetailPage'), 'SchemeDetailPage');
const SchemesPage = lazyPage(() => import('../features/assessment/schemes/SchemesPage'), 'SchemesPage');
const AuditPage = lazyPage(() => import('../features/audit/AuditPage'), 'AuditPage');
const LoginPage = lazyPage(() => import('../features/login/LoginPage'), 'LoginPage');
const BulletinDetailPage = lazyPage(() => import('../features/bulletins/BulletinDetailPage'), 'BulletinDetailPage');
const BulletinsPage = lazyPage(() => import('../features/bulletins/BulletinsPage'), 'BulletinsPage');
const CampaignDetailPage = lazyPage(() => import('../features/public-evaluation/campaigns/CampaignDetailPage'), 'CampaignDetailPage');
const CampaignsPage = lazyPage(() => import('../features/public-evaluation/campaigns/CampaignsPage'), 'CampaignsPage');
const FraudReviewPage = lazyPage(() => import('../features/public-evaluation/fraud/FraudReviewPage'), 'FraudReviewPage');
const PublicEvaluationHome = lazyPage(() => import('../features/public-evaluation/PublicEvaluationHome'), 'PublicEvaluationHome');
const CampaignResultsPage = lazyPage(() => import('../features/public-evaluation/results/ResultsPage'), 'ResultsPage');
const SuggestionsPage = lazyPage(() => import('../features/public-evaluation/suggestions/SuggestionsPage'), 'SuggestionsPage');
const InspectionDetailPage = lazyPage(() => import('../features/supervision/inspections/InspectionDetailPage'), 'InspectionDetailPage');
const InspectionsPage = lazyPage(() => import('../features/supervision/inspections/InspectionsPage'), 'InspectionsPage');
const OverviewPage = lazyPage(() => import('../features/supervision/overview/OverviewPage'), 'OverviewPage');
const ProblemDetailPage = lazyPage(() => import('../features/supervision/problems/ProblemDetailPage'), 'ProblemDetailPage');
const ProblemsPage = lazyPage(() => import('../features/supervision/problems/ProblemsPage'), 'ProblemsPage');
const ProjectsPage = lazyPage(() => import('../features/supervision/projects/ProjectsPage'), 'ProjectsPage');
const TaskDetailPage = lazyPage(() => import('../features/supervision/tasks/TaskDetailPage'), 'TaskDetailPage');
const TasksPage = lazyPage(() => import('../features/supervision/tasks/TasksPage'), 'TasksPage');
const ScreenLinksPage = lazyPage(() => import('../features/screen/ScreenLinksPage'), 'ScreenLinksPage');
const ScreenRoute = lazyPage(() => import('../features/screen/ScreenRoute'), 'ScreenRoute');
const TokensPage = lazyPage(() => import('../features/tokens/TokensPage'), 'TokensPage');
const UnitsPage = lazyPage(() => import('../features/units/UnitsPage'), 'UnitsPage');
const UsersPage = lazyPage(() => import('../features/users/UsersPage'), 'UsersPage');
const WorkbenchPage = lazyPage(() => import('../features/workbench/WorkbenchPage'), 'WorkbenchPage');
// The 404 answer (antd's Result with its illustrations) is rare: it too comes when needed.
const NotFoundResult = lazyPage(() => import('../components/NotFoundResult'), 'NotFoundResult');
const MeetingPage = lazyPage(() => import('../features/meetings/MeetingPage'), 'MeetingPage');
const MeetingsPage = lazyPage(() => import('../features/meetings/MeetingsPage'), 'MeetingsPage');
const PresentPage = lazyPage(() => import('../features/meetings/PresentPage'), 'PresentPage');

const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  // The big screen is full-screen, outside the layout; a display link opens it without signing in.
  { path: PAGE_PATHS.screen, element: <ScreenRoute /> },
  // The hall screen: full-screen slides, outside the admin's frame.
  {
    path: `${PAGE_PATHS.meetings}/:meetingId/present`,
    element: (
      <RequireAuth>
        <RequirePage page="meetings">
          <PresentPage />
        </RequirePage>
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to={PAGE_PATHS.workbench} replace /> },
      { path: PAGE_PATHS.workbench, element: <WorkbenchPage /> },
      { path: '/assessment', element: <AssessmentHome /> },
      { path: PAGE_PATHS.assessmentSchemes, element: <RequirePage page="assessmentSchemes"><SchemesPage /></RequirePage> },
      { path: `${PAGE_PATHS.assessmentSchemes}/:schemeId`, element: <RequirePage page="assessmentSchemes"><SchemeDetailPage /></RequirePage> },
      { path: PAGE_PATHS.assessmentReporting, element: <RequirePage page="assessmentReporting"><ReportingPage /></RequirePage> },
      { path: PAGE_PATHS.assessmentReview, element: <RequirePage page="assessmentReview"><ReviewPage /></RequirePage> },
      { path: PAGE_PATHS.assessmentResults, element: <RequirePage page="assessmentResults"><ResultsPage /></RequirePage> },
      { path: `${PAGE_PATHS.assessmentResults}/:runId/units/:unitId`, element: <RequirePage page="assessmentResults"><ScorecardPage /></RequirePage> },
      { path: PAGE_PATHS.assessmentProgress, element: <RequirePage page="assessmentProgress"><ProgressPage /></RequirePage> },
      { path: '/public-evaluation', element: <PublicEvaluationHome /> },
      { path: PAGE_PATHS.peCampaigns, element: <RequirePage page="peCampaigns"><CampaignsPage /></RequirePage> },
      { path: `${PAGE_PATHS.peCampaigns}/:campaignId`, element: <RequirePage page="peCampaigns"><CampaignDetailPage /></RequirePage> },
      { path: PAGE_PATHS.peResults, element: <RequirePage page="peResults"><CampaignResultsPage /></RequirePage> },
      { path: PAGE_PATHS.peFraud, element: <RequirePage page="peFraud"><FraudReviewPage /></RequirePage> },
      { path: PAGE_PATHS.peSuggestions, element: <RequirePage page="peSuggestions"><SuggestionsPage /></RequirePage> },
      { path: '/supervision', element: <Navigate to={PAGE_PATHS.supervisionOverview} replace /> },
      { path: PAGE_PATHS.supervisionOverview, element: <RequirePage page="supervisionOverview"><OverviewPage /></RequirePage> },
      { path: PAGE_PATHS.supervisionTasks, element: <RequirePage page="supervisionTasks"><TasksPage /></RequirePage> },
      { path: `${PAGE_PATHS.supervisionTasks}/:taskId`, element: <RequirePage page="supervisionTasks"><TaskDetailPage /></RequirePage> },
      { path: PAGE_PATHS.supervisionProblems, element: <RequirePage page="supervisionProblems"><ProblemsPage /></RequirePage> },
      { path: `${PAGE_PATHS.supervisionProblems}/:problemId`, element: <RequirePage page="supervisionProblems"><ProblemDetailPage /></RequirePage> },
      { path: PAGE_PATHS.supervisionInspections, element: <RequirePage page="supervisionInspections"><InspectionsPage /></RequirePage> },
      { path: `${PAGE_PATHS.supervisionInspections}/:inspectionId`, element: <RequirePage page="supervisionInspections"><InspectionDetailPage /></RequirePage> },
      { path: PAGE_PATHS.projects, element: <RequirePage page="projects"><ProjectsPage /></RequirePage> },
      { path: PAGE_PATHS.bulletins, element: <RequirePage page="bulletins"><BulletinsPage /></RequirePage> },
      { path: `${PAGE_PATHS.bulletins}/:bulletinId`, element: <RequirePage page="bulletins"><BulletinDetailPage /></RequirePage> },
      { path: PAGE_PATHS.meetings, element: <RequirePage page="meetings"><MeetingsPage /></RequirePage> },
      { path: `${PAGE_PATHS.meetings}/:meetingId`, element: <RequirePage page="meetings"><MeetingPage /></RequirePage> },
      { path: '/system', element: <Navigate to={PAGE_PATHS.units} replace /> },
      { path: PAGE_PATHS.units, element: <RequirePage page="units"><UnitsPage /></RequirePage> },
      { path: PAGE_PATHS.users, element: <RequirePage page="users"><UsersPage /></RequirePage> },
      { path: PAGE_PATHS.audit, element: <RequirePage page="audit"><AuditPage /></RequirePage> },
      { path: PAGE_PATHS.tokens, element: <RequirePage page="tokens"><TokensPage /></RequirePage> },
      { path: PAGE_PATHS.screenLinks, element: <RequirePage page="screenLinks"><ScreenLinksPage /></RequirePage> },
      { path: '*', element: <NotFoundResult /> },
    ],
  },
];

/** All pages; everything except /login sits behind the session guard. */
export const router = createBrowserRouter(routes);
