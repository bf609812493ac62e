import { Flex, Tag, Typography } from 'antd';
import type { Role } from '@kaoping/shared';
import { useI18n } from '../../i18n/i18n-context';

/** The password every demo account is seeded with. */
export const DEMO_PASSWORD = 'kaoping-demo';

const DEMO_ACCOUNTS: { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'office', role: 'office' },
  { username: 'supervisor', role: 'supervisor' },
  { username: 'leader', role: 'leader' },
  { username: '430421-head', role: 'head' },
  { username: '430421-reporter', role: 'reporter' },
];

/** Lists the demo accounts; clicking one fills in the login form. */
export function DemoAccounts({ onPick }: { onPick(username: string, password: string): void }) {
  const { t, roleLabel } = useI18n();
  return (
    <div data-testid="demo-accounts">
      <Typography.Text strong>{t('login.demoTitle')}</Typography.Text>
      <Flex wrap gap={6} style={{ margin: '8px 0' }}>
        {DEMO_ACCOUNTS.map((a) => (
          <Tag.CheckableTag key={a.username} checked={false} onChange={() => onPick(a.username, DEMO_PASSWORD)} style={{ border: '1px solid #d9d9d9' }}>
            <Typography.Text code>{a.username}</Typography.Text> {roleLabel(a.role)}
          </Tag.CheckableTag>
        ))}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
        {t('login.demoPassword', { password: DEMO_PASSWORD })}
        <br />
        {t('login.demoUnitAccounts', { example: '430421-head' })}
        <br />
        {t('login.demoClick')} {t('login.demoFictional')}
      </Typography.Paragraph>
    </div>
  );
}
