import { Button, Typography } from 'antd';
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
  const { t, lang, roleLabel } = useI18n();
  return (
    <div data-testid="demo-accounts">
      <Typography.Text strong>{t('login.demoTitle')}</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6, margin: '8px 0' }}>
        {DEMO_ACCOUNTS.map((a) => (
          <Button
            key={a.username}
            size="small"
            onClick={() => onPick(a.username, DEMO_PASSWORD)}
            data-testid={`demo-${a.username}`}
            style={{ justifyContent: 'space-between', fontSize: 12 }}
          >
            <span style={{ fontFamily: 'monospace' }}>{a.username}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {roleLabel(a.role)}
            </Typography.Text>
          </Button>
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
        {t('login.demoPassword', { password: DEMO_PASSWORD })}
        <br />
        {t('login.demoUnitAccounts', { example: '430421-head' })}
        <br />
        {t('login.demoClick')}
        {lang === 'en-US' ? ' ' : ''}
        {t('login.demoFictional')}
      </Typography.Paragraph>
    </div>
  );
}
