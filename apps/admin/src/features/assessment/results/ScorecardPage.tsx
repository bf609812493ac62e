import { useMemo } from 'react';
import { Alert, Button, Card, Col, Collapse, Descriptions, Empty, Flex, Progress, Result, Row, Select, Skeleton, Statistic, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, InfoCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../api/api-error';
import { useRequest } from '../../../api/use-request';
import { PAGE_PATHS } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth-context';
import { DocumentButtons } from '../../../components/DocumentButtons';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { RunInfo } from '../shared/RunInfo';
import { seesAllResults } from '../shared/result-access';
import { fmtPoints, gradeColor, useResultLabels } from '../shared/result-format';
import { scoreRunsApi, type Scorecard } from '../shared/score-runs.api';
import { ChangeCard } from './CompareView';
import { buildTree, IndicatorTree } from './IndicatorTree';
import { scorecardPath } from './ResultsPage';
import { TrendView } from './TrendView';

/** A unit's scorecard in one run: totals, rank and grade, what changed since the run before, the trend, and every indicator with its explanation. */
export function ScorecardPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const runId = Number(useParams().runId);
  const unitId = Number(useParams().unitId);
  const valid = Number.isInteger(runId) && runId > 0 && Number.isInteger(unitId) && unitId > 0;
  const cityWide = seesAllResults(user.role);

  const card = useRequest(() => scoreRunsApi.scorecard(runId, unitId), `card:${runId}:${unitId}`, valid);
  const data = card.data?.run.id === runId && card.data.unit.unitId === unitId ? card.data : undefined;
  const schemeId = data?.run.schemeId;
  const runs = useRequest(() => scoreRunsApi.runs(schemeId!), `runs:${schemeId ?? ''}`, schemeId !== undefined);
  const scheme = useRequest(() => scoreRunsApi.scheme(schemeId!), `scheme:${schemeId ?? ''}`, schemeId !== undefined);
  const runList = runs.data?.every((r) => r.schemeId === schemeId) ? runs.data : [];
  const previous = runList.find((r) => r.id < runId);
  const comparison = useRequest(() => scoreRunsApi.compare(previous!.id, runId), `cmp:${previous?.id ?? ''}:${runId}`, previous !== undefined);
  const { runLabel, runShortLabel } = useResultLabels();

  const doc = scheme.data?.id === schemeId ? scheme.data?.document : undefined;
  const rows = useMemo(() => (data ? buildTree(doc?.indicators, data.indicators) : []), [data, doc]);
  const back = `${PAGE_PATHS.assessmentResults}?${new URLSearchParams({ ...(schemeId ? { scheme: String(schemeId) } : {}), run: String(runId) }).toString()}`;

  if (!valid) return <Result status="404" title={t('results.notFound')} />;
  if (card.error instanceof ApiError && card.error.status === 403) {
    return (
      <Result
        status="403"
        title={t('results.ownOnly')}
        extra={user.unit && <Button onClick={() => navigate(scorecardPath(runId, user.unit!.id))}>{t('results.openOwnScorecard')}</Button>}
      />
    );
  }

  const change = comparison.data?.to.id === runId ? comparison.data.changes.find((c) => c.unitId === unitId) : undefined;
  return (
    <>
      <PageHeader
        title={data ? t('results.scorecardTitle', { name: data.unit.name }) : t('results.scorecard')}
        subtitle={data ? t('results.scorecardSubtitle', { code: data.unit.code, group: data.unit.group }) : undefined}
        extra={
          <>
            {data && <DocumentButtons label={t('results.scorecardDocument')} testId="scorecard-document" download={(format) => scoreRunsApi.scorecardDocument(runId, unitId, format)} />}
            {cityWide && (
              <Link to={back}>
                <Button icon={<ArrowLeftOutlined />} data-testid="back-to-rankings">
                  {t('results.backToRankings')}
                </Button>
              </Link>
            )}
            <Select
              value={runId}
              onChange={(id: number) => navigate(scorecardPath(id, unitId, schemeId ?? (Number(params.get('scheme')) || undefined)))}
              style={{ width: 250 }}
              popupMatchSelectWidth={false}
              labelRender={({ value }) => {
                const r = runList.find((x) => x.id === value) ?? data?.run;
                return r ? runShortLabel(r) : String(value);
              }}
              aria-label={t('results.run')}
              data-testid="run-select"
              loading={runs.loading}
              options={(runList.length ? runList : data ? [data.run] : []).map((r) => ({ value: r.id, label: runLabel(r) }))}
            />
          </>
        }
      />
      {card.error !== null && <LoadError error={card.error} onRetry={card.reload} />}
      {!data && card.loading && <Skeleton active paragraph={{ rows: 10 }} />}
      {data && (
        <Flex vertical gap={16}>
          <Card size="small">
            <RunInfo run={data.run} />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={9}>
              <Summary card={data} max={doc?.total} />
            </Col>
            <Col xs={24} xl={15}>
              <Flex vertical gap={16}>
                <Card
                  size="small"
                  title={t('results.sinceLastRun')}
                  extra={previous && <Typography.Text type="secondary">{t('results.baseline', { label: runLabel(previous) })}</Typography.Text>}
                  data-testid="scorecard-changes"
                >
                  {comparison.error !== null && <LoadError error={comparison.error} onRetry={comparison.reload} />}
                  {!previous ? (
                    <Typography.Text type="secondary">{t('results.noBaseline')}</Typography.Text>
                  ) : comparison.loading && !comparison.data ? (
                    <Skeleton active paragraph={{ rows: 2 }} />
                  ) : change ? (
                    <ChangeCard change={change} bare />
                  ) : (
                    <Alert type="success" showIcon title={t('results.unitUnchanged', { asOf: previous.asOf })} />
                  )}
                </Card>
                <Card size="small" title={t('results.trendTitle')}>
                  <TrendView
                    key={`${data.run.schemeId}:${unitId}`}
                    schemeId={data.run.schemeId}
                    units={[{ unitId, code: data.unit.code, name: data.unit.name }]}
                    defaultUnitIds={[unitId]}
                    onlyUnitId={unitId}
                    height={240}
                  />
                </Card>
              </Flex>
            </Col>
          </Row>
          <Card size="small" title={t('results.indicatorTree')} extra={<Typography.Text type="secondary">{t('results.indicatorCount', { count: data.indicators.length })}</Typography.Text>}>
            {rows.length ? <IndicatorTree rows={rows} /> : <Empty description={t('results.noIndicators')} />}
          </Card>
        </Flex>
      )}
    </>
  );
}

