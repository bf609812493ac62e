import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import type { KioskDto } from '@kaoping/shared';
import { useAction, useKeyedAction } from '../../api/use-action';
import { useRequest } from '../../api/use-request';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n-context';
import { screenApi } from './screen.api';

/** The performance office makes read-only display links for the hall's PC and revokes them. */
export function ScreenLinksPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const kiosks = useRequest(screenApi.kiosks, 'screen-kiosks');
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const onError = (m: string) => void message.error(m);

  const issue = useAction(async () => {
    const res = await screenApi.issue(name.trim());
    setIssued(`${window.location.origin}${res.path}`);
    setName('');
    kiosks.reload();
  }, { onError });

  const revoke = useKeyedAction(async (id: number) => {
    await screenApi.revoke(id);
    kiosks.reload();
  }, { onError });

  const columns: TableColumnsType<KioskDto> = [
    { title: t('links.col.name'), dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: t('links.col.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: t('links.col.createdBy'), dataIndex: 'createdBy' },
    { title: t('links.col.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('links.col.lastUsedAt'), dataIndex: 'lastUsedAt', render: (v: string | null) => formatDateTime(v) },
    {
      title: t('links.col.status'),
      key: 'status',
      render: (_, k) =>
        k.revokedAt ? (
          <Tag>{t('links.revoked')}</Tag>
        ) : (
          <Flex gap={8} align="center">
            <Tag color="success">{t('links.active')}</Tag>
            <Popconfirm title={t('links.revokeConfirm')} onConfirm={() => revoke.run(k.id)}>
              <Button size="small" danger data-testid={`revoke-kiosk-${k.id}`}>
                {t('links.revoke')}
              </Button>
            </Popconfirm>
          </Flex>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('links.title')}
        subtitle={t('links.intro')}
        extra={
          <Button icon={<DesktopOutlined />} href="/screen" target="_blank">
            {t('links.openScreen')}
          </Button>
        }
      />
      <Card>
        <Flex gap={8} style={{ marginBottom: 16, maxWidth: 640 }}>
          <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('links.name')} maxLength={60} data-testid="kiosk-name" onPressEnter={() => name.trim() && void issue.run()} />
          <Button type="primary" onClick={() => void issue.run()} disabled={!name.trim()} loading={issue.running} data-testid="issue-kiosk">
            {t('links.issue')}
          </Button>
        </Flex>
        {issued ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('links.issued')}
            description={
              <Typography.Text copyable={{ text: issued }} code data-testid="kiosk-url">
                {issued}
              </Typography.Text>
            }
          />
        ) : null}
        {kiosks.error ? <LoadError error={kiosks.error} onRetry={kiosks.reload} /> : null}
        <Table rowKey="id" columns={columns} dataSource={kiosks.data?.items ?? []} loading={kiosks.loading} pagination={false} />
      </Card>
    </>
  );
}
