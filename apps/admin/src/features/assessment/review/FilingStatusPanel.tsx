import { useState, type HTMLAttributes } from 'react';
import { Checkbox, Flex, Progress, Table, Tag, Typography } from 'antd';
import { currentPeriod } from '@kaoping/shared';
import { useRequest } from '../../../api/use-request';
import { todayInZone } from '../../../components/format';
import { LoadError } from '../../../components/LoadError';
import { useI18n } from '../../../i18n/i18n-context';
import { reportingApi, type FilingStatus } from '../reporting/reporting.api';
import type { PeriodDto } from '../schemes/schemes.api';
import { PeriodSelect } from '../shared/PeriodSelect';

type Row = FilingStatus['units'][number];

/** 报送情况: how far each unit has filed what it owes in one period; the units behind can be shown alone. */
export function FilingStatusPanel({ periods, initialPeriod, initialBehind }: { periods: PeriodDto[]; initialPeriod?: number; initialBehind: boolean }) {
  const { t } = useI18n();
  const [periodId, setPeriodId] = useState<number | undefined>(initialPeriod);
  const [behind, setBehind] = useState(initialBehind);
  const shown = periodId ?? currentPeriod(periods.filter((p) => p.frequency === 'tenDay'), todayInZone())?.id ?? periods[0]?.id;
  const status = useRequest(() => reportingApi.filingStatus(shown!, behind), `filing:${shown}:${behind}`, shown !== undefined);
  const data = status.data;
  const overdue = data ? data.period.end < todayInZone() : false;
  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <PeriodSelect periods={periods} value={shown} onChange={setPeriodId} testId="filing-period" />
        <Checkbox checked={behind} onChange={(e) => setBehind(e.target.checked)} data-testid="filing-behind">
          {t('assessment.review.filingBehindOnly')}
        </Checkbox>
        {data && overdue && <Tag color="error">{t('assessment.review.filingOverdue', { end: data.period.end })}</Tag>}
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }} data-testid="filing-count" data-count={data?.units.length ?? 0}>
          {t('assessment.review.filingCount', { count: data?.units.length ?? 0 })}
        </Typography.Text>
      </Flex>
      {status.error !== null && <LoadError error={status.error} onRetry={status.reload} />}
      <Table<Row>
        rowKey="unitId"
        size="small"
        loading={status.loading}
        dataSource={data?.units ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(r) => ({ 'data-testid': `filing-row-${r.unitCode}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'code', title: t('assessment.review.filingUnitCode'), dataIndex: 'unitCode', width: 100 },
          { key: 'name', title: t('assessment.review.correctionUnit'), dataIndex: 'unitName' },
          {
            key: 'filed',
            title: t('assessment.review.filingFiled'),
            width: 260,
            render: (_: unknown, r: Row) => (
              <Flex gap={8} align="center">
                <Progress percent={r.expected ? Math.round((r.filed / r.expected) * 100) : 100} size="small" style={{ width: 120, margin: 0 }} status={r.filed < r.expected ? (overdue ? 'exception' : 'active') : 'success'} />
                <Typography.Text>{`${r.filed}/${r.expected}`}</Typography.Text>
              </Flex>
            ),
          },
          { key: 'drafts', title: t('assessment.review.filingDrafts'), dataIndex: 'drafts', width: 90, align: 'right' as const },
          { key: 'returned', title: t('assessment.review.filingReturned'), dataIndex: 'returned', width: 90, align: 'right' as const },
        ]}
      />
    </>
  );
}
