import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Grid, Row, Space, Typography } from 'antd';
import { FileAddOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { ProblemStatus } from '@kaoping/shared';
import { useRequest } from '../../../api/use-request';
import { useCurrentUser } from '../../../app/auth-context';
import { formatDateTime } from '../../../components/format';
import { LoadError } from '../../../components/LoadError';
import { NotFoundResult } from '../../../components/NotFoundResult';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { unitsApi } from '../../units/units.api';
import { ProblemStatusTag } from '../problems/labels';
import { canSupervise } from '../problems/roles';
import { StreamModal } from '../shared/StreamModal';
import { MakeTaskButton } from '../tasks/MakeTaskButton';
import { FindingDrawer } from './FindingDrawer';
import { FindingProblemModal } from './FindingProblemModal';
import { FindingsMap } from './FindingsMap';
import { inspectionsApi, type FindingDto } from './inspections.api';
import { MediaPanel } from './MediaPanel';

/** One inspection: its findings with their photos and videos, on a map, each put on the ledger or not yet. */
export function InspectionDetailPage() {
  const { inspectionId } = useParams();
  const id = Number(inspectionId);
  const valid = Number.isInteger(id) && id > 0;
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const user = useCurrentUser();
  const manage = canSupervise(user.role);
  const screens = Grid.useBreakpoint();
  const inspection = useRequest(() => inspectionsApi.get(id), `inspection:${id}`, valid);
  const map = useRequest(() => inspectionsApi.map({ inspectionId: id }), `inspection-map:${id}`, valid);
  const units = useRequest(unitsApi.list, 'units');
  const activeUnits = useMemo(() => (units.data ?? []).filter((u) => u.active), [units.data]);
  const [entering, setEntering] = useState(false);
  const [converting, setConverting] = useState<FindingDto | null>(null);
  const [streamOpen, setStreamOpen] = useState(false);

  // A point on the map links to its finding here.
  useEffect(() => {
    if (hash && inspection.data) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [hash, inspection.data]);

  if (!valid) return <NotFoundResult />;
  if (inspection.error !== null && !inspection.data) return <LoadError error={inspection.error} onRetry={inspection.reload} />;
  const i = inspection.data;
  if (!i) return <Card loading />;

  const reload = () => {
    inspection.reload();
    map.reload();
  };
  const unitName = (unitId: number | null) => (unitId === null ? t('inspections.finding.noUnit') : (units.data?.find((u) => u.id === unitId)?.name ?? `#${unitId}`));

  return (
    <>
      <Link to="/supervision/inspections" style={{ display: 'inline-block', marginBottom: 8 }}>
        ← {t('inspections.back')}
      </Link>
      <PageHeader
        title={<span data-testid="inspection-title">{i.place}</span>}
        subtitle={t('inspections.detail.subtitle', { date: i.inspectedOn, inspector: i.inspector })}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEntering(true)} data-testid="finding-new">
              {t('inspections.finding.new')}
            </Button>
          )
        }
      />
      {i.notes && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{i.notes}</Typography.Paragraph>}
      <Typography.Paragraph>
        <Space>
          <Typography.Text type="secondary">{t('projects.stream')}:</Typography.Text>
          <Typography.Text copyable={!!i.streamUrl} data-testid="inspection-stream">
            {i.streamUrl ?? t('projects.stream.none')}
          </Typography.Text>
          {manage && (
            <Button size="small" onClick={() => setStreamOpen(true)} data-testid="stream-edit">
              {t('projects.stream.edit')}
            </Button>
          )}
        </Space>
      </Typography.Paragraph>
      {streamOpen && (
        <StreamModal
          name={i.place}
          streamUrl={i.streamUrl}
          save={(streamUrl) => inspectionsApi.setStream(i.id, streamUrl)}
          onClose={() => setStreamOpen(false)}
          onSaved={() => {
            void message.success(t('projects.stream.saved'));
            setStreamOpen(false);
            reload();
          }}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{t('inspections.detail.count', { findings: i.items.length, problems: i.items.filter((f) => f.problem).length })}</Typography.Text>
            {i.items.length === 0 && (
              <Card>
                <Empty description={t('inspections.detail.empty')} />
              </Card>
            )}
            {i.items.map((f) => (
              <Card
                key={f.id}
                id={`finding-${f.id}`}
                size="small"
                data-testid={`finding-${f.id}`}
                title={
                  <Space wrap>
                    <span>{f.title}</span>
                    {f.problem && <ProblemStatusTag status={f.problem.status as ProblemStatus} />}
                  </Space>
                }
                extra={
                  <Space wrap>
                    {f.unitId !== null && <MakeTaskButton origin={{ kind: 'finding', id: f.id }} testId={`finding-make-task-${f.id}`} />}
                    {f.problem ? (
                      <Link to={`/supervision/problems/${f.problem.id}`} data-testid={`finding-problem-${f.id}`}>
                        {t('inspections.finding.problemLink', { id: f.problem.id })}
                      </Link>
                    ) : (
                      manage && (
                        <Button size="small" type="primary" ghost icon={<FileAddOutlined />} onClick={() => setConverting(f)} data-testid={`finding-to-problem-${f.id}`}>
                          {t('inspections.finding.toProblem')}
                        </Button>
                      )
                    )}
                  </Space>
                }
              >
                <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 8 }}>
                  <Descriptions.Item label={t('inspections.col.place')}>{f.place || t('common.none')}</Descriptions.Item>
                  <Descriptions.Item label={t('inspections.finding.unit')}>{unitName(f.unitId)}</Descriptions.Item>
                  <Descriptions.Item label={t('inspections.finding.observedAt')}>{formatDateTime(f.observedAt)}</Descriptions.Item>
                  {f.latitude !== null && f.longitude !== null && (
                    <Descriptions.Item label={t('inspections.finding.coords')}>
                      {f.latitude.toFixed(5)}, {f.longitude.toFixed(5)}
                    </Descriptions.Item>
                  )}
                  {f.description && (
                    <Descriptions.Item label={t('inspections.finding.description')} span={2}>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{f.description}</span>
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <MediaPanel findingId={f.id} media={f.media} editable={manage && !f.problem} compact={!screens.md} onAdded={reload} />
              </Card>
            ))}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <FindingsMap points={map.data ?? []} loading={map.loading} height={340} onOpen={(p) => void navigate(`#finding-${p.id}`)} />
        </Col>
      </Row>
      <FindingDrawer
        inspectionId={i.id}
        open={entering}
        units={activeUnits}
        onChanged={reload}
        onToProblem={(f) => {
          // The drawer gives way to the form, so that nothing lies over it on a phone.
          setEntering(false);
          setConverting(f);
        }}
        onClose={() => setEntering(false)}
      />
      <FindingProblemModal
        finding={converting}
        units={activeUnits}
        onClose={() => setConverting(null)}
        onDone={(p) => {
          void message.success(t('inspections.toProblem.done', { id: p.id }));
          setConverting(null);
          setEntering(false);
          reload();
        }}
      />
    </>
  );
}
