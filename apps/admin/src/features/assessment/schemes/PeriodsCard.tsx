import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useKeyedAction } from '../../../api/use-action';
import { useRequest } from '../../../api/use-request';
import { LoadError } from '../../../components/LoadError';
import { useI18n } from '../../../i18n/i18n-context';
import { PeriodStatusTag, frequencyKey, periodStatusKey } from '../shared/workflow-labels';
import { schemesApi, type PeriodDto, type PeriodStatus } from './schemes.api';

const ORDER = ['month', 'quarter', 'year', 'tenDay', 'week'];

/** The transitions a period allows: pending → open → closed → locked, and closed back to open. */
function nextSteps(status: PeriodStatus): Exclude<PeriodStatus, 'pending'>[] {
  switch (status) {
    case 'pending':
      return ['open'];
    case 'open':
      return ['closed'];
    case 'closed':
      return ['open', 'locked'];
    case 'locked':
      return [];
  }
}

/** A scheme's reporting periods by frequency; the office opens, closes and locks them. */
export function PeriodsCard({ schemeId, published, canManage }: { schemeId: number; published: boolean; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const periods = useRequest(() => schemesApi.periods(schemeId), `periods:${schemeId}`, published);
  const frequencies = useMemo(
    () => [...new Set((periods.data ?? []).map((p) => p.frequency))].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)),
    [periods.data],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const frequency = chosen && frequencies.includes(chosen) ? chosen : frequencies[0];
  const shown = (periods.data ?? []).filter((p) => p.frequency === frequency);
  // Keyed by the period: only its buttons spin, another period can be changed meanwhile.
  const change = useKeyedAction(
    async (_id: number, p: PeriodDto, status: Exclude<PeriodStatus, 'pending'>) => {
      await schemesApi.setPeriodStatus(p.id, status);
      void message.success(t('assessment.detail.periodChanged', { label: p.label, status: t(periodStatusKey(status)) }));
      periods.reload();
    },
    { onError: (m) => void message.error(m) },
  );

  const stepLabel = (from: PeriodStatus, to: Exclude<PeriodStatus, 'pending'>): string => {
    if (to === 'open') return t(from === 'closed' ? 'assessment.detail.reopen' : 'assessment.detail.open');
    return t(to === 'closed' ? 'assessment.detail.close' : 'assessment.detail.lock');
  };

  const columns: TableColumnsType<PeriodDto> = [
    { title: t('assessment.detail.periodName'), dataIndex: 'label', width: 200 },
    { title: t('assessment.detail.periodRange'), key: 'range', width: 220, render: (_: unknown, p) => `${p.start} ~ ${p.end}` },
    { title: t('common.status'), dataIndex: 'status', width: 110, render: (s: PeriodStatus) => <PeriodStatusTag status={s} /> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, p) => {
        const steps = nextSteps(p.status);
        if (steps.length === 0) {
          return (
            <Typography.Text type="secondary">
              <LockOutlined /> {t('assessment.detail.lockedHint')}
            </Typography.Text>
          );
        }
        return (
          <Space size={4}>
            {steps.map((to) =>
              to === 'locked' ? (
                <Popconfirm
                  key={to}
                  title={t('assessment.detail.lock')}
                  description={<div style={{ maxWidth: 320 }}>{t('assessment.detail.lockConfirm', { label: p.label })}</div>}
                  okText={t('assessment.detail.lock')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => change.run(p.id, p, to)}
                >
                  <Button size="small" danger icon={<LockOutlined />} loading={change.runningFor(p.id)} data-testid={`period-lock-${p.key}`}>
                    {stepLabel(p.status, to)}
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  key={to}
                  size="small"
                  type={to === 'open' ? 'primary' : 'default'}
                  loading={change.runningFor(p.id)}
                  onClick={() => void change.run(p.id, p, to)}
                  data-testid={`period-${to === 'open' ? 'open' : 'close'}-${p.key}`}
                >
                  {stepLabel(p.status, to)}
                </Button>
              ),
            )}
          </Space>
        );
      },
    });
  }

  return (
    <Card
      title={t('assessment.detail.periods')}
      extra={published && periods.data ? <Typography.Text type="secondary">{t('assessment.detail.periodCount', { count: periods.data.length })}</Typography.Text> : null}
    >
      {!published ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.detail.periodsDraft')} />
      ) : (
        <>
          {periods.error !== null && <LoadError error={periods.error} onRetry={periods.reload} />}
          {frequencies.length > 1 && (
            <Segmented<string>
              style={{ marginBottom: 12 }}
              value={frequency}
              onChange={setChosen}
              data-testid="period-frequency"
              options={frequencies.map((f) => {
                const key = frequencyKey(f);
                return { value: f, label: key ? t(key) : f };
              })}
            />
          )}
          <Table<PeriodDto>
            data-testid="periods-table"
            rowKey="id"
            size="small"
            loading={periods.loading}
            dataSource={shown}
            columns={columns}
            pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
          />
        </>
      )}
    </Card>
  );
}
