import { Alert, Button, Card, Divider, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAction } from '../../api/use-action';
import { useAuth } from '../../app/auth-context';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { LogoMark } from '../../components/LogoMark';
import { useI18n } from '../../i18n/i18n-context';
import { DemoAccounts } from './DemoAccounts';

interface Credentials {
  username: string;
  password: string;
}

function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string' && state.from.startsWith('/')) {
    return state.from === '/login' ? '/' : state.from;
  }
  return '/';
}

/** Username and password form; shows the server's message when sign-in fails. */
export function LoginPage() {
  const { t } = useI18n();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Credentials>();
  const target = redirectTarget(location.state);
  const submit = useAction(async ({ username, password }: Credentials) => {
    await login(username, password);
    void navigate(target, { replace: true });
  });

  if (user) return <Navigate to={target} replace />;

  return (
    <Flex
      component="main"
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 24, background: 'linear-gradient(160deg, #fff5f5 0%, #f5f5f5 45%, #eef2f7 100%)' }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 420, maxWidth: '100%', boxShadow: '0 8px 24px rgba(0,0,0,0.08)' }}>
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <LogoMark size={48} />
          <Typography.Title level={1} style={{ margin: '12px 0 0', fontSize: 24, lineHeight: 1.35 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </Flex>
        {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Credentials> name="login" form={form} layout="vertical" onFinish={(v) => void submit.run(v)} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submit.running} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Divider style={{ margin: '20px 0 12px' }} />
        <DemoAccounts
          onPick={(username, password) => {
            form.setFieldsValue({ username, password });
            submit.clearError();
          }}
        />
      </Card>
    </Flex>
  );
}
