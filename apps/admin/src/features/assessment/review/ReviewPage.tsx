import { useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, Empty, Flex, Row, Select, Space, Tabs, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../api/api-error';
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
import { ReviewQueue, queueKey } from './ReviewQueue';

/** The office (or a data-source unit) approves submitted values or returns them with a reason; the office also decides corrections. */
export function ReviewPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const isOffice = user.role === 'admin' || user.role === 'office';

  const [schemeChoice, setSchemeChoice] = useState<number | null>(null);
  const [periodFilter, setPeriodFilter] = useState<number | undefined>();
  const [picked, setPicked] = useState<{ unitId: number; periodId: number } | null>(null);
  const [tab, setTab] = useState('values');

  const schemes = usePublishedSchemes(schemeChoice);
  const scheme = schemes.current;
  const doc = useRequest(() => schemesApi.get(scheme!.id), `scheme:${scheme?.id}`, !!scheme);
  const periods = useRequest(() => schemesApi.periods(scheme!.id), `periods:${scheme?.id}`, !!scheme);
  const queue = useRequest(
    () => reportingApi.reviewQueue({ schemeId: scheme!.id, periodId: periodFilter }),
    `queue:${scheme?.id}:${periodFilter}`,
    !!scheme,
  );
  const corrections = useRequest(() => reportingApi.corrections('pending'), 'corrections', isOffice);
  const units = useRequest(unitsApi.list, 'units');

  const gridKey = picked ? queueKey(picked) : '';
  const gridRequest = useRequest(() => reportingApi.grid(picked!.unitId, picked!.periodId), gridKey, !!picked);
  const [fresh, setFresh] = useState<{ key: string; grid: Grid } | null>(null);
  const grid = fresh?.key === gridKey ? fresh.grid : gridRequest.data && picked && queueKey({ unitId: gridRequest.data.unitId, periodId: gridRequest.data.period.id }) === gridKey ? gridRequest.data : undefined;

  const [busy, setBusy] = useState<'approve' | 'return' | null>(null);
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

  const pick = (next: { unitId: number; periodId: number } | null) => {
    setPicked(next);
    setFresh(null);
  };

  const decide = async (decision: 'approve' | 'return', reason?: string) => {
    if (!picked || !grid) return;
    setBusy(decision);
    try {
      const g = await reportingApi.review(picked.unitId, picked.periodId, decision, reason);
      setFresh({ key: gridKey, grid: g });
      setReturning(false);
      const vars = { unit: unitLabel, period: grid.period.label };
      void message.success(decision === 'approve' ? t('assessment.review.approved', vars) : t('assessment.review.returned', vars));
      queue.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const returnApproved = async (row: GridRow, reason: string) => {
    if (!picked || row.valueId === null) return;
    setBusy('return');
    try {
      setFresh({ key: gridKey, grid: await reportingApi.returnApproved(row.valueId, reason) });
      setReturningRow(null);
      void message.success(t('assessment.review.returnedApproved', { code: row.indicator.code }));
      queue.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

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
              loading={busy === 'return'}
              onClick={() => setReturning(true)}
              data-testid="review-return"
            >
              {t('assessment.review.return')}
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={submitted.length === 0 || grid.period.status === 'locked'}
              loading={busy === 'approve'}
              onClick={() => void decide('approve')}
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
        <PeriodSelect periods={periods.data ?? []} loading={periods.loading} value={periodFilter} onChange={setPeriodFilter} allowClear testId="review-period" />
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
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
          {t('assessment.review.queueCount', { count: queue.data?.length ?? 0 })}
        </Typography.Text>
      </Flex>
      {queue.error !== null && <LoadError error={queue.error} onRetry={queue.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={6}>
          <ReviewQueue items={queue.data ?? []} loading={queue.loading} selected={picked ? queueKey(picked) : null} onSelect={(i) => pick({ unitId: i.unitId, periodId: i.periodId })} />
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
        busy={busy === 'return'}
        title={grid ? t('assessment.review.returnTitle', { unit: unitLabel, period: grid.period.label }) : ''}
        onReturn={(reason) => void decide('return', reason)}
        onClose={() => setReturning(false)}
      />
      <ReturnModal
        open={returningRow !== null}
        busy={busy === 'return'}
        title={returningRow && grid ? t('assessment.review.returnApprovedTitle', { code: returningRow.indicator.code, name: returningRow.indicator.name, unit: unitLabel, period: grid.period.label }) : ''}
        onReturn={(reason) => returningRow && void returnApproved(returningRow, reason)}
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
