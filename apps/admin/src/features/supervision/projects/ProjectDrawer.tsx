import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useRequest } from '../../../api/use-request';
import { LoadError } from '../../../components/LoadError';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { projectsApi, type RatedProject, type ReportDto } from './projects.api';
import { RATE_NAMES, RateCell } from './rate-format';
import { ReportModal } from './ReportModal';
import { StreamModal } from '../shared/StreamModal';

const amount = (n: number | null) => (n === null ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

/** One project: its register figures, its rates as of the month, its monthly reports (entered here) and its tasks. */
export function ProjectDrawer({
  rated,
  asOf,
  canReport,
  canManage = false,
  onClose,
  onChanged,
}: {
  rated: RatedProject;
  asOf: string;
  canReport: boolean;
  canManage?: boolean;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const detail = useRequest(() => projectsApi.get(rated.id), `project-${rated.id}`);
  const [editing, setEditing] = useState<ReportDto | null | undefined>(undefined);
  const [streamOpen, setStreamOpen] = useState(false);
  const p = detail.data;
  const reported = new Set(p?.reports.map((r) => r.month));
  // A new report defaults to the month shown, or the first month of the project's year without one.
  const nextMonth = !reported.has(asOf) && asOf.startsWith(String(rated.year)) ? asOf : (Array.from({ length: 12 }, (_, i) => `${rated.year}-${String(i + 1).padStart(2, '0')}`).find((m) => !reported.has(m)) ?? asOf);

  const save = async (month: string, body: Parameters<typeof projectsApi.saveReport>[2]) => {
    await projectsApi.saveReport(rated.id, month, body);
    void message.success(t('projects.report.saved', { month }));
    setEditing(undefined);
    detail.reload();
    onChanged();
  };

  return (
    <Drawer open title={`${rated.code} ${rated.name}`} size={880} onClose={onClose} data-testid="project-drawer">
      {detail.error !== null && <LoadError error={detail.error} onRetry={detail.reload} />}
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('projects.col.unit')}>{rated.unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('projects.col.leader')}>{rated.responsibleLeader}</Descriptions.Item>
        <Descriptions.Item label={t('projects.col.category')}>{t(`projects.category.${rated.category}`)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.field.year')}>{rated.year}</Descriptions.Item>
        <Descriptions.Item label={t('projects.col.plannedStart')}>{rated.plannedStart}</Descriptions.Item>
        <Descriptions.Item label={t('projects.col.annualPlan')}>{amount(rated.annualPlan)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.field.totalInvestment')}>{amount(rated.totalInvestment)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.field.fundsAllocated')}>{amount(rated.fundsAllocated)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.stream')} span={2}>
          <Space>
            <Typography.Text copyable={!!p?.streamUrl} data-testid="project-stream">
              {p ? (p.streamUrl ?? t('projects.stream.none')) : '…'}
            </Typography.Text>
            {canManage && p && (
              <Button size="small" icon={<EditOutlined />} onClick={() => setStreamOpen(true)} data-testid="stream-edit">
                {t('projects.stream.edit')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {streamOpen && p && (
        <StreamModal
          name={p.name}
          streamUrl={p.streamUrl}
          save={(streamUrl) => projectsApi.update(p.id, { streamUrl })}
          onClose={() => setStreamOpen(false)}
          onSaved={() => {
            void message.success(t('projects.stream.saved'));
            setStreamOpen(false);
            detail.reload();
            onChanged();
          }}
        />
      )}

      <Typography.Title level={5}>{t('projects.ratesAsOf', { month: asOf })}</Typography.Title>
      <Flex gap={24} wrap style={{ marginBottom: 16 }}>
        {RATE_NAMES.map((n) => (
          <div key={n}>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t(`projects.rate.${n}`)}
            </Typography.Text>
            <RateCell rate={rated.rates[n]} testId={`drawer-${n}`} />
          </div>
        ))}
      </Flex>

      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('projects.reports')}
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 8 }}>
            {t('projects.amountUnit')}
          </Typography.Text>
        </Typography.Title>
        {canReport && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} disabled={!p} data-testid="report-new">
            {t('projects.enterReport')}
          </Button>
        )}
      </Flex>
      <Table<ReportDto>
        size="small"
        rowKey="month"
        loading={detail.loading}
        dataSource={p?.reports ?? []}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.reportsEmpty')} /> }}
        data-testid="report-table"
        onRow={(r) => ({ 'data-testid': `report-${r.month}` }) as object}
        columns={[
          { title: t('projects.report.month'), dataIndex: 'month', width: 84 },
          { title: t('projects.report.short.completedInvestment'), dataIndex: 'completedInvestment', align: 'right', render: amount },
          { title: t('projects.report.short.fundsInPlace'), dataIndex: 'fundsInPlace', align: 'right', render: amount },
          { title: t('projects.report.short.fundsPaid'), dataIndex: 'fundsPaid', align: 'right', render: amount },
          {
            title: t('projects.report.started'),
            key: 'started',
            width: 110,
            render: (_: unknown, r) => (r.started ? <Tag color="green">{r.startedOn}</Tag> : <Tag>{t('projects.no')}</Tag>),
          },
          { title: t('projects.report.reportedBy'), dataIndex: 'reportedBy', ellipsis: true },
          { title: t('projects.report.updatedAt'), dataIndex: 'updatedAt', width: 140, render: (v: string) => formatDateTime(v) },
          ...(canReport
            ? [
                {
                  title: '',
                  key: 'edit',
                  width: 72,
                  render: (_: unknown, r: ReportDto) => (
                    <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`report-edit-${r.month}`}>
                      {t('projects.editReport')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />

      {p && p.tasks.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('projects.tasks')}
          </Typography.Title>
          <Space orientation="vertical">
            {p.tasks.map((task) => (
              <Link key={task.id} to={`/supervision/tasks/${task.id}`}>
                {t('projects.taskLink', { id: task.id })} {task.title}（{task.deadline}）
              </Link>
            ))}
          </Space>
        </>
      )}

      {editing !== undefined && p && (
        <ReportModal
          project={p}
          report={editing}
          previous={editing === null ? (p.reports.filter((r) => r.month < nextMonth).at(-1) ?? null) : null}
          defaultMonth={nextMonth}
          onSave={save}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Drawer>
  );
}
