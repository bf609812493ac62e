import { Table, Typography, type TableColumnsType } from 'antd';
import { dataProblemSchema, type DataProblem } from '@kaoping/shared';
import { useI18n } from '../../../i18n/i18n-context';

/** The inputs an error lists (a score run that cannot score, a refused entry), or none when the details are something else. */
export function dataProblemsOf(details: unknown): DataProblem[] {
  const parsed = dataProblemSchema.array().safeParse(details);
  return parsed.success ? parsed.data : [];
}

/** Each input a run or an entry could not take: unit, indicator, period, the value as stored, and why. */
export function DataProblemsTable({ problems, testId }: { problems: DataProblem[]; testId?: string }) {
  const { t } = useI18n();
  const columns: TableColumnsType<DataProblem> = [
    { title: t('assessment.problems.unit'), key: 'unit', width: 150, render: (_: unknown, p) => `${p.unitName}（${p.unitCode}）` },
    { title: t('assessment.problems.indicator'), key: 'indicator', width: 180, render: (_: unknown, p) => `${p.indicatorCode} ${p.indicatorName}` },
    { title: t('assessment.problems.period'), dataIndex: 'period', width: 110 },
    {
      title: t('assessment.problems.value'),
      dataIndex: 'value',
      width: 150,
      render: (v: string) => (
        <Typography.Text code ellipsis={{ tooltip: v }} style={{ maxWidth: 140 }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: t('assessment.problems.reason'), dataIndex: 'reason', render: (r: string) => <Typography.Text type="danger">{r}</Typography.Text> },
  ];
  return (
    <Table<DataProblem>
      data-testid={testId}
      size="small"
      rowKey={(p) => `${p.unitCode}:${p.indicatorCode}:${p.period}:${p.value}`}
      columns={columns}
      dataSource={problems}
      pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 900 }}
    />
  );
}
