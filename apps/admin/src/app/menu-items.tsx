import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  DesktopOutlined,
  FundProjectionScreenOutlined,
  AuditOutlined,
  DashboardOutlined,
  CommentOutlined,
  FileSearchOutlined,
  KeyOutlined,
  LikeOutlined,
  NotificationOutlined,
  ProjectOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { Role } from '@kaoping/shared';
import type { MessageKey } from '../i18n/zh-CN';
import { PAGE_PATHS, canOpen, type PageKey } from './access';

type MenuItem = Required<MenuProps>['items'][number];

interface Entry {
  page: PageKey;
  label: MessageKey;
  icon?: ReactNode;
}

/** 考核 opens into its pages. */
const ASSESSMENT: Entry[] = [
  { page: 'assessmentReporting', label: 'menu.assessmentReporting' },
  { page: 'assessmentReview', label: 'menu.assessmentReview' },
  { page: 'assessmentResults', label: 'menu.assessmentResults' },
  { page: 'assessmentProgress', label: 'menu.assessmentProgress' },
  { page: 'assessmentSchemes', label: 'menu.assessmentSchemes' },
];

/** 公众评估 opens into its pages. */
const PUBLIC_EVALUATION: Entry[] = [
  { page: 'peCampaigns', label: 'menu.peCampaigns' },
  { page: 'peResults', label: 'menu.peResults' },
  { page: 'peFraud', label: 'menu.peFraud' },
  { page: 'peSuggestions', label: 'menu.peSuggestions' },
];

/** 督查 opens into its pages. */
const SUPERVISION: Entry[] = [
  { page: 'supervisionOverview', label: 'menu.supervisionOverview' },
  { page: 'supervisionTasks', label: 'menu.supervisionTasks' },
  { page: 'supervisionProblems', label: 'menu.supervisionProblems' },
  { page: 'supervisionInspections', label: 'menu.supervisionInspections' },
];

const MODULES: Entry[] = [
  { page: 'projects', label: 'menu.projects', icon: <ProjectOutlined /> },
  { page: 'meetings', label: 'menu.meetings', icon: <CommentOutlined /> },
  { page: 'bulletins', label: 'menu.bulletins', icon: <NotificationOutlined /> },
  { page: 'screen', label: 'menu.screen', icon: <FundProjectionScreenOutlined /> },
];

const SYSTEM: Entry[] = [
  { page: 'units', label: 'menu.units', icon: <ApartmentOutlined /> },
  { page: 'users', label: 'menu.users', icon: <TeamOutlined /> },
  { page: 'audit', label: 'menu.audit', icon: <FileSearchOutlined /> },
  { page: 'tokens', label: 'menu.tokens', icon: <KeyOutlined /> },
  { page: 'screenLinks', label: 'menu.screenLinks', icon: <DesktopOutlined /> },
];

export const SYSTEM_MENU_KEY = 'system';
export const ASSESSMENT_MENU_KEY = 'assessment';
export const PUBLIC_EVALUATION_MENU_KEY = 'public-evaluation';
export const SUPERVISION_MENU_KEY = 'supervision';

/** The side menu for one role: pages the role cannot open are left out. */
export function buildMenuItems(role: Role, t: (key: MessageKey) => string): MenuItem[] {
  const toItem = (entry: Entry): MenuItem => ({
    key: PAGE_PATHS[entry.page],
    icon: entry.icon,
    label: <span data-testid={`menu-${entry.page}`}>{t(entry.label)}</span>,
  });
  const system = SYSTEM.filter((e) => canOpen(role, e.page)).map(toItem);
  const assessment: MenuItem = {
    key: ASSESSMENT_MENU_KEY,
    icon: <AuditOutlined />,
    label: <span data-testid="menu-assessment">{t('menu.assessment')}</span>,
    children: ASSESSMENT.filter((e) => canOpen(role, e.page)).map(toItem),
  };
  const evaluationPages = PUBLIC_EVALUATION.filter((e) => canOpen(role, e.page)).map(toItem);
  const evaluation: MenuItem[] =
    evaluationPages.length === 0
      ? []
      : [
          {
            key: PUBLIC_EVALUATION_MENU_KEY,
            icon: <LikeOutlined />,
            label: <span data-testid="menu-publicEvaluation">{t('menu.publicEvaluation')}</span>,
            children: evaluationPages,
          },
        ];
  const supervisionPages = SUPERVISION.filter((e) => canOpen(role, e.page)).map(toItem);
  const supervision: MenuItem = {
    key: SUPERVISION_MENU_KEY,
    icon: <ScheduleOutlined />,
    label: <span data-testid="menu-supervision">{t('menu.supervision')}</span>,
    children: supervisionPages,
  };
  const workbench = toItem({ page: 'workbench', label: 'menu.workbench', icon: <DashboardOutlined /> });
  const modules = [workbench, assessment, ...evaluation, supervision, ...MODULES.filter((e) => canOpen(role, e.page)).map(toItem)];
  if (system.length === 0) return modules;
  return [
    ...modules,
    { key: SYSTEM_MENU_KEY, icon: <SettingOutlined />, label: <span data-testid="menu-system">{t('menu.system')}</span>, children: system },
  ];
}
