import { Suspense, lazy, useState } from 'react';
import { App, Avatar, Dropdown, Flex, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/i18n-context';
import { useAuth, useCurrentUser } from './auth-context';

/** The password form is fetched when first opened. */
const ChangePasswordModal = lazy(async () => ({ default: (await import('../features/account/ChangePasswordModal')).ChangePasswordModal }));

/** Name, role and unit of the signed-in user, with password change and sign-out. */
export function UserMenu() {
  const { t, roleLabel } = useI18n();
  const { message } = App.useApp();
  const { logout } = useAuth();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);

  const signOut = async () => {
    await logout().catch(() => undefined);
    void message.success(t('header.loggedOut'));
    void navigate('/login', { replace: true });
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: t('header.changePassword') },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('header.logout')}</span> },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChanging(true);
            if (key === 'logout') void signOut();
          },
        }}
      >
        <Flex align="center" gap={8} style={{ cursor: 'pointer', lineHeight: 1.3 }} data-testid="user-menu">
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#b71c1c' }} />
          <Flex vertical>
            <Typography.Text strong>{user.displayName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {roleLabel(user.role)} · {user.unit ? user.unit.name : t('header.noUnit')}
            </Typography.Text>
          </Flex>
        </Flex>
      </Dropdown>
      {changing && (
        <Suspense fallback={null}>
          <ChangePasswordModal open onClose={() => setChanging(false)} />
        </Suspense>
      )}
    </>
  );
}
