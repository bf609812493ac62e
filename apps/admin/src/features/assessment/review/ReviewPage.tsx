import { useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, Empty, Flex, Row, Select, Space, Tabs, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { PERIOD_FREQUENCIES } from '@kaoping/shared';
import { useAction, useKeyedAction } from '../../../api/use-action';
import { useRequest } from '../../../api/use-request';
import { useCurrentUser } from '../../../app/auth-context';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { unitOptions } from '../../../components/unit-options';
import { useI18n } from '../../../i18n/i18n-context';
import { unitsApi } from '../../units/units.api';
import { indicatorsByCode } from '../reporting/grid-edits';
import { ReportingGrid } from '../reporting/ReportingGrid';
import { EvidenceModal } from '../reporting/EvidenceModal';
import { EventsModal } from '../reporting/EventsModal';
import { reportingApi, type Grid, type GridRow } from '../reporting/reporting.api';
import { schemesApi } from '../schemes/schemes.api';
import { PeriodSelect } from '../shared/PeriodSelect';
import { PublishedSchemeSelect } from '../shared/PublishedSchemeSelect';
import { usePublishedSchemes } from '../shared/use-published-schemes';
import { PeriodStatusTag } from '../shared/workflow-labels';
import { CorrectionsPanel } from './CorrectionsPanel';
import { ReturnModal } from './ReturnModal';
import { FilingStatusPanel } from './FilingStatusPanel';
import { ReviewQueue, queueKey } from './ReviewQueue';
import { frequencyKey } from '../shared/workflow-labels';

type Frequency = (typeof PERIOD_FREQUENCIES)[number];
const positive = (s: string | null): number | undefined => (Number.isInteger(Number(s)) && Number(s) > 0 ? Number(s) : undefined);

/** The office (or a data-source unit) approves submitted values or returns them with a reason; the office also decides corrections. */
export function ReviewPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const isOffice = user.role === 'admin' || user.role === 'office';

  // The filters a link opens with: ?tab=status&period=ID&behind=1, ?source=ID|self, ?indicator=ID, ?frequency=month.
  const [params] = useSearchParams();
  const [schemeChoice, setSchemeChoice] = useState<number | null>(null);
  const [periodFilter, setPeriodFilter] = useState<number | undefined>(params.get('tab') === 'status' ? undefined : positive(params.get('period')));
  const [frequency, setFrequency] = useState<Frequency | undefined>(PERIOD_FREQUENCIES.find((f) => f === params.get('frequency')));
  const [indicatorFilter, setIndicatorFilter] = useState<number | undefined>(positive(params.get('indicator')));
  const [source, setSource] = useState<number | 'self' | undefined>(params.get('source') === 'self' ? 'self' : positive(params.get('source')));
  const [picked, setPicked] = useState<{ unitId: number; periodId: number } | null>(null);
  const [tab, setTab] = useState(isOffice && ['status', 'corrections'].includes(params.get('tab') ?? '') ? params.get('tab')! : 'values');
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());

  const schemes = usePublishedSchemes(schemeChoice);
  const scheme = schemes.current;
  const doc = useRequest(() => schemesApi.get(scheme!.id), `scheme:${scheme?.id}`, !!scheme);
  const periods = useRequest(() => schemesApi.periods(scheme!.id), `periods:${scheme?.id}`, !!scheme);
  const queueFilter = { schemeId: scheme?.id, periodId: periodFilter, frequency, indicatorId: indicatorFilter, source };
  const queue = useRequest(() => reportingApi.reviewQueue(queueFilter), `queue:${JSON.stringify(queueFilter)}`, !!scheme);
  const queueItems = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const corrections = useRequest(() => reportingApi.corrections('pending'), 'corrections', isOffice);
  const units = useRequest(unitsApi.list, 'units');

  const gridKey = picked ? queueKey(picked) : '';
  const gridRequest = useRequest(() => reportingApi.grid(picked!.unitId, picked!.periodId), gridKey, !!picked);
  const [fresh, setFresh] = useState<{ key: string; grid: Grid } | null>(null);
  const grid = fresh?.key === gridKey ? fresh.grid : gridRequest.data && picked && queueKey({ unitId: gridRequest.data.unitId, periodId: gridRequest.data.period.id }) === gridKey ? gridRequest.data : undefined;

  const [returning, setReturning] = useState(false);
  /** An approved row the office is returning (its period still open). */
  const [returningRow, setReturningRow] = useState<GridRow | null>(null);
  const [evidenceRow, setEvidenceRow] = useState<GridRow | null>(null);
  const [eventsRow, setEventsRow] = useState<GridRow | null>(null);

  const nodes = useMemo(() => indicatorsByCode(doc.data?.document), [doc.data]);
  const unitById = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  const unit = picked ? unitById.get(picked.unitId) : undefined;
  const unitLabel = unit ? unit.name : picked ? `#${picked.unitId}` : '';
  const submitted = (grid?.rows ?? []).filter((r) => r.status === 'submitted');

  const onError = (m: string) => void message.error(m);

  /** Approves every ticked unit-period of the list in one request; what could not be approved is named. */
  const approveChecked = useAction(async () => {
    const items = queueItems.filter((i) => checked.has(queueKey(i)));
    if (items.length === 0) return;
    // With an indicator or a source chosen, only those values are approved, as the list counts them.
    const narrowed = indicatorFilter !== undefined || source !== undefined;
    const r = await reportingApi.bulkApprove(items.map((i) => ({ unitId: i.unitId, periodId: i.periodId, ...(narrowed ? { indicatorIds: i.indicatorIds } : {}) })));
    const failed = r.items.filter((i) => !i.ok);
    if (failed.length === 0) void message.success(t('assessment.review.bulkApproved', { count: items.length, values: r.approved }));
    else
      modal.warning({
        title: t('assessment.review.bulkPartly', { ok: items.length - failed.length, failed: failed.length, values: r.approved }),
        content: (
          <ul style={{ paddingInlineStart: 18 }}>
            {failed.map((f) => {
              const item = items.find((i) => i.unitId === f.unitId && i.periodId === f.periodId);
              return <li key={`${f.unitId}:${f.periodId}`}>{`${item?.unitName ?? f.unitId} ${item?.periodLabel ?? ''}：${f.error ?? ''}`}</li>;
            })}
          </ul>
        ),
      });
    setChecked(new Set());
    queue.reload();
    gridRequest.reload();
    setFresh(null);
  }, { onError });
  const check = (keys: string[], on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      for (const k of keys) {
        if (on) next.add(k);
        else next.delete(k);
      }
      return next;
    });
  const ticked = queueItems.filter((i) => checked.has(queueKey(i)));

  const pick = (next: { unitId: number; periodId: number } | null) => {
    setPicked(next);
    setFresh(null);
  };

  /** Approves the picked unit-period's submitted values or returns them (keyed by the decision, so only its button spins). */
  const decide = useKeyedAction(async (decision: 'approve' | 'return', reason?: string) => {
    if (!picked || !grid) return;
    const g = await reportingApi.review(picked.unitId, picked.periodId, decision, reason);
    setFresh({ key: gridKey, grid: g });
    setReturning(false);
    const vars = { unit: unitLabel, period: grid.period.label };
    void message.success(decision === 'approve' ? t('assessment.review.approved', vars) : t('assessment.review.returned', vars));
    queue.reload();
  }, { onError });

  const returnApproved = useAction(async (row: GridRow, reason: string) => {
    if (!picked || row.valueId === null) return;
    setFresh({ key: gridKey, grid: await reportingApi.returnApproved(row.valueId, reason) });
    setReturningRow(null);
    void message.success(t('assessment.review.returnedApproved', { code: row.indicator.code }));
    queue.reload();
  }, { onError });

  const detail = (
    <Card
      title={
        grid ? (
          <Space wrap>
            <span>{unitLabel}</span>
            <Typography.Text type="secondary">{grid.period.label}</Typography.Text>
            <PeriodStatusTag status={grid.period.status} />
          </Space>
        ) : (
          t('assessment.review.pickUnit')
        )
      }
      extra={
        grid && (
          <Space>
            <Button
              danger
              icon={<RollbackOutlined />}
              disabled={submitted.length === 0 || grid.period.status === 'locked'}
              loading={decide.runningFor('return')}
              onClick={() => setReturning(true)}
              data-testid="review-return"
            >
              {t('assessment.review.return')}
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={submitted.length === 0 || grid.period.status === 'locked'}
              loading={decide.runningFor('approve')}
              onClick={() => void decide.run('approve')}
              data-testid="review-approve"
            >
              {submitted.length > 0 ? `${t('assessment.review.approve')} (${submitted.length})` : t('assessment.review.approve')}
            </Button>
          </Space>
        )
      }
    >
      {gridRequest.error !== null && <LoadError error={gridRequest.error} onRetry={gridRequest.reload} />}
      {!picked ? (
        <Empty description={t('assessment.review.pickHint')} />
      ) : (
        <>
          {grid && submitted.length === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('assessment.review.nothingSubmitted')} />}
          {!isOffice && <Typography.Paragraph type="secondary">{t('assessment.review.sourcedOnly')}</Typography.Paragraph>}
          <ReportingGrid
            rows={grid?.rows ?? []}
            unitId={picked.unitId}
            loading={gridRequest.loading && !grid}
            drafts={{}}
            methodOf={(code) => nodes.get(code)?.method}
            sourceName={(id) => unitById.get(id)?.name ?? `#${id}`}
            onEvents={setEventsRow}
            onEvidence={setEvidenceRow}
            onReturnApproved={isOffice && grid?.period.status === 'open' ? setReturningRow : undefined}
          />
        </>
      )}
    </Card>
  );

  const values = (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        {schemes.published.length > 1 && (
          <PublishedSchemeSelect
            schemes={schemes.published}
            value={scheme?.id}
            onChange={(id) => {
              setSchemeChoice(id);
              setPeriodFilter(undefined);
              pick(null);
            }}
          />
        )}
        <Select<Frequency>
          allowClear
          placeholder={t('assessment.review.frequency')}
          aria-label={t('assessment.review.frequency')}
          value={frequency}
          onChange={(f?: Frequency) => {
            setFrequency(f);
            setChecked(new Set());
          }}
          style={{ width: 130 }}
          options={PERIOD_FREQUENCIES.filter((f) => (periods.data ?? []).some((p) => p.frequency === f)).map((f) => ({ value: f, label: t(frequencyKey(f)!) }))}
          data-testid="review-frequency"
        />
        <PeriodSelect
          periods={(periods.data ?? []).filter((p) => !frequency || p.frequency === frequency)}
          loading={periods.loading}
          value={periodFilter}
          onChange={(id) => {
            setPeriodFilter(id);
            setChecked(new Set());
          }}
          allowClear
          testId="review-period"
        />
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('assessment.review.indicator')}
          aria-label={t('assessment.review.indicator')}
          value={indicatorFilter}
          onChange={(id?: number) => {
            setIndicatorFilter(id);
            setChecked(new Set());
          }}
          style={{ minWidth: 200 }}
          popupMatchSelectWidth={false}
          options={(queue.data?.indicators ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
          data-testid="review-indicator"
        />
        <Select<number | 'self'>
          allowClear
          placeholder={t('assessment.review.source')}
          aria-label={t('assessment.review.source')}
          value={source}
          onChange={(v?: number | 'self') => {
            setSource(v);
            setChecked(new Set());
          }}
          style={{ minWidth: 200 }}
          popupMatchSelectWidth={false}
          options={(queue.data?.sources ?? []).map((x) => ({
            value: x.sourceUnitId ?? 'self',
            label: `${x.name ?? t('assessment.review.sourceSelf')} (${x.count})`,
          }))}
          data-testid="review-source"
        />
        <Select<number>
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder={t('assessment.review.pickUnit')}
          aria-label={t('assessment.review.pickUnit')}
          style={{ minWidth: 260 }}
          disabled={!periodFilter}
          value={picked && picked.periodId === periodFilter ? picked.unitId : undefined}
          onChange={(id?: number) => pick(id && periodFilter ? { unitId: id, periodId: periodFilter } : null)}
          options={unitOptions((units.data ?? []).filter((u) => u.active))}
          data-testid="review-pick-unit"
        />
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }} data-testid="review-queue-count" data-count={queueItems.length}>
          {t('assessment.review.queueCount', { count: queueItems.length })}
        </Typography.Text>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          disabled={ticked.length === 0}
          loading={approveChecked.running}
          onClick={() =>
            modal.confirm({
              title: t('assessment.review.bulkConfirm', { count: ticked.length, values: ticked.reduce((n, i) => n + i.submitted, 0) }),
              okText: t('assessment.review.approve'),
              cancelText: t('common.cancel'),
              onOk: () => approveChecked.run(),
            })
          }
          data-testid="review-approve-checked"
        >
          {t('assessment.review.approveChecked', { count: ticked.length })}
        </Button>
      </Flex>
      {queue.error !== null && <LoadError error={queue.error} onRetry={queue.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={6}>
          <ReviewQueue
            items={queueItems}
            loading={queue.loading}
            selected={picked ? queueKey(picked) : null}
            onSelect={(i) => pick({ unitId: i.unitId, periodId: i.periodId })}
            checked={checked}
            onCheck={check}
          />
        </Col>
        <Col xs={24} xl={18}>
          {detail}
        </Col>
      </Row>
    </>
  );

  return (
    <>
      <PageHeader title={t('assessment.review.title')} subtitle={t('assessment.review.subtitle')} />
      {schemes.error !== null && <LoadError error={schemes.error} onRetry={schemes.reload} />}
      {!schemes.loading && schemes.error === null && schemes.published.length === 0 ? (
        <Card>
          <Empty description={t('assessment.scheme.none')} />
        </Card>
      ) : isOffice ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'values', label: t('assessment.review.queue'), children: values },
            {
              key: 'status',
              label: <span data-testid="review-tab-status">{t('assessment.review.filing')}</span>,
              children: <FilingStatusPanel periods={periods.data ?? []} initialPeriod={positive(params.get('period'))} initialBehind={params.get('behind') === '1'} />,
            },
            {
              key: 'corrections',
              label: (
                <span data-testid="review-tab-corrections">
                  {t('assessment.review.corrections')} <Badge count={corrections.data?.length ?? 0} size="small" />
                </span>
              ),
              children: <CorrectionsPanel corrections={corrections} onDecided={() => gridRequest.reload()} />,
            },
          ]}
        />
      ) : (
        values
      )}
      <ReturnModal
        open={returning}
        busy={decide.runningFor('return')}
        title={grid ? t('assessment.review.returnTitle', { unit: unitLabel, period: grid.period.label }) : ''}
        onReturn={(reason) => void decide.run('return', reason)}
        onClose={() => setReturning(false)}
      />
      <ReturnModal
        open={returningRow !== null}
        busy={returnApproved.running}
        title={returningRow && grid ? t('assessment.review.returnApprovedTitle', { code: returningRow.indicator.code, name: returningRow.indicator.name, unit: unitLabel, period: grid.period.label }) : ''}
        onReturn={(reason) => returningRow && void returnApproved.run(returningRow, reason)}
        onClose={() => setReturningRow(null)}
      />
      <EvidenceModal row={evidenceRow} canUpload={false} onChanged={() => undefined} onClose={() => setEvidenceRow(null)} />
      <EventsModal
        row={eventsRow}
        method={eventsRow ? nodes.get(eventsRow.indicator.code)?.method : undefined}
        events={eventsRow?.events ?? null}
        editable={false}
        onDone={() => setEventsRow(null)}
        onClose={() => setEventsRow(null)}
      />
    </>
  );
}
