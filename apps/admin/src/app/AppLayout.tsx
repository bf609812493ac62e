import { useMemo, useState } from 'react';
import { Flex, Layout, Menu, Typography, theme } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LogoMark } from '../components/LogoMark';
import { useI18n } from '../i18n/i18n-context';
import { useCurrentUser } from './auth-context';
import { ASSESSMENT_MENU_KEY, PUBLIC_EVALUATION_MENU_KEY, SUPERVISION_MENU_KEY, SYSTEM_MENU_KEY, buildMenuItems } from './menu-items';
import { UserMenu } from './UserMenu';

const SIDER_WIDTH = 216;

/** Sub-pages (a scheme, a scorecard) light up the menu entry they belong to. */
const selectedMenuKey = (pathname: string): string => pathname.split('/').slice(0, 3).join('/');

/** The signed-in frame: side menu, header with language and user, and the page. */
export function AppLayout() {
  const { t, lang } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  // On a phone the menu folds away entirely (a tab opens it), so pages keep the whole width.
  const [narrow, setNarrow] = useState(false);

  const items = useMemo(() => buildMenuItems(user.role, t), [user.role, t]);
  const [openKeys, setOpenKeys] = useState<string[]>([ASSESSMENT_MENU_KEY, PUBLIC_EVALUATION_MENU_KEY, SUPERVISION_MENU_KEY, SYSTEM_MENU_KEY]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={SIDER_WIDTH}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="md"
        collapsedWidth={narrow ? 0 : 80}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        theme="light"
        // On a phone the tab that opens the menu sits in the header's empty left corner, not over the page's first line (a 返回 link).
        zeroWidthTriggerStyle={{ top: 12 }}
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}`, position: 'sticky', top: 0, height: '100vh', zIndex: 10 }}
      >
        {/* The menu scrolls on its own, above the collapse button, however long it grows (the phone's open-menu tab stays outside). */}
        <div style={{ height: '100%', overflowY: 'auto', paddingBottom: narrow ? 0 : 48 }}>
        <Flex align="center" gap={10} style={{ height: 64, padding: collapsed ? '0 24px' : '0 20px', overflow: 'hidden' }}>
          <LogoMark />
          {!collapsed && (
            <Flex vertical style={{ lineHeight: 1.2, whiteSpace: 'nowrap' }}>
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="product-name">
                {t('app.name')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('app.tagline')}
              </Typography.Text>
            </Flex>
          )}
        </Flex>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={[selectedMenuKey(pathname)]}
          openKeys={collapsed ? undefined : openKeys}
          // Groups open and close only when their title is clicked: the collapsed menu's fly-outs and a
          // page's own re-renders (the review queue reloading) must not fold the groups away.
          onOpenChange={(keys) => {
            if (!collapsed) setOpenKeys(keys);
          }}
          onClick={({ key }) => void navigate(key)}
          style={{ borderInlineEnd: 'none' }}
          data-testid="side-menu"
        />
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 24,
          }}
        >
          <LanguageSwitch />
          <UserMenu />
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {/* A new language reloads the page, so that the texts the API writes come in it too. */}
          <Outlet key={lang} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
