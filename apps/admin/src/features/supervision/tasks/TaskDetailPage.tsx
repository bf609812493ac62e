import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Divider, Empty, Flex, Progress, Row, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { TASK_REASON_ACTIONS, type TaskAction } from '@kaoping/shared';
import { errorMessage } from '../../../api/api-error';
import { useRequest } from '../../../api/use-request';
import { PAGE_PATHS } from '../../../app/access';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime, todayInZone } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { TaskLightTag, TaskStatusTag } from './task-labels';
import { TaskStepModal } from './TaskStepModal';
import { tasksApi, type EvidenceDto, type TaskDetailDto, type TaskEventDto } from './tasks.api';

const TIMELINE_COLORS: Partial<Record<TaskAction, string>> = { reject: 'red', return: 'red', reopen: 'orange', accept: 'green', feedback: 'blue', report: 'blue' };
const sizeLabel = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** One task: what it is and where it came from, its light, milestones, every step taken, and the steps open to the reader. */
export function TaskDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().taskId);
  const detail = useRequest(() => tasksApi.get(id), `task:${id}`, Number.isInteger(id) && id > 0);
  const [acting, setActing] = useState<TaskAction | null>(null);
  const [updated, setUpdated] = useState<TaskDetailDto | null>(null);
  const task = updated?.id === id ? updated : detail.data;

  const back = (
    <Link to={PAGE_PATHS.supervisionTasks} style={{ display: 'inline-block', marginBottom: 8 }}>
      <ArrowLeftOutlined /> {t('tasks.back')}
    </Link>
  );

  if (!task) {
    return (
      <>
        {back}
        <PageHeader title={t('tasks.title')} />
        {detail.error !== null ? <LoadError error={detail.error} onRetry={detail.reload} /> : <Card loading={detail.loading}>{!detail.loading && <Empty />}</Card>}
      </>
    );
  }

  const lastReturn = [...task.events].reverse().find((e) => e.action === 'return');
  return (
    <>
      {back}
      <PageHeader
        title={
          <Space size={12} wrap>
            <span data-testid="task-title">{task.title}</span>
            <TaskStatusTag status={task.status} returned={task.returned} />
          </Space>
        }
        subtitle={<TaskLightTag task={task} showReason />}
        extra={
          task.actions.length > 0 ? (
            task.actions.map((a) => (
              <Button
                key={a}
                type={TASK_REASON_ACTIONS.includes(a) ? 'default' : 'primary'}
                danger={TASK_REASON_ACTIONS.includes(a)}
                onClick={() => setActing(a)}
                data-testid={`task-action-${a}`}
              >
                {t(`tasks.action.${a}`)}
              </Button>
            ))
          ) : (
            <Typography.Text type="secondary" data-testid="task-no-actions">
              {t('tasks.detail.noActions')}
            </Typography.Text>
          )
        }
      />
      {detail.error !== null && <LoadError error={detail.error} onRetry={detail.reload} />}
      {task.returned && task.status !== 'closed' && lastReturn && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="task-returned-banner"
          title={t('tasks.detail.returnedBanner')}
          description={t('tasks.detail.returnedBy', { note: lastReturn.note ?? '', actor: lastReturn.actor, at: formatDateTime(lastReturn.at) })}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('tasks.detail.info')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={2} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label={t('tasks.form.source')}>{t(`tasks.source.${task.source}`)}</Descriptions.Item>
              <Descriptions.Item label={t('tasks.form.originRef')}>
                <span data-testid="task-origin">
                  {task.origin && <Tag>{t(`tasks.origin.kind.${task.origin.kind}`)}</Tag>}
                  {task.originSuggestionId !== null ? `${t('tasks.form.originSuggestion')} ${task.originSuggestionId}` : (task.originRef ?? t('common.none'))}
                  {task.origin && (task.origin.kind === 'ranking' || task.origin.kind === 'progress') && task.origin.unitId !== null && (
                    <Link to={`${PAGE_PATHS.assessmentResults}/${task.origin.id}/units/${task.origin.unitId}`} style={{ marginInlineStart: 8 }} data-testid="task-origin-scorecard">
                      {t('tasks.origin.scorecard')}
                    </Link>
                  )}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('tasks.form.leadUnit')}>
                <span data-testid="task-lead-unit">{task.leadUnit.name}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('tasks.form.coUnits')}>{task.coUnits.length ? task.coUnits.map((u) => u.name).join('、') : t('tasks.detail.coUnitsNone')}</Descriptions.Item>
              <Descriptions.Item label={t('tasks.form.leader')}>{task.responsibleLeader}</Descriptions.Item>
              <Descriptions.Item label={t('tasks.detail.startDate')}>{task.startDate}</Descriptions.Item>
              <Descriptions.Item label={t('tasks.form.deadline')}>{task.deadline}</Descriptions.Item>
              {task.closedAt && <Descriptions.Item label={t('tasks.detail.closedAt')}>{formatDateTime(task.closedAt)}</Descriptions.Item>}
              <Descriptions.Item label={t('tasks.col.progress')} span={2}>
                <Flex gap={12} align="center" style={{ width: '100%', maxWidth: 420 }}>
                  <Progress percent={Math.round(task.progress ?? 0)} size="small" style={{ flex: 1, margin: 0 }} status={task.status === 'closed' ? 'success' : 'normal'} aria-label={t('tasks.col.progress')} data-testid="task-progress" />
                  {task.light.light && (
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      {t('tasks.detail.expected', { expected: Math.round(task.light.expected) })}
                    </Typography.Text>
                  )}
                </Flex>
              </Descriptions.Item>
            </Descriptions>
            {task.description && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12, marginBottom: 0 }} data-testid="task-description">
                {task.description}
              </Typography.Paragraph>
            )}
          </Card>
          <Card title={t('tasks.detail.milestones')} size="small">
            <Milestones task={task} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('tasks.detail.timeline')} size="small">
            {task.events.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.detail.noEvents')} />
            ) : (
              <Timeline
                style={{ marginTop: 8 }}
                data-testid="task-timeline"
                items={[...task.events].reverse().map((e) => ({ key: e.id, color: TIMELINE_COLORS[e.action] ?? 'gray', content: <EventItem taskId={task.id} event={e} /> }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <TaskStepModal
        task={task}
        action={acting}
        onClose={() => setActing(null)}
        onDone={(next) => {
          setActing(null);
          setUpdated(next);
        }}
      />
    </>
  );
}

function Milestones({ task }: { task: TaskDetailDto }) {
  const { t } = useI18n();
  if (!task.milestones.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.detail.noMilestones')} />;
  const today = todayInZone();
  return (
    <Flex vertical>
      {task.milestones.map((m, i) => {
        const state = m.doneAt || task.status === 'closed' ? 'done' : m.dueDate < today ? 'overdue' : 'pending';
        return (
          <div key={m.id}>
            {i > 0 && <Divider style={{ margin: '8px 0' }} />}
            <Flex justify="space-between" gap={12} data-testid={`task-milestone-${m.id}`}>
              <span>{m.title}</span>
              <Space size={8}>
                <Typography.Text type="secondary">{m.dueDate}</Typography.Text>
                <Tag color={state === 'done' ? 'success' : state === 'overdue' ? 'error' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {t(state === 'done' ? 'tasks.detail.milestoneDone' : state === 'overdue' ? 'tasks.detail.milestoneOverdue' : 'tasks.detail.milestonePending')}
                </Tag>
              </Space>
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}

function EventItem({ taskId, event: e }: { taskId: number; event: TaskEventDto }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const download = async (file: EvidenceDto) => {
    try {
      void message.success(t('tasks.detail.downloaded', { file: await tasksApi.downloadEvidence(taskId, file) }));
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const isReason = TASK_REASON_ACTIONS.includes(e.action);
  return (
    <div data-testid={`task-event-${e.id}`} data-action={e.action}>
      <Space size={8} wrap>
        <Typography.Text strong>{t(`tasks.action.${e.action}`)}</Typography.Text>
        <Typography.Text type="secondary">
          {e.actor} · {formatDateTime(e.at)}
        </Typography.Text>
        {e.progress !== null && <Tag style={{ marginInlineEnd: 0 }}>{t('tasks.detail.progress', { progress: Math.round(e.progress) })}</Tag>}
      </Space>
      {e.note && (
        <Typography.Paragraph type={isReason ? 'danger' : undefined} style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }} data-testid="task-event-note">
          {isReason ? t('tasks.detail.reason', { note: e.note }) : e.note}
        </Typography.Paragraph>
      )}
      {e.evidence.length > 0 && (
        <Flex vertical gap={2} style={{ marginTop: 4 }}>
          {e.evidence.map((f) => (
            <Button key={f.id} type="link" size="small" icon={<PaperClipOutlined />} style={{ padding: 0, height: 'auto', justifyContent: 'flex-start' }} onClick={() => void download(f)} data-testid={`task-evidence-${f.id}`}>
              {f.filename}
              <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                {sizeLabel(f.size)}
              </Typography.Text>
            </Button>
          ))}
        </Flex>
      )}
    </div>
  );
}
