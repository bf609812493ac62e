import { Navigate, createBrowserRouter, type RouteObject } from 'react-router-dom';
import { ProgressPage } from '../features/assessment/progress/ProgressPage';
import { ReportingPage } from '../features/assessment/reporting/ReportingPage';
import { ResultsPage } from '../features/assessment/results/ResultsPage';
import { ScorecardPage } from '../features/assessment/results/ScorecardPage';
import { ReviewPage } from '../features/assessment/review/ReviewPage';
import { SchemeDetailPage } from '../features/assessment/schemes/SchemeDetailPage';
import { SchemesPage } from '../features/assessment/schemes/SchemesPage';
import { AuditPage } from '../features/audit/AuditPage';
import { LoginPage } from '../features/login/LoginPage';
import { BulletinDetailPage } from '../features/bulletins/BulletinDetailPage';
import { BulletinsPage } from '../features/bulletins/BulletinsPage';
import { CampaignDetailPage } from '../features/public-evaluation/campaigns/CampaignDetailPage';
import { CampaignsPage } from '../features/public-evaluation/campaigns/CampaignsPage';
import { FraudReviewPage } from '../features/public-evaluation/fraud/FraudReviewPage';
import { PublicEvaluationHome } from '../features/public-evaluation/PublicEvaluationHome';
import { ResultsPage as CampaignResultsPage } from '../features/public-evaluation/results/ResultsPage';
import { SuggestionsPage } from '../features/public-evaluation/suggestions/SuggestionsPage';
import { InspectionDetailPage } from '../features/supervision/inspections/InspectionDetailPage';
import { InspectionsPage } from '../features/supervision/inspections/InspectionsPage';
import { OverviewPage } from '../features/supervision/overview/OverviewPage';
import { ProblemDetailPage } from '../features/supervision/problems/ProblemDetailPage';
import { ProblemsPage } from '../features/supervision/problems/ProblemsPage';
import { ProjectsPage } from '../features/supervision/projects/ProjectsPage';
import { TaskDetailPage } from '../features/supervision/tasks/TaskDetailPage';
import { TasksPage } from '../features/supervision/tasks/TasksPage';
import { ScreenLinksPage } from '../features/screen/ScreenLinksPage';
import { ScreenRoute } from '../features/screen/ScreenRoute';
import { TokensPage } from '../features/tokens/TokensPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { UsersPage } from '../features/users/UsersPage';
import { WorkbenchPage } from '../features/workbench/WorkbenchPage';
import { MeetingPage } from '../features/meetings/MeetingPage';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { PresentPage } from '../features/meetings/PresentPage';
import { NotFoundResult } from '../components/NotFoundResult';
import { PAGE_PATHS } from './access';
import { AssessmentHome } from './AssessmentHome';
import { AppLayout } from './AppLayout';
import { RequireAuth } from './RequireAuth';
import { RequirePage } from './RequirePage';

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
