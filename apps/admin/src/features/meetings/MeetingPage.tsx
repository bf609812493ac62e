import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Input, List, Popconfirm, Row, Segmented, Select, Space, Tabs, Tag, Typography } from 'antd';
import { DesktopOutlined, EditOutlined, LeftOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { CommentKind } from '@kaoping/shared';
import { useAction, useKeyedAction } from '../../api/use-action';
import { useRequest } from '../../api/use-request';
import { DocumentButtons } from '../../components/DocumentButtons';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { ReceiptsPanel } from '../../components/ReceiptsPanel';
import { formatDateTime } from '../../components/format';
import { useI18n } from '../../i18n/i18n-context';
import { LightDot, MaterialView } from './MaterialView';
import { MeetingFormModal } from './MeetingFormModal';
import { STATUS_COLORS } from './MeetingsPage';
import { meetingsApi, type MeetingDetail, type MeetingPresenter } from './meetings.api';

/** One meeting: its facts, each presenter's frozen material, and the comments form the clerk types into during the meeting. */
export function MeetingPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().meetingId);
  const req = useRequest(() => meetingsApi.get(id), `meeting-${id}`);
  const [meeting, setMeeting] = useState<MeetingDetail>();
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<string>();
  useEffect(() => setMeeting(req.data), [req.data]);

  const onError = (text: string) => void message.error(text);
  /** A step keyed by its button (prepare, sign, minutes): the server answers with the meeting as it now is. */
  const step = useKeyedAction(async (_key: string, call: () => Promise<MeetingDetail>, done: (m: MeetingDetail) => string) => {
    const m = await call();
    setMeeting(m);
    void message.success(done(m));
  }, { onError });
  const remind = useAction(async (meetingId: number, unitIds?: number[]) => {
    const r = await meetingsApi.remindMinutes(meetingId, unitIds);
    void message.success(t('bulletins.reminded', { count: r.reminded }));
    setMeeting(await meetingsApi.get(meetingId));
  }, { onError });

  if (req.error !== null) return <LoadError error={req.error} onRetry={req.reload} />;
  if (!meeting) return <Card loading />;
  const m = meeting;
  const open = m.minutesNo === null;
  /** A presenting unit's head or reporter reading the issued minutes (their own receipt only). */
  const unitView = m.ownSignedAt !== undefined;
  const current = m.presenters.find((p) => String(p.id) === tab) ?? m.presenters[0];

  return (
    <>
      <Link to="/meetings">
        <LeftOutlined /> {t('meetings.back')}
      </Link>
      <PageHeader
        title={
          <Space>
            {m.title}
            <Tag color={STATUS_COLORS[m.status]} data-testid="meeting-status">
              {t(`meetings.status.${m.status}`)}
              {m.minutesNo ? ` ${m.minutesNo}` : ''}
            </Tag>
          </Space>
        }
        subtitle={`${m.kindLabel} · ${m.heldOn}`}
        extra={
          <>
            {m.canManage && open && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="meeting-edit">
                {t('meetings.edit')}
              </Button>
            )}
            {m.canManage && open && (
              <Button
                icon={<ReloadOutlined />}
                loading={step.runningFor('prepare')}
                onClick={() => void step.run('prepare', () => meetingsApi.prepare(m.id), (x) => t('meetings.prepared', { date: x.materialAsOf }))}
                data-testid="meeting-prepare"
              >
                {m.preparedAt ? t('meetings.prepareAgain') : t('meetings.prepare')}
              </Button>
            )}
            {m.can.sign && (
              <Button type="primary" loading={step.runningFor('sign')} onClick={() => void step.run('sign', () => meetingsApi.signMinutes(m.id), () => t('bulletins.signedMsg'))} data-testid="meeting-sign">
                {t('meetings.signMinutes')}
              </Button>
            )}
            {unitView && m.ownSignedAt && (
              <Tag color="green" data-testid="meeting-own-signed">
                {t('meetings.ownSigned', { at: formatDateTime(m.ownSignedAt) })}
              </Tag>
            )}
            {!unitView && (
              <Button type="primary" icon={<DesktopOutlined />} disabled={!m.preparedAt} onClick={() => void navigate(`/meetings/${m.id}/present`)} data-testid="meeting-present">
                {t('meetings.present')}
              </Button>
            )}
            {m.canManage && open && (
              <Button
                loading={step.runningFor('minutes')}
                onClick={() =>
                  void modal.confirm({
                    title: t('meetings.issueMinutes'),
                    content: t('meetings.issueConfirm'),
                    okButtonProps: { 'data-testid': 'meeting-issue-ok' } as never,
                    onOk: () => step.run('minutes', () => meetingsApi.issueMinutes(m.id), (x) => t('meetings.issued', { no: x.minutesNo ?? '' })),
                  })
                }
                data-testid="meeting-issue"
              >
                {t('meetings.issueMinutes')}
              </Button>
            )}
            <DocumentButtons label={t('meetings.minutes')} download={(format) => meetingsApi.downloadMinutes(m.id, format)} testId="meeting-minutes" />
          </>
        }
      />
      <Descriptions size="small" column={4} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('meetings.info.venue')}>{m.venue || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.info.video')}>{m.videoNote || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.info.leaders')}>{m.leaders.map((l) => l.name).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.info.asOf')}>{m.materialAsOf}</Descriptions.Item>
      </Descriptions>
      {m.canManage && m.receipts.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <ReceiptsPanel receipts={m.receipts} canRemind={m.can.remind} reminding={remind.running} onRemind={(ids) => void remind.run(m.id, ids)} testId="minutes" />
        </div>
      )}
      <Tabs
        activeKey={current ? String(current.id) : undefined}
        onChange={setTab}
        data-testid="meeting-presenters"
        items={m.presenters.map((p) => ({
          key: String(p.id),
          label: (
            <span data-testid={`presenter-tab-${p.unit.code}`}>
              {p.position}. {p.unit.name} <Typography.Text type="secondary">{t('meetings.minutesShort', { minutes: p.minutes })}</Typography.Text>
            </span>
          ),
          children: (
            <Row gutter={16}>
              <Col xs={24} xl={14}>
                {p.material ? <MaterialView m={p.material} /> : <Empty description={t('meetings.noMaterial')} />}
              </Col>
              <Col xs={24} xl={10}>
                <CommentsPanel meeting={m} presenter={p} onChange={setMeeting} />
              </Col>
            </Row>
          ),
        }))}
      />
      <MeetingFormModal
        open={editing}
        meeting={m}
        onClose={() => setEditing(false)}
        onSaved={(x) => {
          setEditing(false);
          setMeeting(x);
        }}
      />
    </>
  );
}

