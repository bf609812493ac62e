import type { ReactNode } from 'react';
import { App, Badge, Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { TaskLight } from '@kaoping/shared';
import { useKeyedAction } from '../../api/use-action';
import { useRequest } from '../../api/use-request';
import { PAGE_PATHS } from '../../app/access';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/zh-CN';
import { bulletinsApi } from '../bulletins/bulletins.api';
import { BulletinStatusTag } from '../bulletins/BulletinStatusTag';
import { LIGHT_COLORS, LIGHT_ORDER } from '../supervision/shared/lights';
import { WorkbenchList } from './WorkbenchList';
import {
  workbenchApi,
  type LeaderWorkbench,
  type OfficeWorkbench,
  type SourceWorkbench,
  type SupervisionWorkbench,
  type UnitWorkbench,
  type Workbench,
  type WorkbenchBulletin,
  type WorkbenchItem,
} from './workbench.api';

/** Cards in a column of the grid: two side by side on a wide screen, one below the other on a phone. */
const half = { xs: 24, lg: 12 };

/** A number that opens the list it counts. */
function Figure({ title, count, link, testId, color, suffix }: { title: ReactNode; count: number; link: string; testId: string; color?: string; suffix?: ReactNode }) {
  return (
    <Link to={link} data-testid={testId} data-count={count} style={{ display: 'block' }}>
      <Card size="small" hoverable style={{ borderTop: color ? `3px solid ${color}` : undefined, height: '100%' }}>
        <Statistic title={title} value={count} suffix={suffix} styles={{ content: { color: color && count > 0 ? color : undefined } }} />
      </Card>
    </Link>
  );
}

/** An empty state that says what is (not) there, with a tick when nothing is owed. */
function Nothing({ text, done = false }: { text: string; done?: boolean }) {
  return (
    <Empty
      image={done ? <CheckCircleOutlined style={{ fontSize: 32, color: '#52c41a' }} /> : Empty.PRESENTED_IMAGE_SIMPLE}
      styles={{ image: { height: 36 } }}
      description={text}
    />
  );
}

/** Tasks and problems by light, each a link to the list filtered by it. */
function LightFigures({ figures, prefix }: { figures: Record<TaskLight, { count: number; link: string }>; prefix: string }) {
  const { t } = useI18n();
  return (
    <Row gutter={[8, 8]}>
      {LIGHT_ORDER.map((l) => (
        <Col key={l} span={6}>
          <Figure
            title={
              // Kept on one line: four of them side by side fit a phone.
              <Space size={4} style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                <Badge color={LIGHT_COLORS[l]} />
                {t(`tasks.light.${l}`)}
              </Space>
            }
            count={figures[l].count} link={figures[l].link} testId={`${prefix}-${l}`} color={LIGHT_COLORS[l]} />
        </Col>
      ))}
    </Row>
  );
}

function ItemList({ items, empty, testId }: { items: WorkbenchItem[]; empty: string; testId: string }) {
  return (
    <WorkbenchList<WorkbenchItem>
      items={items}
      testId={testId}
      empty={<Nothing text={empty} done />}
      render={(i) => ({ content: (
          <Flex vertical style={{ minWidth: 0, width: '100%' }}>
            <Space size={6} style={{ minWidth: 0 }}>
              <Badge color={i.light ? LIGHT_COLORS[i.light] : '#d9d9d9'} />
              <Link to={i.link} style={{ minWidth: 0 }}>
                <Typography.Text ellipsis style={{ maxWidth: 420, color: 'inherit' }}>
                  {i.title}
                </Typography.Text>
              </Link>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12, paddingInlineStart: 14 }}>
              {i.unit} · {i.deadline} · {i.reason}
            </Typography.Text>
          </Flex>
        ) })}
    />
  );
}

/** Bulletins (通报), each a link to its page; `action` adds a button (签收) to a row. */
function BulletinList({ items, empty, testId, action }: { items: WorkbenchBulletin[]; empty: ReactNode; testId: string; action?: (b: WorkbenchBulletin) => ReactNode }) {
  const { t } = useI18n();
  return (
    <WorkbenchList<WorkbenchBulletin>
      items={items}
      testId={testId}
      empty={empty}
      render={(b) => ({ actions: action ? [action(b)] : undefined, content: (
          <Flex vertical style={{ minWidth: 0 }}>
            <Link to={b.link} data-testid={`${testId}-${b.id}`}>
              <Typography.Text ellipsis style={{ maxWidth: 420, color: 'inherit' }}>
                {b.title}
              </Typography.Text>
            </Link>
            <Space size={6} wrap style={{ fontSize: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {b.docNumber ?? b.asOf}
              </Typography.Text>
              {b.status === 'issued' ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('workbench.signedCount', { signed: b.signed, total: b.recipients })}
                </Typography.Text>
              ) : (
                <BulletinStatusTag status={b.status} />
              )}
            </Space>
          </Flex>
        ) })}
    />
  );
}