/**
 * Why a part scores above its maximum: indicators scored above their own points (超额完成, as the
 * scheme's methods allow), named with how far each went over.
 */
function OverMax({ card, code, over }: { card: Scorecard; code: string; over: number }) {
  const { t } = useI18n();
  const above = card.indicators.filter((i) => i.component === code && i.points > i.maxPoints + 0.005);
  const text = above.length
    ? t('results.overMax', { over: fmtPoints(over), list: above.map((i) => `${i.code} ${i.name} ${fmtPoints(i.points)}/${i.maxPoints}`).join('；') })
    : t('results.overMaxOther', { over: fmtPoints(over) });
  return (
    <Tooltip title={text}>
      <Typography.Text type="warning" style={{ whiteSpace: 'nowrap', cursor: 'help' }} data-testid={`component-over-${code}`}>
        <InfoCircleOutlined /> {t('results.overMaxShort', { over: fmtPoints(over) })}
      </Typography.Text>
    </Tooltip>
  );
}

function Summary({ card, max }: { card: Scorecard; max: number | undefined }) {
  const { t } = useI18n();
  const { gradeLabel } = useResultLabels();
  const u = card.unit;
  return (
    <Card size="small" title={t('results.summary')} style={{ height: '100%' }}>
      <Flex gap={32} wrap align="flex-end" style={{ marginBottom: 16 }}>
        <Statistic title={t('results.total')} value={fmtPoints(u.total)} suffix={max ? <Typography.Text type="secondary">/ {max}</Typography.Text> : undefined} data-testid="scorecard-total" />
        <Statistic title={t('results.rankInGroup')} value={u.rank} suffix={<Typography.Text type="secondary">/ {u.groupSize}</Typography.Text>} data-testid="scorecard-rank" />
        <div>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
            {t('results.grade')}
          </Typography.Text>
          <Tag color={gradeColor(u.grade)} style={{ fontSize: 16, padding: '4px 10px' }} data-testid="scorecard-grade">
            {gradeLabel(u.grade)}
          </Tag>
          {u.vetoed && (
            <Tag color="error" icon={<StopOutlined />}>
              {t('results.vetoed')}
            </Tag>
          )}
        </div>
      </Flex>
      {u.grade !== u.baseGrade && (
        <Alert type={u.vetoed ? 'error' : 'warning'} showIcon style={{ marginBottom: 12 }} title={t('results.gradeAdjusted', { base: gradeLabel(u.baseGrade) })} />
      )}
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
        {u.components.map((c) => (
          <Descriptions.Item key={c.code} label={c.name}>
            {c.note && c.points === 0 ? (
              <Typography.Text type="secondary">{c.note}</Typography.Text>
            ) : (
              <Flex gap={8} align="center">
                <Progress percent={c.max ? Math.round((c.points / c.max) * 1000) / 10 : 0} size="small" showInfo={false} aria-label={c.name} style={{ flex: 1, margin: 0 }} />
                <Typography.Text style={{ whiteSpace: 'nowrap' }}>
                  {fmtPoints(c.points)} / {c.max}
                </Typography.Text>
                {c.points > c.max + 0.005 && <OverMax card={card} code={c.code} over={c.points - c.max} />}
              </Flex>
            )}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('results.bonus')}>{u.bonus > 0 ? <Typography.Text type="success">+{fmtPoints(u.bonus)}</Typography.Text> : fmtPoints(0)}</Descriptions.Item>
        <Descriptions.Item label={t('results.deductions')}>
          {u.deductions > 0 ? <Typography.Text type="danger">−{fmtPoints(u.deductions)}</Typography.Text> : fmtPoints(0)}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {t('results.deductionsHint')}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Collapse
        ghost
        size="small"
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'how',
            label: t('results.howComputed'),
            children: (
              <Flex vertical gap={2} data-testid="scorecard-total-explanation" style={{ fontSize: 13 }}>
                {u.explanation.steps.map((s, i) => (
                  <Typography.Text key={i}>{s}</Typography.Text>
                ))}
                {u.explanation.notes.map((n, i) => (
                  <Typography.Text key={`n${i}`} type="warning">
                    {n}
                  </Typography.Text>
                ))}
                <Typography.Text type="secondary" style={{ marginTop: 6 }}>
                  {u.explanation.grade.rule}
                </Typography.Text>
                {u.explanation.grade.steps.map((s, i) => (
                  <Typography.Text key={`g${i}`}>{s}</Typography.Text>
                ))}
                {u.explanation.grade.notes?.map((n, i) => (
                  <Typography.Text key={`gn${i}`} type="warning">
                    {n}
                  </Typography.Text>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
