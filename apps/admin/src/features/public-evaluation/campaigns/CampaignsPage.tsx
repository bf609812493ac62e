import { useState } from 'react';
import { App, Button, Space, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useRequest } from '../../../api/use-request';
import { PAGE_PATHS, canManageCampaigns, canReadSmsOutbox } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth-context';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { schemesApi } from '../../assessment/schemes/schemes.api';
import { unitsApi } from '../../units/units.api';
import { campaignsApi, type CampaignDto } from '../campaigns.api';
import { CampaignStatusTag } from '../shared/labels';
import { useRuleLabel } from '../shared/use-rule-label';
import { formatDateTime } from '../../../components/format';
import { CampaignFormModal } from './CampaignFormModal';
import { CampaignStatusActions } from './CampaignStatusActions';
import { SmsOutboxCard } from './SmsOutboxCard';

/** The campaigns, newest year first; the office creates, edits, opens and closes them. */
export function CampaignsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canManage = canManageCampaigns(user.role);
  const campaigns = useRequest(campaignsApi.list, 'campaigns');
  const units = useRequest(unitsApi.list, 'units', canManage);
  const schemes = useRequest(schemesApi.list, 'schemes', canManage);
  const [editing, setEditing] = useState<CampaignDto | 'new' | null>(null);
  const ruleLabel = useRuleLabel();

  const weights = (c: CampaignDto) => {
    const a = c.questionnaire.answers;
    return `${a.satisfied.weight} / ${a.basicallySatisfied.weight} / ${a.dissatisfied.weight}`;
  };

  return (
    <>
      <PageHeader
        title={t('menu.peCampaigns')}
        subtitle={t('pe.campaigns.subtitle')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="campaign-create">
              {t('pe.campaigns.create')}
            </Button>
          )
        }
      />
      {campaigns.error !== null && <LoadError error={campaigns.error} onRetry={campaigns.reload} />}
      <Table<CampaignDto>
        rowKey="id"
        loading={campaigns.loading}
        dataSource={campaigns.data ?? []}
        pagination={false}
        locale={{ emptyText: t('pe.campaign.none') }}
        onRow={(c) => ({ 'data-testid': `campaign-row-${c.slug}` }) as never}
        columns={[
          {
            title: t('pe.campaigns.name'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <Space orientation="vertical" size={0}>
                <Link to={`${PAGE_PATHS.peCampaigns}/${c.id}`} data-testid={`campaign-link-${c.slug}`}>
                  {name}
                </Link>
                <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
                  {c.year} · /p/{c.slug}
                </span>
              </Space>
            ),
          },
          { title: t('common.status'), dataIndex: 'status', width: 96, render: (_: unknown, c) => <CampaignStatusTag status={c.status} /> },
          {
            title: t('pe.campaigns.window'),
            key: 'window',
            width: 150,
            render: (_: unknown, c) => (
              <span style={{ fontSize: 13 }} data-testid={`campaign-window-${c.slug}`}>
                {formatDateTime(c.startsAt)}
                <br />
                {formatDateTime(c.endsAt)}
              </span>
            ),
          },
          {
            title: t('pe.campaigns.modes'),
            dataIndex: 'modes',
            width: 150,
            render: (_: unknown, c) => (
              <Space size={4} wrap>
                {c.modes.map((m) => (
                  <Tag key={m} style={{ marginInlineEnd: 0 }}>
                    {t(`pe.mode.${m}`)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('pe.campaigns.weights'),
            key: 'weights',
            width: 180,
            render: (_: unknown, c) => (
              <Space orientation="vertical" size={0}>
                <span>{weights(c)}</span>
                <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{ruleLabel(c.rule)}</span>
              </Space>
            ),
          },
          { title: t('pe.campaigns.scheme'), dataIndex: 'schemeCode', width: 130, render: (v: string | null) => v ?? t('pe.campaigns.noScheme') },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 190,
                  render: (_: unknown, c: CampaignDto) => (
                    <Space size={4}>
                      {c.status !== 'closed' && (
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid={`campaign-edit-${c.slug}`}>
                          {t('common.edit')}
                        </Button>
                      )}
                      <CampaignStatusActions campaign={c} size="small" onChanged={campaigns.reload} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canReadSmsOutbox(user.role) && <SmsOutboxCard />}
      <CampaignFormModal
        open={editing !== null}
        campaign={editing === 'new' ? null : editing}
        units={(units.data ?? []).filter((u) => u.active)}
        schemes={schemes.data ?? []}
        onClose={() => setEditing(null)}
        onCreate={async (body) => {
          await campaignsApi.create(body);
          void message.success(t('common.created'));
          setEditing(null);
          campaigns.reload();
        }}
        onUpdate={async (id, body) => {
          await campaignsApi.update(id, body);
          void message.success(t('common.saved'));
          setEditing(null);
          campaigns.reload();
        }}
      />
    </>
  );
}