function OfficeBulletins({ b }: { b: OfficeWorkbench['bulletins'] }) {
  const { t } = useI18n();
  return (
    <Card title={t('workbench.bulletins')} data-testid="wb-bulletins" extra={<Link to={PAGE_PATHS.bulletins}>{t('workbench.viewAll')}</Link>} style={{ height: '100%' }}>
      <Row gutter={8} style={{ marginBottom: 8 }}>
        <Col span={12}>
          <Figure title={t('workbench.bulletinDrafts')} count={b.drafts.count} link={b.drafts.link} testId="wb-bulletin-drafts" color="#1677ff" />
        </Col>
        <Col span={12}>
          <Figure title={t('workbench.bulletinToIssue')} count={b.toIssue.count} link={b.toIssue.link} testId="wb-bulletin-to-issue" color="#faad14" />
        </Col>
      </Row>
      {b.unsigned.length === 0 && <Nothing text={t('workbench.bulletinNoneIssued')} />}
      {b.unsigned.map((u) => (
        <div key={u.bulletin.id} data-testid={`wb-bulletin-unsigned-${u.bulletin.id}`} style={{ marginTop: 8 }}>
          {u.units.length === 0 ? (
            <Typography.Text type="success">{t('workbench.bulletinAllSigned', { number: u.bulletin.docNumber ?? u.bulletin.title })}</Typography.Text>
          ) : (
            <>
              <Link to={u.bulletin.link} data-testid="wb-bulletin-unsigned-link" data-count={u.units.length}>
                {t('workbench.bulletinUnsigned', { number: u.bulletin.docNumber ?? u.bulletin.title })} ({u.units.length}/{u.bulletin.recipients})
              </Link>
              <div style={{ marginTop: 4 }}>
                {u.units.slice(0, 12).map((x) => (
                  <Tag key={x.id} color="orange" style={{ marginBottom: 4 }}>
                    {x.name}
                  </Tag>
                ))}
                {u.units.length > 12 && <Link to={u.bulletin.link}>…</Link>}
              </div>
            </>
          )}
        </div>
      ))}
    </Card>
  );
}

