import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Flex, Input, Progress, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { TASK_SOURCES, TASK_STATUSES, type TaskLight, type TaskSource, type TaskStatus } from '@kaoping/shared';
import { useRequest } from '../../../api/use-request';
import { PAGE_PATHS } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth-context';
import { ExportButton } from '../../../components/ExcelButtons';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { unitOptions } from '../../../components/unit-options';
import { useDebounced } from '../../../components/use-debounced';
import { useI18n } from '../../../i18n/i18n-context';
import { unitsApi } from '../../units/units.api';
import { LightDot, TASK_LIGHT_COLORS, TASK_LIGHT_ORDER, TaskLightTag, TaskStatusTag, canSuperviseTasks, isCityWideRole } from './task-labels';
import { useLinkedFilter } from '../shared/linked-filter';
import { TaskFormModal } from './TaskFormModal';
import { TaskSettingsModal } from './TaskSettingsModal';
import { tasksApi, type TaskDto, type TaskFilter } from './tasks.api';

export const taskPath = (id: number) => `${PAGE_PATHS.supervisionTasks}/${id}`;

/**
 * Supervised tasks (督办事项): every task with its light, filtered and exported. The supervision
 * office registers new ones; a unit sees those it leads or helps with (the server decides).
 */
export function TasksPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const cityWide = isCityWideRole(user.role);
  const linked = useLinkedFilter();
  const [status, setStatus] = useState<TaskStatus | undefined>((TASK_STATUSES as readonly string[]).includes(linked.status ?? '') ? (linked.status as TaskStatus) : undefined);
  // What a workbench figure links with: red alerts, a deadline window, a responsible leader; each shown as a tag that can be removed.
  const [alert, setAlert] = useState(linked.alert ?? false);
  const [due, setDue] = useState<{ from?: string; by?: string } | undefined>(linked.dueFrom || linked.dueBy ? { from: linked.dueFrom, by: linked.dueBy } : undefined);
  const [leader, setLeader] = useState(linked.leader);
  const [light, setLight] = useState<TaskLight | undefined>(linked.light);
  const [source, setSource] = useState<TaskSource>();
  const [leadUnitId, setLeadUnitId] = useState<number | undefined>(linked.unitId);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [configuring, setConfiguring] = useState(false);
  const q = useDebounced(search.trim());

  const filter: TaskFilter = { status, light, source, leadUnitId, q: q || undefined, alert: alert ? 1 : undefined, dueFrom: due?.from, dueBy: due?.by, leader };
  const list = useRequest(() => tasksApi.list(filter), `tasks:${JSON.stringify(filter)}`);
  const units = useRequest(unitsApi.list, 'units', cityWide || canSuperviseTasks(user.role));
  const items = list.data?.items ?? [];
  const counts = list.data?.counts;
  const alerts = items.filter((i) => i.light.alert);

  const columns = [
    { key: 'light', title: t('tasks.col.light'), width: 150, render: (_: unknown, r: TaskDto) => <TaskLightTag task={r} /> },
    {
      key: 'title',
      title: t('tasks.col.title'),
      render: (_: unknown, r: TaskDto) => (
        <Link to={taskPath(r.id)} data-testid={`task-link-${r.id}`}>
          {r.title}
        </Link>
      ),
    },
    { key: 'source', title: t('tasks.col.source'), width: 110, render: (_: unknown, r: TaskDto) => t(`tasks.source.${r.source}`) },
    { key: 'lead', title: t('tasks.col.leadUnit'), width: 180, render: (_: unknown, r: TaskDto) => r.leadUnit.name },
    { key: 'leader', title: t('tasks.col.leader'), width: 120, dataIndex: 'responsibleLeader' },
    { key: 'deadline', title: t('tasks.col.deadline'), width: 120, dataIndex: 'deadline' },
    {
      key: 'progress',
      title: t('tasks.col.progress'),
      width: 140,
      render: (_: unknown, r: TaskDto) => (r.progress === null ? t('common.none') : <Progress percent={Math.round(r.progress)} size="small" status={r.status === 'closed' ? 'success' : 'normal'} aria-label={t('tasks.col.progress')} />),
    },
    { key: 'status', title: t('tasks.col.status'), width: 170, render: (_: unknown, r: TaskDto) => <TaskStatusTag status={r.status} returned={r.returned} id={r.id} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        subtitle={cityWide ? t('tasks.subtitleOffice') : t('tasks.subtitleUnit')}
        extra={
          <>
            <ExportButton run={() => tasksApi.exportXlsx(filter)} />
            {canSuperviseTasks(user.role) && (
              <Button icon={<SettingOutlined />} onClick={() => setConfiguring(true)} data-testid="task-settings">
                {t('tasks.settings.open')}
              </Button>
            )}
            {canSuperviseTasks(user.role) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-create">
                {t('tasks.create')}
              </Button>
            )}
          </>
        }
      />
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      {alerts.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="task-alert-banner"
          title={t('tasks.alertBanner', { count: alerts.length })}
          description={
            <Space size={[16, 4]} wrap>
              {alerts.map((a) => (
                <Link key={a.id} to={taskPath(a.id)}>
                  {a.title}（{a.leadUnit.name}）
                </Link>
              ))}
            </Space>
          }
        />
      )}
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        {TASK_LIGHT_ORDER.map((l) => (
          <Card
            key={l}
            size="small"
            hoverable
            onClick={() => setLight(light === l ? undefined : l)}
            style={{ minWidth: 150, borderColor: light === l ? TASK_LIGHT_COLORS[l] : undefined, borderTop: `3px solid ${TASK_LIGHT_COLORS[l]}` }}
            data-testid={`task-count-${l}`}
          >
            <Statistic title={<LightDot light={l} />} value={counts?.[l] ?? 0} />
          </Card>
        ))}
      </Flex>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('tasks.search')} aria-label={t('tasks.search')} style={{ width: 260 }} data-testid="task-search" />
        <Select<TaskStatus>
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t('tasks.filter.status')}
          aria-label={t('tasks.filter.status')}
          style={{ width: 150 }}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
          data-testid="task-filter-status"
        />
        <Select<TaskLight>
          allowClear
          value={light}
          onChange={setLight}
          placeholder={t('tasks.filter.light')}
          aria-label={t('tasks.filter.light')}
          style={{ width: 120 }}
          options={TASK_LIGHT_ORDER.map((l) => ({ value: l, label: <LightDot light={l} /> }))}
          data-testid="task-filter-light"
        />
        <Select<TaskSource>
          allowClear
          value={source}
          onChange={setSource}
          placeholder={t('tasks.filter.source')}
          aria-label={t('tasks.filter.source')}
          style={{ width: 130 }}
          options={TASK_SOURCES.map((s) => ({ value: s, label: t(`tasks.source.${s}`) }))}
          data-testid="task-filter-source"
        />
        {cityWide && (
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={leadUnitId}
            onChange={setLeadUnitId}
            placeholder={t('tasks.filter.leadUnit')}
          aria-label={t('tasks.filter.leadUnit')}
            style={{ width: 220 }}
            options={unitOptions(units.data ?? [])}
            loading={units.loading}
            data-testid="task-filter-unit"
          />
        )}
        {alert && (
          <Tag color="error" closable onClose={() => setAlert(false)} style={{ alignSelf: 'center' }} data-testid="task-filter-alert">
            {t('tasks.filter.alertOnly')}
          </Tag>
        )}
        {due && (
          <Tag color="processing" closable onClose={() => setDue(undefined)} style={{ alignSelf: 'center' }} data-testid="task-filter-due">
            {t('tasks.filter.due', { from: due.from ?? '…', by: due.by ?? '…' })}
          </Tag>
        )}
        {leader && (
          <Tag closable onClose={() => setLeader(undefined)} style={{ alignSelf: 'center' }} data-testid="task-filter-leader">
            {t('tasks.filter.leader', { name: leader })}
          </Tag>
        )}
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="task-count">
          {t('tasks.count', { count: items.length })}
        </Typography.Text>
      </Flex>
      <Table<TaskDto>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={items}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('tasks.empty') }}
        onRow={(r) => ({ 'data-testid': `task-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
      />
      <TaskFormModal
        open={creating}
        units={units.data ?? []}
        onClose={() => setCreating(false)}
        onCreated={(task) => {
          setCreating(false);
          void navigate(taskPath(task.id));
        }}
      />
      {configuring && (
        <TaskSettingsModal
          onClose={() => {
            setConfiguring(false);
            list.reload();
          }}
        />
      )}
    </>
  );
}