/**
 * The clerk's panel for one presenter: what was said (comments and commitments), each made into a
 * supervised task with one button, and a form that saves on Enter with the leader and presenter chosen.
 */
function CommentsPanel({ meeting, presenter, onChange }: { meeting: MeetingDetail; presenter: MeetingPresenter; onChange(m: MeetingDetail): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const open = meeting.minutesNo === null && meeting.canManage;
  const [kind, setKind] = useState<CommentKind>('comment');
  const [leaderId, setLeaderId] = useState<number | undefined>(meeting.leaders[0]?.userId);
  const [speaker, setSpeaker] = useState('');
  const [body, setBody] = useState('');
  const [points, setPoints] = useState(presenter.mainPoints);
  const input = useRef<TextAreaRef>(null);
  const comments = meeting.comments.filter((c) => c.presenterId === presenter.id);
  const onError = (m: string) => void message.error(m);

  const save = useAction(
    async () => {
      if (body.trim().length < 2) return void message.warning(t('meetings.c.bodyRule'));
      if (kind === 'commitment' && speaker.trim().length < 2) return void message.warning(t('meetings.c.speakerRule'));
      try {
        const m = await meetingsApi.comment(meeting.id, {
          presenterId: presenter.id,
          kind,
          ...(kind === 'comment' && leaderId !== undefined ? { leaderUserId: leaderId } : {}),
          ...(kind === 'commitment' ? { speaker: speaker.trim() } : {}),
          body: body.trim(),
        });
        setBody('');
        onChange(m);
        void message.success(t('meetings.c.saved'));
      } finally {
        // The secretary types the next comment straight away, saved or not.
        input.current?.focus();
      }
    },
    { onError },
  );

  // Keyed by the comment: only its link spins, another comment can be made a task meanwhile.
  const toTask = useKeyedAction(async (commentId: number) => {
    const task = await meetingsApi.toTask(meeting.id, commentId);
    void message.success(t('meetings.c.made', { id: task.id }));
    onChange(await meetingsApi.get(meeting.id));
  }, { onError });
  const remove = useKeyedAction(async (commentId: number) => {
    await meetingsApi.deleteComment(meeting.id, commentId);
    onChange(await meetingsApi.get(meeting.id));
  }, { onError });
  const savePoints = useAction(async () => {
    onChange(await meetingsApi.points(meeting.id, presenter.id, points));
    void message.success(t('meetings.c.saved'));
  }, { onError });

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('meetings.c.title')} data-testid="comments-panel">
        <List
          size="small"
          dataSource={comments}
          locale={{ emptyText: t('meetings.c.empty') }}
          data-testid="comments-list"
          renderItem={(c) => (
            <List.Item
              data-testid={`comment-${c.id}`}
              actions={[
                c.task ? (
                  <Link key="task" to={`/supervision/tasks/${c.task.id}`} data-testid={`comment-task-${c.id}`}>
                    <Space size={4}>
                      <LightDot light={c.task.light} />
                      {t('meetings.c.task', { id: c.task.id })}
                    </Space>
                  </Link>
                ) : (
                  meeting.canManage && (
                    <Button key="make" size="small" type="link" loading={toTask.runningFor(c.id)} onClick={() => void toTask.run(c.id)} data-testid={`comment-make-task-${c.id}`}>
                      {t('meetings.c.toTask')}
                    </Button>
                  )
                ),
                open && !c.task && (
                  <Popconfirm key="del" title={t('meetings.c.delete')} onConfirm={() => void remove.run(c.id)}>
                    <Button size="small" type="link" danger>
                      {t('meetings.c.delete')}
                    </Button>
                  </Popconfirm>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space>
                    <Tag color={c.kind === 'comment' ? 'volcano' : 'geekblue'}>{t(`meetings.c.${c.kind}`)}</Tag>
                    {c.speaker}
                  </Space>
                }
                description={<Typography.Text>{c.body}</Typography.Text>}
              />
            </List.Item>
          )}
        />
        {open && (
          <Flex vertical gap={8} style={{ marginTop: 8 }} data-testid="comment-form">
            <Flex gap={8}>
              <Segmented<CommentKind>
                value={kind}
                onChange={setKind}
                options={[
                  { value: 'comment', label: t('meetings.c.comment') },
                  { value: 'commitment', label: t('meetings.c.commitment') },
                ]}
                data-testid="comment-kind"
              />
              {kind === 'comment' ? (
                <Select
                  style={{ flex: 1 }}
                  value={leaderId}
                  onChange={setLeaderId}
                  placeholder={t('meetings.c.leader')}
                  options={meeting.leaders.map((l) => ({ value: l.userId, label: l.name }))}
                  data-testid="comment-leader"
                />
              ) : (
                <Input style={{ flex: 1 }} value={speaker} onChange={(e) => setSpeaker(e.target.value)} placeholder={t('meetings.c.speaker')} maxLength={60} data-testid="comment-speaker" />
              )}
            </Flex>
            <Input.TextArea
              ref={input}
              autoFocus
              value={body}
              onChange={(e) => setBody(e.target.value)}
              autoSize={{ minRows: 2, maxRows: 6 }}
              placeholder={t('meetings.c.body')}
              maxLength={4000}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  void save.run();
                }
              }}
              data-testid="comment-body"
            />
            <Button type="primary" loading={save.running} onClick={() => void save.run()} data-testid="comment-save">
              {t('meetings.c.save')}
            </Button>
          </Flex>
        )}
      </Card>
      <Card size="small" title={t('meetings.points')}>
        <Input.TextArea value={points} onChange={(e) => setPoints(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} disabled={!open} data-testid="presenter-points" />
        {open && (
          <Button
            style={{ marginTop: 8 }}
            onClick={() => void savePoints.run()}
          >
            {t('meetings.pointsSave')}
          </Button>
        )}
      </Card>
    </Flex>
  );
}