function OfficeBench({ w }: { w: OfficeWorkbench }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col {...half}>
        <OfficeBulletins b={w.bulletins} />
      </Col>
      <Col {...half}>
        <Card title={t('workbench.reporting')} data-testid="wb-reporting" style={{ height: '100%' }}>
          <Flex vertical gap={12}>
            {w.reporting.map((r) => (
              <div key={r.period.id}>
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <Space wrap>
                    <Typography.Text strong>{t('workbench.reportingPeriod', { period: r.period.label, end: r.period.end })}</Typography.Text>
                    <Tag color={r.overdue ? 'error' : 'processing'}>{r.overdue ? t('workbench.reportingOverdue') : t('workbench.reportingDue')}</Tag>
                  </Space>
                </Flex>
                <Row gutter={8} style={{ marginTop: 8 }}>
                  <Col span={10}>
                    <Figure
                      title={t('workbench.reportingBehind')}
                      count={r.behind.count}
                      link={r.behind.link}
                      testId={`wb-behind-${r.period.frequency}`}
                      color={r.overdue ? '#f5222d' : '#1677ff'}
                      suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}>/ {r.units}</Typography.Text>}
                    />
                  </Col>
                  <Col span={14}>
                    {r.worst.length === 0 ? (
                      <Nothing text={t('workbench.reportingAllDone')} done />
                    ) : (
                      r.worst.map((u) => (
                        <Flex key={u.unitId} justify="space-between" gap={8} style={{ fontSize: 12 }}>
                          <Typography.Text ellipsis style={{ maxWidth: 170 }}>
                            {u.unitName}
                          </Typography.Text>
                          <Typography.Text type="secondary">{t('workbench.filed', { filed: u.filed, expected: u.expected })}</Typography.Text>
                        </Flex>
                      ))
                    )}
                  </Col>
                </Row>
              </div>
            ))}
            {w.reporting.length === 0 && <Nothing text={t('assessment.scheme.none')} />}
          </Flex>
        </Card>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.review')} data-testid="wb-review" style={{ height: '100%' }}>
          <Row gutter={[8, 8]}>
            <Col xs={24} sm={10}>
              <Figure title={t('workbench.reviewTotal')} count={w.review.total.count} link={w.review.total.link} testId="wb-review-total" color="#1677ff" />
            </Col>
            <Col xs={24} sm={14}>
              <Typography.Text type="secondary">{t('workbench.reviewBySource')}</Typography.Text>
              {w.review.bySource.length === 0 ? (
                <Nothing text={t('workbench.reviewEmpty')} done />
              ) : (
                w.review.bySource.map((s) => (
                  <Flex key={s.sourceUnitId ?? 'self'} justify="space-between" gap={8}>
                    <Typography.Text ellipsis style={{ maxWidth: 200 }}>
                      {s.name}
                    </Typography.Text>
                    <Link to={s.link} data-testid={`wb-review-source-${s.sourceUnitId ?? 'self'}`} data-count={s.count}>
                      {s.count}
                    </Link>
                  </Flex>
                ))
              )}
            </Col>
          </Row>
        </Card>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.latestRun')} data-testid="wb-run" style={{ height: '100%' }}>
          {!w.latestRun ? (
            <Nothing text={t('workbench.noRun')} />
          ) : (
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">{t('workbench.runAsOf', { asOf: w.latestRun.asOf, previous: w.latestRun.previousAsOf ?? '—' })}</Typography.Text>
              {w.latestRun.changed && <Figure title={t('workbench.runChanged')} count={w.latestRun.changed.count} link={w.latestRun.changed.link} testId="wb-run-changed" />}
              <Typography.Text strong>{t('workbench.movers')}</Typography.Text>
              {w.latestRun.movers.map((m) => (
                <Flex key={m.unitId} justify="space-between" gap={8}>
                  <Link to={m.link}>{m.name}</Link>
                  <Space size={8}>
                    {m.fromRank !== null && m.toRank !== null && m.fromRank !== m.toRank && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('workbench.rank', { from: m.fromRank, to: m.toRank })}
                      </Typography.Text>
                    )}
                    <Typography.Text style={{ color: m.delta >= 0 ? '#389e0d' : '#cf1322' }}>{`${m.delta >= 0 ? '+' : ''}${m.delta.toFixed(2)}`}</Typography.Text>
                  </Space>
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.behind')} data-testid="wb-progress" style={{ height: '100%' }}>
          {!w.behind || w.behind.indicators.length === 0 ? (
            <Nothing text={t('workbench.behindNone')} done={!!w.behind} />
          ) : (
            <Flex vertical gap={8}>
              <Statistic title={t('workbench.behindUnits')} value={w.behind.units} styles={{ content: { color: '#f5222d' } }} />
              {w.behind.indicators.map((i) => (
                <Flex key={i.indicatorId} justify="space-between" gap={8}>
                  <Typography.Text ellipsis style={{ maxWidth: 300 }}>
                    {i.code} {i.name}
                  </Typography.Text>
                  <Link to={i.link} data-testid={`wb-progress-${i.indicatorId}`} data-count={i.lagging}>
                    {t('workbench.units', { count: i.lagging })}
                  </Link>
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.campaigns')} data-testid="wb-campaigns">
          {w.campaigns.length === 0 ? (
            <Nothing text={t('workbench.campaignsNone')} />
          ) : (
            w.campaigns.map((c) => (
              <Flex key={c.id} vertical gap={4} style={{ marginBottom: 8 }}>
                <Link to={c.link}>{c.name}</Link>
                <Typography.Text type="secondary">{t('workbench.participants', { responses: c.responses, suggestions: c.suggestions })}</Typography.Text>
                {c.invited > 0 && <Progress percent={Math.round((c.responses / c.invited) * 100)} size="small" />}
              </Flex>
            ))
          )}
        </Card>
      </Col>
    </Row>
  );
}

function SupervisionBench({ w }: { w: SupervisionWorkbench }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col {...half}>
        <Card title={t('workbench.tasks')} data-testid="wb-tasks">
          <LightFigures figures={w.tasks} prefix="wb-tasks" />
        </Card>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.problems')} data-testid="wb-problems">
          <LightFigures figures={w.problems} prefix="wb-problems" />
        </Card>
      </Col>
      <Col xs={24}>
        <Row gutter={[8, 8]}>
          <Col xs={12} md={6}>
            <Figure title={t('workbench.alertTasks')} count={w.alerts.tasks.count} link={w.alerts.tasks.link} testId="wb-alert-tasks" color="#f5222d" />
          </Col>
          <Col xs={12} md={6}>
            <Figure title={t('workbench.alertProblems')} count={w.alerts.problems.count} link={w.alerts.problems.link} testId="wb-alert-problems" color="#f5222d" />
          </Col>
          <Col xs={12} md={6}>
            <Figure title={t('workbench.dueThisWeek', { until: w.dueThisWeek.until })} count={w.dueThisWeek.count} link={w.dueThisWeek.link} testId="wb-due-week" color="#1677ff" />
          </Col>
          <Col xs={12} md={6}>
            <Figure title={t('workbench.awaitingCloseOut')} count={w.awaitingCloseOut.count} link={w.awaitingCloseOut.link} testId="wb-close-out" color="#faad14" />
          </Col>
        </Row>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.redItems')} extra={<Link to={w.tasks.red.link}>{t('workbench.viewAll')}</Link>}>
          <ItemList items={w.red} empty={t('workbench.redNone')} testId="wb-red-list" />
        </Card>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.inspections')} data-testid="wb-inspections">
          <WorkbenchList
            items={w.inspections}
            empty={<Nothing text={t('workbench.inspectionsNone')} />}
            render={(i) => ({ extra: <Typography.Text type="secondary">{t('workbench.findings', { count: i.findings })}</Typography.Text>, content: (
                <Space>
                  <Typography.Text type="secondary">{i.date}</Typography.Text>
                  <Link to={i.link}>{i.title}</Link>
                </Space>
              ) })}
          />
        </Card>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.bulletinsSupervision')} data-testid="wb-supervision-bulletins">
          {w.bulletins.length === 0 && <Nothing text={t('workbench.bulletinsNone')} />}
          {w.bulletins.map((b) => (
            <div key={b.seriesId}>
              <Figure title={b.name} count={b.count} link={b.link} testId={`wb-bulletin-series-${b.seriesId}`} color="#1677ff" />
              <BulletinList items={b.items} empty={<Nothing text={t('workbench.bulletinsNone')} />} testId="wb-supervision-bulletin" />
            </div>
          ))}
        </Card>
      </Col>
    </Row>
  );
}

function LeaderBench({ w }: { w: LeaderWorkbench }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col {...half}>
        <Card
          title={t('workbench.named', { name: w.name })}
          extra={
            <Link to={w.named.link} data-testid="wb-named" data-count={w.named.count}>
              {t('workbench.viewAll')} ({w.named.count})
            </Link>
          }
        >
          <LightFigures figures={w.named.lights} prefix="wb-named" />
          <ItemList items={w.named.items} empty={t('workbench.namedNone')} testId="wb-named-list" />
        </Card>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.groups')} extra={<Link to={w.groupsLink}>{t('workbench.open')}</Link>} data-testid="wb-groups">
          {w.groups.map((g) => (
            <Link key={g.code} to={g.link} data-testid={`wb-group-${g.code}`} aria-label={g.name}>
              <Flex justify="space-between" align="center" gap={8} style={{ padding: '4px 0' }}>
                <Typography.Text ellipsis style={{ maxWidth: 140 }}>
                  {g.name}
                </Typography.Text>
                <Space size={10}>
                  {LIGHT_ORDER.map((l) => (
                    <Badge key={l} color={LIGHT_COLORS[l]} text={g.lights[l]} />
                  ))}
                </Space>
              </Flex>
            </Link>
          ))}
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('workbench.rankings')} data-testid="wb-rankings">
          {!w.rankings ? (
            <Nothing text={t('workbench.noRun')} />
          ) : (
            <Row gutter={[16, 16]}>
              {w.rankings.groups.map((g) => (
                <Col key={g.code} xs={24} md={12} xl={6}>
                  <Typography.Text strong>{g.name}</Typography.Text>
                  {(['top', 'bottom'] as const).map((part) =>
                    g[part].length === 0 ? null : (
                      <div key={part} style={{ marginTop: 4 }}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t(part === 'top' ? 'workbench.top' : 'workbench.bottom')}
                        </Typography.Text>
                        {g[part].map((u) => (
                          <Flex key={u.unitId} justify="space-between" gap={8}>
                            <Link to={u.link}>
                              {u.rank}. {u.name}
                            </Link>
                            <Typography.Text type={part === 'bottom' ? 'danger' : undefined}>{u.total.toFixed(2)}</Typography.Text>
                          </Flex>
                        ))}
                      </div>
                    ),
                  )}
                </Col>
              ))}
            </Row>
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('workbench.bulletinsLatest')} data-testid="wb-latest-bulletins" extra={<Link to={w.bulletins.link} data-testid="wb-bulletins-issued" data-count={w.bulletins.count}>{`${t('workbench.viewAll')} (${w.bulletins.count})`}</Link>}>
          <BulletinList items={w.bulletins.items} empty={<Nothing text={t('workbench.bulletinNoneIssued')} />} testId="wb-latest-bulletin" />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t('workbench.projects')} data-testid="wb-projects">
          <Figure
            title={t('workbench.projectsCount', { asOf: w.projects.asOf, total: w.projects.total })}
            count={w.projects.count}
            link={w.projects.link}
            testId="wb-projects-lagging"
            color="#f5222d"
          />
          {w.projects.items.length === 0 ? (
            <Nothing text={t('workbench.projectsNone')} done />
          ) : (
            <WorkbenchList
              items={w.projects.items}
              render={(p) => ({ content: (
                  <Flex vertical>
                    <Typography.Text>{p.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.unit} · {p.lagging.map((r) => t(`projects.rate.${r}` as MessageKey)).join('、')}
                    </Typography.Text>
                  </Flex>
                ) })}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** The unit's bulletins to sign for, each signed here in one click. */
function ToSignBulletins({ b, onSigned }: { b: UnitWorkbench['bulletins']; onSigned(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const sign = useKeyedAction(
    async (id: number, x: WorkbenchBulletin) => {
      await bulletinsApi.sign(id);
      void message.success(t('workbench.bulletinSigned', { title: x.docNumber ?? x.title }));
      onSigned();
    },
    { onError: (m) => void message.error(m) },
  );
  return (
    <Card title={t('workbench.bulletinsToSign')} data-testid="wb-bulletins-to-sign" extra={<Link to={b.link} data-testid="wb-bulletins-to-sign-all" data-count={b.count}>{`${t('workbench.viewAll')} (${b.count})`}</Link>}>
      <BulletinList
        items={b.items}
        empty={<Nothing text={t('workbench.bulletinsToSignNone')} done />}
        testId="wb-to-sign-bulletin"
        action={(x) => (
          <Button key="sign" type="primary" size="small" loading={sign.runningFor(x.id)} onClick={() => void sign.run(x.id, x)} data-testid={`wb-sign-bulletin-${x.id}`}>
            {t('workbench.bulletinSign')}
          </Button>
        )}
      />
    </Card>
  );
}

function UnitBench({ w, reload }: { w: UnitWorkbench; reload(): void }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col {...half}>
        <Card title={t('workbench.due')} data-testid="wb-due" style={{ height: '100%' }}>
          <WorkbenchList
            items={w.due}
            empty={<Nothing text={t('workbench.dueNone')} done />}
            render={(d) => ({ actions: [
                  <Link key="open" to={d.link} data-testid={`wb-due-${d.periodId}`}>
                    {t('workbench.open')}
                  </Link>,
                ], content: (
                <Flex vertical>
                  <Space wrap>
                    <Typography.Text strong>{d.label}</Typography.Text>
                    {d.overdue && <Tag color="error">{t('workbench.reportingOverdue')}</Tag>}
                  </Space>
                  <Space wrap size={8} style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary">{t('workbench.dueLine', { end: d.end })}</Typography.Text>
                    {d.missing > 0 && <Typography.Text type="secondary">{t('workbench.missing', { count: d.missing })}</Typography.Text>}
                    {d.drafts > 0 && <Typography.Text type="warning">{t('workbench.drafts', { count: d.drafts })}</Typography.Text>}
                    {d.returned > 0 && <Typography.Text type="danger">{t('workbench.returnedCount', { count: d.returned })}</Typography.Text>}
                  </Space>
                </Flex>
              ) })}
          />
        </Card>
      </Col>
      <Col {...half}>
        <Card title={t('workbench.returned')} data-testid="wb-returned" style={{ height: '100%' }}>
          <WorkbenchList
            items={w.returned}
            empty={<Nothing text={t('workbench.returnedNone')} done />}
            render={(r) => ({ content: (
                <Flex vertical>
                  <Link to={r.link}>
                    {r.code} {r.name} · {r.periodLabel}
                  </Link>
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {r.reason}
                  </Typography.Text>
                </Flex>
              ) })}
          />
        </Card>
      </Col>
      {w.toSubmit && (
        <Col {...half}>
          <Card title={t('workbench.toSubmit')} data-testid="wb-to-submit">
            <WorkbenchList
              items={w.toSubmit}
              empty={<Nothing text={t('workbench.toSubmitNone')} done />}
              render={(s) => ({ actions: [<Link key="open" to={s.link}>{t('workbench.open')}</Link>], content: (
                  <Space wrap>
                    <Typography.Text strong>{s.label}</Typography.Text>
                    <Typography.Text type="secondary">{t('workbench.values', { count: s.values })}</Typography.Text>
                    <Tag color={s.ready ? 'success' : 'default'}>{s.ready ? t('workbench.ready') : t('workbench.notReady')}</Tag>
                  </Space>
                ) })}
            />
          </Card>
        </Col>
      )}
      <Col {...half}>
        <Card title={t('workbench.tasks')} data-testid="wb-unit-tasks">
          <Row gutter={8} style={{ marginBottom: 8 }}>
            <Col span={12}>
              <Figure title={t('workbench.toSign')} count={w.tasks.toSign.count} link={w.tasks.toSign.link} testId="wb-to-sign" color="#1677ff" />
            </Col>
            <Col span={12}>
              <Figure title={t('workbench.toReport')} count={w.tasks.toReport.count} link={w.tasks.toReport.link} testId="wb-to-report" color="#faad14" />
            </Col>
          </Row>
          <ItemList items={w.tasks.items} empty={t('workbench.tasksNone')} testId="wb-unit-task-list" />
        </Card>
      </Col>
      <Col {...half}>
        <ToSignBulletins b={w.bulletins} onSigned={reload} />
      </Col>
      <Col {...half}>
        <Card title={t('workbench.notices')} extra={<Link to={w.notices.link} data-testid="wb-notices" data-count={w.notices.count}>{`${t('workbench.viewAll')} (${w.notices.count})`}</Link>}>
          <WorkbenchList
            items={w.notices.items}
            empty={<Nothing text={t('workbench.noticesNone')} done />}
            render={(n) => ({ content: (
                <Flex vertical>
                  <Link to={n.link}>{n.noticeNo ?? `#${n.id}`}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {n.deadline ? `${n.deadline} · ` : ''}
                    {n.text}
                  </Typography.Text>
                </Flex>
              ) })}
          />
        </Card>
      </Col>
    </Row>
  );
}

function SourceBench({ w }: { w: SourceWorkbench }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <Figure title={t('workbench.sourceReview')} count={w.review.count} link={w.review.link} testId="wb-source-review" color="#1677ff" />
      </Col>
    </Row>
  );
}

const SUBTITLE: Record<Workbench['role'], MessageKey> = {
  office: 'workbench.subtitle.office',
  supervisor: 'workbench.subtitle.supervisor',
  leader: 'workbench.subtitle.leader',
  reporter: 'workbench.subtitle.unit',
  head: 'workbench.subtitle.unit',
  datasource: 'workbench.subtitle.datasource',
};

/** 工作台: the first page after sign-in, one layout per role, every figure a link to the list it counts. */
export function WorkbenchPage() {
  const { t } = useI18n();
  const req = useRequest(workbenchApi.get, 'workbench');
  const w = req.data;
  return (
    <div data-testid="workbench" data-role={w?.role}>
      <PageHeader
        title={w && (w.role === 'head' || w.role === 'reporter') ? `${t('workbench.title')} · ${w.unit.name}` : t('workbench.title')}
        subtitle={w ? t(SUBTITLE[w.role]) : undefined}
        extra={w && <Typography.Text type="secondary">{t('workbench.today', { date: w.today })}</Typography.Text>}
      />
      {req.error !== null && <LoadError error={req.error} onRetry={req.reload} />}
      {!w && req.loading && <Skeleton active />}
      {w?.role === 'office' && <OfficeBench w={w} />}
      {w?.role === 'supervisor' && <SupervisionBench w={w} />}
      {w?.role === 'leader' && <LeaderBench w={w} />}
      {(w?.role === 'reporter' || w?.role === 'head') && <UnitBench w={w} reload={req.reload} />}
      {w?.role === 'datasource' && <SourceBench w={w} />}
    </div>
  );
}
