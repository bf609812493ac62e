import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Image, List, Popconfirm, Progress, Row, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { CheckCircleFilled, CheckOutlined, ClockCircleOutlined, EditOutlined, FileOutlined, RollbackOutlined, SendOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../../api/api-error';
import { useAction } from '../../../api/use-action';
import { useRequest } from '../../../api/use-request';
import { useCurrentUser } from '../../../app/auth-context';
import { formatDateTime } from '../../../components/format';
import { LoadError } from '../../../components/LoadError';
import { NotFoundResult } from '../../../components/NotFoundResult';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { LightTag, ProblemStatusTag, SourceTag } from './labels';
import { ActionModal, ReportModal, type ActionKind } from './ProblemModals';
import { isCityWide } from './roles';
import { evidenceUrl, problemsApi, type EvidenceFile, type ProblemDetail, type Requirement } from './problems.api';

/** Evidence the server takes: photos, MP4 video, PDF, Word and Excel (files.ts). */
const EVIDENCE_ACCEPT = 'image/jpeg,image/png,image/webp,video/mp4,.pdf,.docx,.xlsx';
const sizeText = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
const isImage = (mime: string) => mime.startsWith('image/');

/** One problem on the ledger: where, who answers for it, the checklist with reports and evidence, and the steps open to the reader. */
export function ProblemDetailPage() {
  const { problemId } = useParams();
  const id = Number(problemId);
  const valid = Number.isInteger(id) && id > 0;
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const loaded = useRequest(() => problemsApi.get(id), `problem:${id}`, valid);
  const [fresh, setFresh] = useState<ProblemDetail | null>(null);
  const problem = fresh?.id === id ? fresh : loaded.data;
  const [uploading, setUploading] = useState<number | null>(null);
  const [reporting, setReporting] = useState<Requirement | null>(null);
  const [acting, setActing] = useState<ActionKind | null>(null);
  // A step of the flow (submit, report, return, close, reopen): the server answers with the problem as it now is.
  const step = useAction(
    async (act: () => Promise<ProblemDetail>, done: string) => {
      setFresh(await act());
      void message.success(done);
      setReporting(null);
      setActing(null);
    },
    { onError: (m) => void message.error(m) },
  );

  if (!valid) return <NotFoundResult />;
  if (loaded.error !== null && !problem) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!problem) return <Card loading />;

  const can = (a: ProblemDetail['actions'][number]) => problem.actions.includes(a);
  const reload = () => {
    setFresh(null);
    loaded.reload();
  };

  const upload = async (q: Requirement, file: File) => {
    setUploading(q.id);
    try {
      await problemsApi.addEvidence(problem.id, q.id, file);
      void message.success(t('problems.evidence.uploaded', { file: file.name }));
      reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setUploading(null);
    }
  };

  const stepButtons = (
    <>
      {can('submit') && (
        <Popconfirm title={t('problems.action.submitConfirm')} onConfirm={() => void step.run(() => problemsApi.act(problem.id, { action: 'submit' }), t('problems.action.submitted'))}>
          <Button type="primary" icon={<SendOutlined />} loading={step.running} data-testid="problem-action-submit">
            {t('problems.action.submit')}
          </Button>
        </Popconfirm>
      )}
      {can('return') && (
        <Button danger icon={<RollbackOutlined />} onClick={() => setActing('return')} data-testid="problem-action-return">
          {t('problems.action.return')}
        </Button>
      )}
      {can('close') && (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setActing('close')} data-testid="problem-action-close">
          {t('problems.action.close')}
        </Button>
      )}
      {can('reopen') && (
        <Button icon={<UndoOutlined />} onClick={() => setActing('reopen')} data-testid="problem-action-reopen">
          {t('problems.action.reopen')}
        </Button>
      )}
    </>
  );

  const media = problem.finding?.media ?? [];

  return (
    <>
      <Typography.Link onClick={() => history.back()} style={{ display: 'inline-block', marginBottom: 8 }}>
        ← {t('problems.back')}
      </Typography.Link>
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="problem-title">{problem.title}</span>
            <ProblemStatusTag status={problem.status} returned={problem.returned} />
          </Space>
        }
        subtitle={t('problems.detail.subtitle', { id: problem.id, date: problem.startDate })}
        extra={stepButtons}
      />
      {problem.status === 'submitted' && !can('close') && isCityWide(user.role) && (
        <Typography.Paragraph type="secondary">{t('problems.detail.onlyOffice')}</Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('problems.detail.facts')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="problem-facts">
              <Descriptions.Item label={t('problems.col.light')}>
                <LightTag problem={problem} showReason />
              </Descriptions.Item>
              <Descriptions.Item label={t('problems.col.progress')}>
                <Progress percent={problem.progress} size="small" style={{ width: 160, margin: 0 }} format={() => `${problem.requirements.done}/${problem.requirements.total}`} aria-label={t('problems.col.progress')} />
              </Descriptions.Item>
              <Descriptions.Item label={t('problems.col.source')}>
                <Space size={4} wrap>
                  <SourceTag source={problem.source} />
                  {problem.auditRef && <span>{problem.auditRef}</span>}
                  {problem.finding && isCityWide(user.role) && (
                    <Link to={`/supervision/inspections/${problem.finding.inspectionId}`} data-testid="problem-finding-link">
                      {t('problems.detail.finding', { title: problem.finding.title })}
                    </Link>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('problems.col.unit')}>{problem.unit.name}</Descriptions.Item>
              <Descriptions.Item label={t('problems.col.leader')}>
                <span data-testid="problem-leader">{problem.responsibleLeader}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('problems.col.place')}>
                <span data-testid="problem-place">
                  {problem.place || t('common.none')}
                  {problem.latitude !== null && problem.longitude !== null && (
                    <Typography.Text type="secondary"> ({problem.latitude.toFixed(5)}, {problem.longitude.toFixed(5)})</Typography.Text>
                  )}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('problems.form.startDate')}>{problem.startDate}</Descriptions.Item>
              <Descriptions.Item label={t('problems.col.deadline')}>
                <span data-testid="problem-deadline">{problem.deadline}</span>
              </Descriptions.Item>
              {problem.closedAt && <Descriptions.Item label={t('problems.detail.closedAt')}>{formatDateTime(problem.closedAt)}</Descriptions.Item>}
              {problem.description && (
                <Descriptions.Item label={t('problems.form.description')} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{problem.description}</Typography.Paragraph>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>

          {media.length > 0 && (
            <Card title={t('problems.detail.media')} size="small" style={{ marginBottom: 16 }}>
              <Image.PreviewGroup>
                <Flex gap={12} wrap>
                  {media.map((m) =>
                    m.thumbnailUrl ? (
                      <Flex key={m.id} vertical gap={2} data-testid={`problem-media-${m.id}`}>
                        <Image src={m.thumbnailUrl} preview={{ src: m.url }} width={120} height={90} style={{ objectFit: 'cover', borderRadius: 4 }} alt={m.filename} />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(m.takenAt)}
                        </Typography.Text>
                      </Flex>
                    ) : (
                      <video key={m.id} src={m.url} controls preload="metadata" style={{ width: 200, borderRadius: 4 }} data-testid={`problem-media-${m.id}`} />
                    ),
                  )}
                </Flex>
              </Image.PreviewGroup>
            </Card>
          )}

          <Card
            title={t('problems.checklist')}
            size="small"
            extra={can('report') && <Typography.Text type="secondary">{t('problems.checklistHint')}</Typography.Text>}
          >
            <List<Requirement>
              dataSource={problem.checklist}
              data-testid="problem-checklist"
              renderItem={(q) => (
                <List.Item
                  data-testid={`requirement-${q.position}`}
                  data-done={q.done}
                  actions={
                    can('report')
                      ? [
                          <Upload
                            key="upload"
                            accept={EVIDENCE_ACCEPT}
                            showUploadList={false}
                            multiple
                            beforeUpload={(file) => {
                              void upload(q, file);
                              return false;
                            }}
                          >
                            <Button size="small" icon={<UploadOutlined />} loading={uploading === q.id} data-testid={`requirement-upload-${q.position}`}>
                              {t('problems.evidence.upload')}
                            </Button>
                          </Upload>,
                          <Button key="report" size="small" icon={<EditOutlined />} onClick={() => setReporting(q)} data-testid={`requirement-report-${q.position}`}>
                            {t('problems.report.button')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    avatar={q.done ? <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} /> : <ClockCircleOutlined style={{ color: '#999', fontSize: 18 }} />}
                    title={
                      <Space wrap>
                        <span>
                          {q.position}. {q.text}
                        </span>
                        <Tag color={q.done ? 'success' : 'default'}>{q.done ? t('problems.requirement.done') : t('problems.requirement.open')}</Tag>
                      </Space>
                    }
                    description={
                      <Flex vertical gap={6}>
                        {q.report ? (
                          <Typography.Text data-testid={`requirement-report-text-${q.position}`}>
                            {t('problems.requirement.report')}：{q.report}
                            <Typography.Text type="secondary"> · {formatDateTime(q.reportedAt)}</Typography.Text>
                          </Typography.Text>
                        ) : (
                          <Typography.Text type="secondary">{t('problems.requirement.noReport')}</Typography.Text>
                        )}
                        <EvidenceFiles problemId={problem.id} files={q.evidence} />
                      </Flex>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('problems.detail.events')} size="small">
            {problem.events.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                data-testid="problem-events"
                items={problem.events.map((e) => ({
                  key: e.id,
                  color: e.action === 'close' ? 'green' : e.action === 'return' || e.action === 'reopen' ? 'red' : 'blue',
                  content: (
                    <Flex vertical gap={0}>
                      <Typography.Text strong>{t(eventKey(e.action))}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(e.at)} · {e.actor ?? t('common.none')}
                      </Typography.Text>
                      {e.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Text>}
                    </Flex>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <ReportModal
        requirement={reporting}
        busy={step.running}
        onReport={(q, body) => void step.run(() => problemsApi.report(problem.id, q.id, body), t('problems.report.saved', { n: q.position }))}
        onClose={() => setReporting(null)}
      />
      <ActionModal
        kind={acting}
        problem={problem}
        busy={step.running}
        onAct={(body) => void step.run(() => problemsApi.act(problem.id, body), t(`problems.action.${body.action}Done`))}
        onClose={() => setActing(null)}
      />
    </>
  );
}

const EVENT_KEYS = ['create', 'evidence', 'report', 'submit', 'close', 'return', 'reopen'] as const;
const eventKey = (action: string) => `problems.event.${EVENT_KEYS.find((k) => k === action) ?? 'other'}` as const;

/** The evidence of one requirement: image thumbnails and download links. */
function EvidenceFiles({ problemId, files }: { problemId: number; files: EvidenceFile[] }) {
  const { t } = useI18n();
  if (files.length === 0) return <Typography.Text type="secondary">{t('problems.evidence.none')}</Typography.Text>;
  return (
    <Flex gap={8} wrap align="flex-end">
      {files.map((e) => (
        <Flex key={e.id} vertical gap={2} style={{ maxWidth: 140 }} data-testid={`evidence-${e.id}`}>
          {isImage(e.mime) ? (
            <Image src={evidenceUrl(problemId, e.id)} width={96} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} alt={e.filename} />
          ) : (
            <FileOutlined style={{ fontSize: 32, color: '#8c8c8c' }} />
          )}
          <Typography.Link href={evidenceUrl(problemId, e.id)} download={e.filename} ellipsis style={{ fontSize: 12 }} title={e.filename}>
            {e.filename}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {sizeText(e.size)} · {formatDateTime(e.uploadedAt)}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
