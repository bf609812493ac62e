import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useAction } from '../../../api/use-action';
import { useRequest } from '../../../api/use-request';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { FLAG_KINDS } from '@kaoping/shared';
import { campaignsApi, type FlagKind, type FraudFlag } from '../campaigns.api';
import { CampaignSelect } from '../shared/CampaignSelect';
import { useCampaignChoice } from '../shared/use-campaigns';
import { ExclusionModal } from './ExclusionModal';

const KINDS: readonly FlagKind[] = FLAG_KINDS;
const KIND_COLORS: Record<FlagKind, string> = { 'address-burst': 'volcano', 'device-burst': 'orange', 'number-range-burst': 'gold', 'identical-burst': 'magenta', 'too-fast': 'purple', 'reused-page': 'geekblue' };

/** A flag's stable name for the exclusion record, e.g. address-burst:10.88.66.0/24. */
const flagName = (f: FraudFlag) => `${f.kind}:${f.key}`.slice(0, 40);
const flagKey = (f: FraudFlag) => `${f.kind}|${f.key}|${f.from}`;
const PAGE_SIZE = 15;

/** The office reviews fraud flags and excludes or restores their responses with a reason. */
export function FraudReviewPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const choice = useCampaignChoice();
  const campaign = choice.current;
  const [kind, setKind] = useState<FlagKind | undefined>();
  const [page, setPage] = useState(1);
  // The flags are read a page at a time: a province's campaign can have tens of thousands.
  const report = useRequest(
    () => campaignsApi.flags(campaign!.id, { kind, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    `pe-flags:${campaign?.id}:${kind ?? ''}:${page}`,
    !!campaign,
  );
  const [acting, setActing] = useState<{ flag: FraudFlag; excluded: boolean } | null>(null);

  const items = report.data?.items ?? [];
  const allFlags = report.data ? Object.values(report.data.kinds).reduce((n, k) => n + (k ?? 0), 0) : undefined;
  const chooseKind = (k: FlagKind | undefined) => {
    setKind(k);
    setPage(1);
  };
  const onError = (m: string) => void message.error(m);
  const scan = useAction(async () => {
    if (!campaign) return;
    await campaignsApi.scanFlags(campaign.id);
    report.reload();
  }, { onError });
  const act = useAction(async (reason: string) => {
    if (!acting || !campaign) return;
    const { flag, excluded } = acting;
    const r = await campaignsApi.setExclusions(campaign.id, { responseIds: flag.responseIds, excluded, reason, flag: flagName(flag) });
    void message.success(t('pe.fraud.changed', { count: r.changed }));
    setActing(null);
    report.reload();
  }, { onError });

  const columns: ColumnsType<FraudFlag> = [
    { title: t('pe.fraud.kind'), dataIndex: 'kind', width: 150, render: (k: FlagKind) => <Tag color={KIND_COLORS[k]}>{t(`pe.fraud.kind.${k}`)}</Tag> },
    { title: t('pe.fraud.key'), dataIndex: 'key', width: 130, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('pe.fraud.time'),
      key: 'time',
      width: 150,
      render: (_: unknown, f) => (
        <span style={{ fontSize: 12 }}>
          {formatDateTime(f.from)}
          <br />
          {formatDateTime(f.to)}
        </span>
      ),
    },
    { title: t('pe.fraud.evidence'), dataIndex: 'evidence' },
    { title: t('pe.fraud.responses'), key: 'n', width: 90, align: 'right', render: (_: unknown, f) => f.responseIds.length },
    {
      title: t('pe.fraud.excluded'),
      dataIndex: 'excluded',
      width: 110,
      render: (v: number, f) => (
        <Space orientation="vertical" size={0} style={{ width: '100%' }}>
          <span data-testid={`flag-excluded-${f.kind}-${f.key}`}>
            {v} / {f.responseIds.length}
          </span>
          <Progress percent={Math.round((v / f.responseIds.length) * 100)} size="small" showInfo={false} status={v > 0 ? 'exception' : 'normal'} />
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, f) => (
        <Space size={4}>
          <Button size="small" danger icon={<StopOutlined />} disabled={f.excluded === f.responseIds.length} onClick={() => setActing({ flag: f, excluded: true })} data-testid={`flag-exclude-${f.kind}-${f.key}`}>
            {t('pe.fraud.exclude')}
          </Button>
          <Button size="small" icon={<UndoOutlined />} disabled={f.excluded === 0} onClick={() => setActing({ flag: f, excluded: false })} data-testid={`flag-restore-${f.kind}-${f.key}`}>
            {t('pe.fraud.restore')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('menu.peFraud')} subtitle={t('pe.fraud.subtitle')} />
      {choice.error !== null && <LoadError error={choice.error} onRetry={choice.reload} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <CampaignSelect campaigns={choice.campaigns} value={campaign?.id} onChange={choice.choose} loading={choice.loading} />
        <Select<FlagKind>
          allowClear
          value={kind}
          onChange={chooseKind}
          placeholder={t('pe.fraud.allKinds')}
          style={{ minWidth: 200 }}
          options={KINDS.map((k) => ({ value: k, label: `${t(`pe.fraud.kind.${k}`)} (${report.data?.kinds[k] ?? 0})` }))}
          data-testid="fraud-kind"
        />
        {campaign && (
          <Space size={8}>
            {report.data && (
              <Typography.Text type="secondary" data-testid="fraud-scanned-at">
                {t('pe.fraud.scannedAt', { at: formatDateTime(report.data.scannedAt) })}
              </Typography.Text>
            )}
            <Button icon={<ReloadOutlined />} loading={scan.running} onClick={() => void scan.run()} data-testid="fraud-rescan">
              {t('pe.fraud.rescan')}
            </Button>
          </Space>
        )}
      </Flex>
      {!choice.loading && choice.campaigns.length === 0 && (
        <Card>
          <Empty description={t('pe.campaign.none')} />
        </Card>
      )}
      {campaign?.status === 'open' && <Alert type="info" showIcon title={t('pe.fraud.open')} style={{ marginBottom: 16 }} />}
      {report.error !== null && <LoadError error={report.error} onRetry={report.reload} />}
      {campaign && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} lg={6}>
              <Card size="small">
                <Statistic title={t('pe.fraud.totalResponses')} value={report.data?.responses ?? '—'} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small">
                <Statistic title={t('pe.fraud.flags')} value={allFlags ?? '—'} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small">
                <Statistic title={t('pe.fraud.flaggedResponses')} value={report.data?.flagged ?? '—'} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small">
                <Statistic
                  title={t('pe.fraud.excludedResponses')}
                  value={report.data?.excluded ?? '—'}
                  styles={{ content: { color: (report.data?.excluded ?? 0) > 0 ? '#cf1322' : undefined } }}
                  data-testid="fraud-excluded-total"
                />
              </Card>
            </Col>
          </Row>
          <Table<FraudFlag>
            rowKey={flagKey}
            size="middle"
            loading={report.loading}
            dataSource={items}
            columns={columns}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: report.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{ emptyText: report.loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pe.fraud.none')} /> }}
            expandable={{
              expandedRowRender: (f) => (
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                  {t('pe.fraud.responseIds', { ids: f.responseIds.join(lang === 'zh-CN' ? '、' : ', ') })}
                </Typography.Paragraph>
              ),
            }}
            onRow={(f) => ({ 'data-testid': `flag-row-${f.kind}-${f.key}` }) as never}
          />
        </>
      )}
      <ExclusionModal
        open={acting !== null}
        excluded={acting?.excluded ?? true}
        count={acting ? (acting.excluded ? acting.flag.responseIds.length - acting.flag.excluded : acting.flag.excluded) : 0}
        evidence={acting?.flag.evidence ?? ''}
        busy={act.running}
        onConfirm={(reason) => void act.run(reason)}
        onClose={() => setActing(null)}
      />
    </>
  );
}
