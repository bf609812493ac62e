import { useMemo, useState } from 'react';
import { App, Button, Card, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ApiTokenDto } from '@kaoping/shared';
import { errorMessage } from '../../api/api-error';
import { useRequest } from '../../api/use-request';
import { formatDateTime } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n-context';
import { unitsApi } from '../units/units.api';
import { CreateTokenModal } from './CreateTokenModal';
import { NewTokenModal } from './NewTokenModal';
import { tokensApi, type TokenCreate } from './tokens.api';

type TokenState = 'valid' | 'revoked' | 'expired';

const Nowrap = ({ children }: { children: string }) => <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;

function stateOf(token: ApiTokenDto): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && dayjs(token.expiresAt).isBefore(dayjs())) return 'expired';
  return 'valid';
}

/** Administrators create tokens for other systems and revoke them. */
export function TokensPage() {
  const { t, roleLabel } = useI18n();
  const { message } = App.useApp();
  const tokens = useRequest(tokensApi.list, 'tokens');
  const units = useRequest(unitsApi.list, 'units');
  const unitNames = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const create = async (body: TokenCreate) => {
    const created = await tokensApi.create(body);
    setCreating(false);
    setSecret(created.token);
    tokens.reload();
  };

  const revoke = async (token: ApiTokenDto) => {
    try {
      await tokensApi.revoke(token.id);
      void message.success(t('tokens.revokedMsg', { name: token.name }));
      tokens.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const stateTag = (s: TokenState) =>
    s === 'valid' ? <Tag color="success">{t('tokens.valid')}</Tag> : s === 'revoked' ? <Tag>{t('tokens.revoked')}</Tag> : <Tag color="warning">{t('tokens.expired')}</Tag>;

  const columns: TableColumnsType<ApiTokenDto> = [
    { title: t('tokens.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: t('tokens.role'), dataIndex: 'role', render: (_: unknown, tk) => roleLabel(tk.role) },
    { title: t('tokens.scope'), dataIndex: 'scope', render: (_: unknown, tk) => (tk.scope === 'write' ? <Tag color="warning">{t('tokens.scope.write')}</Tag> : <Tag>{t('tokens.scope.read')}</Tag>) },
    { title: t('tokens.issuer'), dataIndex: 'issuer', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('tokens.unit'), dataIndex: 'unitId', render: (id: number | null) => (id === null ? t('header.noUnit') : (unitNames.get(id) ?? `#${id}`)) },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: (v: string) => <Nowrap>{formatDateTime(v)}</Nowrap> },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => <Nowrap>{formatDateTime(v, t('tokens.noExpiry'))}</Nowrap> },
    { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => <Nowrap>{formatDateTime(v, t('tokens.never'))}</Nowrap> },
    { title: t('common.status'), key: 'state', width: 90, render: (_: unknown, tk) => stateTag(stateOf(tk)) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_: unknown, tk) =>
        tk.revokedAt ? null : (
          <Popconfirm title={t('tokens.confirmRevoke', { name: tk.name })} okText={t('tokens.revoke')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => revoke(tk)}>
            <Button type="link" size="small" danger>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        }
      />
      {tokens.error !== null && <LoadError error={tokens.error} onRetry={tokens.reload} />}
      <Card>
        <Table<ApiTokenDto> data-testid="tokens-table" rowKey="id" size="middle" loading={tokens.loading} dataSource={tokens.data ?? []} columns={columns} pagination={{ hideOnSinglePage: true, pageSize: 50 }} />
      </Card>
      <CreateTokenModal open={creating} units={units.data ?? []} onCreate={create} onClose={() => setCreating(false)} />
      <NewTokenModal token={secret} onClose={() => setSecret(null)} />
    </>
  );
}
