import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useRequest } from '../../../api/use-request';
import { PAGE_PATHS, canManageCampaigns } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth-context';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { schemesApi } from '../../assessment/schemes/schemes.api';
import { campaignsApi } from '../campaigns.api';
import { CampaignStatusTag } from '../shared/labels';
import { useRuleLabel } from '../shared/use-rule-label';
import { formatWindow } from './campaign-format';
import { CampaignFormModal } from './CampaignFormModal';
import { CampaignStatusActions } from './CampaignStatusActions';
import { InvitationsCard } from './InvitationsCard';
import { ParticipationCard } from './ParticipationCard';
import { UnitCardsTable } from './UnitCardsTable';

/** One campaign: overview and citizens' link, live participation, invitations and the units' public cards. */
export function CampaignDetailPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canManage = canManageCampaigns(user.role);
  const id = Number(useParams().campaignId);
  const detail = useRequest(() => campaignsApi.get(id), `campaign:${id}`, Number.isInteger(id));
  const schemes = useRequest(schemesApi.list, 'schemes', canManage);
  const [editing, setEditing] = useState(false);
  const ruleLabel = useRuleLabel();
  const c = detail.data;

  if (!c) {
    return (
      <>
        <PageHeader title={t('menu.peCampaigns')} />
        {detail.error !== null ? <LoadError error={detail.error} onRetry={detail.reload} /> : <Card loading={detail.loading}>{!detail.loading && <Empty />}</Card>}
      </>
    );
  }

  const a = c.questionnaire.answers;
  const query = `?campaign=${c.id}`;
  return (
    <>
      <Link to={PAGE_PATHS.peCampaigns} style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('pe.campaigns.back')}
      </Link>
      <PageHeader
        title={
          <Space size={12}>
            {c.name}
            <CampaignStatusTag status={c.status} />
          </Space>
        }
        subtitle={formatWindow(c)}
        extra={
          <>
            <Link to={`${PAGE_PATHS.peResults}${query}`}>
              <Button>{t('pe.campaigns.toResults')}</Button>
            </Link>
            <Link to={`${PAGE_PATHS.peSuggestions}${query}`}>
              <Button>{t('pe.campaigns.toSuggestions')}</Button>
            </Link>
            {canManage && c.status !== 'closed' && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="campaign-edit">
                {t('common.edit')}
              </Button>
            )}
            {canManage && <CampaignStatusActions campaign={c} onChanged={detail.reload} />}
          </>
        }
      />
      {detail.error !== null && <LoadError error={detail.error} onRetry={detail.reload} />}
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <ParticipationCard participation={c.participation} live={c.status === 'open'} loading={detail.loading} onRefresh={detail.reload} />
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('pe.campaigns.overview')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small" styles={{ label: { width: 140 } }}>
              <Descriptions.Item label={t('pe.campaigns.portal')}>
                <Typography.Text copyable={{ text: c.portalUrl, tooltips: [t('pe.campaigns.copy'), t('pe.campaigns.copied')] }} data-testid="portal-link">
                  <a href={`/p/${c.slug}`} target="_blank" rel="noreferrer">
                    /p/{c.slug}
                  </a>
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('pe.campaigns.year')}>{c.year}</Descriptions.Item>
              <Descriptions.Item label={t('pe.campaigns.modes')}>
                <Space size={4} wrap>
                  {c.modes.map((m) => (
                    <Tag key={m}>{t(`pe.mode.${m}`)}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('pe.campaigns.weights')}>
                {t('pe.answer.satisfied')} {a.satisfied.weight} · {t('pe.answer.basicallySatisfied')} {a.basicallySatisfied.weight} · {t('pe.answer.dissatisfied')} {a.dissatisfied.weight}
              </Descriptions.Item>
              <Descriptions.Item label={t('pe.campaigns.rule')}>{ruleLabel(c.rule)}</Descriptions.Item>
              <Descriptions.Item label={t('pe.campaigns.extraQuestions')}>
                {c.questionnaire.extraQuestions.length === 0 ? '—' : c.questionnaire.extraQuestions.map((q) => `${q.text}: ${q.options.join(' / ')}`).join('; ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('pe.campaigns.scheme')}>{c.schemeCode ?? t('pe.campaigns.noScheme')}</Descriptions.Item>
              <Descriptions.Item label={t('pe.campaigns.openedAt')}>{formatDateTime(c.openedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('pe.campaigns.closedAt')}>{formatDateTime(c.closedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <InvitationsCard campaign={c} canManage={canManage} onIssued={detail.reload} />
        </Col>
        <Col span={24}>
          <UnitCardsTable campaign={c} canEdit={canManage} onSaved={detail.reload} />
        </Col>
      </Row>
      <CampaignFormModal
        open={editing}
        campaign={c}
        units={[]}
        schemes={schemes.data ?? []}
        onClose={() => setEditing(false)}
        onCreate={async () => undefined}
        onUpdate={async (campaignId, body) => {
          await campaignsApi.update(campaignId, body);
          void message.success(t('common.saved'));
          setEditing(false);
          detail.reload();
        }}
      />
    </>
  );
}
