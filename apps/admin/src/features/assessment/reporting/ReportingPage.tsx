import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Select, Typography, Upload } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportRowError } from '@kaoping/shared';
import { ApiError, errorMessage } from '../../../api/api-error';
import { useAction, useKeyedAction } from '../../../api/use-action';
import { useRequest } from '../../../api/use-request';
import { useCurrentUser } from '../../../app/auth-context';
import { ImportErrorsModal } from '../../../components/ImportErrorsModal';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { unitOptions } from '../../../components/unit-options';
import { useI18n } from '../../../i18n/i18n-context';
import { unitsApi } from '../../units/units.api';
import { PeriodSelect } from '../shared/PeriodSelect';
import { PublishedSchemeSelect } from '../shared/PublishedSchemeSelect';
import { usePublishedSchemes } from '../shared/use-published-schemes';
import { periodStatusKey } from '../shared/workflow-labels';
import { schemesApi, type PeriodDto } from '../schemes/schemes.api';
import { CorrectionModal } from './CorrectionModal';
import { DueCard } from './DueCard';
import { EventsModal } from './EventsModal';
import { EvidenceModal } from './EvidenceModal';
import { changedRows, indicatorsByCode, isFilled, pendingNoEvents, shownCell, toEntries, type Drafts, type RowDraft } from './grid-edits';
import { ReportingGrid } from './ReportingGrid';
import { reportingApi, type DueItem, type Grid, type GridRow } from './reporting.api';

/** The period to start on: a due one (returned first), else the latest open one. */
function defaultPeriod(periods: PeriodDto[], due: DueItem[], schemeId: number | undefined): number | undefined {
  const mine = due.filter((d) => d.schemeId === schemeId);
  const pick = mine.find((d) => d.returned > 0) ?? mine[0];
  if (pick) return pick.periodId;
  const open = periods.filter((p) => p.status === 'open');
  return (open[open.length - 1] ?? periods.find((p) => p.status !== 'pending'))?.id;
}

/** A unit's data for one period: the due list, the editable grid, save, submit, Excel, evidence and corrections. */
export function ReportingPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const isSource = user.role === 'datasource';

  const [schemeChoice, setSchemeChoice] = useState<number | null>(null);
  // `?period=ID` opens on that period (how the workbench links to what is due).
  const [params] = useSearchParams();
  const [periodChoice, setPeriodChoice] = useState<number | null>(Number(params.get('period')) || null);
  const [unitChoice, setUnitChoice] = useState<number | null>(null);
  const unitId = isSource ? unitChoice : (user.unit?.id ?? null);

  const schemes = usePublishedSchemes(schemeChoice);
  const scheme = schemes.current;
  const doc = useRequest(() => schemesApi.get(scheme!.id), `scheme:${scheme?.id}`, !!scheme);
  const periods = useRequest(() => schemesApi.periods(scheme!.id), `periods:${scheme?.id}`, !!scheme);
  const due = useRequest(() => reportingApi.due(), 'due', !isSource);
  const units = useRequest(unitsApi.list, 'units');

  const periodId = periodChoice ?? defaultPeriod(periods.data ?? [], due.data ?? [], scheme?.id);
  // Keep the starting period once shown: the due list changes after a submit and must not move the page.
  if (periodChoice === null && periodId !== undefined && periods.data && (isSource || due.data)) setPeriodChoice(periodId);
  const gridKey = `${unitId}:${periodId}`;
  const gridRequest = useRequest(() => reportingApi.grid(unitId!, periodId!), gridKey, !!unitId && !!periodId);
  const [fresh, setFresh] = useState<{ key: string; grid: Grid } | null>(null);
  const grid: Grid | undefined = fresh?.key === gridKey ? fresh.grid : gridRequest.data?.period.id === periodId && gridRequest.data?.unitId === unitId ? gridRequest.data : undefined;
  const rows = grid?.rows ?? [];

  const [drafts, setDrafts] = useState<Drafts>({});
  // The import keeps its own state: a rejected sheet shows its row-by-row problems, not a message.
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<ImportRowError[] | null>(null);
  const [eventsRow, setEventsRow] = useState<GridRow | null>(null);
  const [evidenceRow, setEvidenceRow] = useState<GridRow | null>(null);
  const [correctionRow, setCorrectionRow] = useState<GridRow | null>(null);

  const nodes = useMemo(() => indicatorsByCode(doc.data?.document), [doc.data]);
  const methodOf = (code: string) => nodes.get(code)?.method;
  const unitNames = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const sourceName = (id: number) => unitNames.get(id) ?? `#${id}`;
  const dirty = changedRows(rows, drafts);
  const period = grid?.period;

  /** Runs `go` now, or after the person agrees to drop unsaved changes. */
  const leave = (go: () => void) => {
    if (dirty.length === 0) return go();
    modal.confirm({
      title: t('assessment.reporting.unsaved', { count: dirty.length }),
      content: t('assessment.reporting.leaveUnsaved', { count: dirty.length }),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: go,
    });
  };
  const switchTo = (next: { scheme?: number; period?: number | null; unit?: number }) =>
    leave(() => {
      if (next.scheme !== undefined) setSchemeChoice(next.scheme);
      if (next.period !== undefined) setPeriodChoice(next.period);
      if (next.unit !== undefined) setUnitChoice(next.unit);
      setDrafts({});
      setFresh(null);
    });

  const edit = (row: GridRow, draft: RowDraft) => setDrafts((d) => ({ ...d, [row.indicator.id]: draft }));

  /** Shows the grid the server answered; drafts of the rows it saved (all by default) are done, the others stay. */
  const landed = (g: Grid, saved?: number[]) => {
    setFresh({ key: `${g.unitId}:${g.period.id}`, grid: g });
    setDrafts((d) => (saved ? Object.fromEntries(Object.entries(d).filter(([id]) => !saved.includes(Number(id)))) : {}));
    due.reload();
  };

  const onError = (m: string) => void message.error(m);

  /** 本期无事项 on the rows given (one click on a row, keyed by its indicator, or every pending row at once), saved at once. */
  const confirmNone = useKeyedAction(async (_key: number | 'all', targets: GridRow[]) => {
    if (!unitId || !periodId || targets.length === 0) return;
    const ids = targets.map((r) => r.indicator.id);
    landed(await reportingApi.confirmNoEvents(unitId, periodId, ids), ids);
    void message.success(t('assessment.reporting.noEventsDone', { count: ids.length }));
  }, { onError });

  /** Saves the unsaved edits; answers true once nothing is left unsaved (undefined when the save failed). */
  const save = useAction(async () => {
    if (!unitId || !periodId) return false;
    const entries = toEntries(rows, drafts);
    if (entries.length === 0) {
      void message.info(t('assessment.reporting.nothingToSave'));
      return true;
    }
    landed(await reportingApi.save(unitId, periodId, entries));
    void message.success(t('assessment.reporting.saved', { count: entries.length }));
    return true;
  }, { onError });

  const submit = useAction(async () => {
    if (!unitId || !periodId || !period) return;
    landed(await reportingApi.submit(unitId, periodId));
    void message.success(t('assessment.reporting.submitted', { label: period.label }));
  }, { onError });
  /** Saves what is unsaved first, as its own step (the save button spins), and submits only once that is saved. */
  const saveAndSubmit = async () => {
    if (!unitId || !periodId || !period) return;
    if (dirty.length > 0 && !(await save.run())) return;
    await submit.run();
  };

  const importSheet = async (file: Blob) => {
    if (!unitId || !periodId) return;
    setImporting(true);
    try {
      landed(await reportingApi.importXlsx(unitId, periodId, file));
      void message.success(t('assessment.reporting.imported'));
    } catch (err) {
      if (err instanceof ApiError && err.importErrors.length > 0) setImportErrors(err.importErrors);
      else void message.error(errorMessage(err));
    } finally {
      setImporting(false);
    }
  };

  const template = useAction(async () => {
    if (!unitId || !periodId) return;
    const file = await reportingApi.template(unitId, periodId);
    void message.success(t('common.exported', { file }));
  }, { onError });

  const canEditAny = rows.some((r) => r.canEdit);
  const pending = pendingNoEvents(rows, drafts);
  const canSubmit = user.role === 'head' && period?.status === 'open' && rows.some((r) => r.status === 'draft' || r.status === 'returned' || (r.canEdit && dirty.includes(r)));
  const mayCorrect = (period?.status === 'closed' || period?.status === 'locked') && ['head', 'reporter', 'datasource'].includes(user.role);
  const counts = {
    filled: rows.filter((r) => isFilled(shownCell(r, drafts), r.indicator.method)).length,
    submitted: rows.filter((r) => r.status === 'submitted').length,
    approved: rows.filter((r) => r.status === 'approved').length,
  };

  const periodAlert = period && period.status !== 'open' && (
    <Alert
      type={period.status === 'pending' ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      title={
        period.status === 'pending'
          ? t('assessment.reporting.periodPending', { label: period.label })
          : t('assessment.reporting.periodNotOpen', { label: period.label, status: t(periodStatusKey(period.status)) })
      }
    />
  );

  const noScheme = !schemes.loading && schemes.error === null && schemes.published.length === 0;

  return (
    <>
      <PageHeader title={t('assessment.reporting.title')} subtitle={t('assessment.reporting.subtitle')} />
      {schemes.error !== null && <LoadError error={schemes.error} onRetry={schemes.reload} />}
      {periods.error !== null && <LoadError error={periods.error} onRetry={periods.reload} />}
      {noScheme ? (
        <Card>
          <Empty description={t('assessment.scheme.none')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {!isSource && (
            <Col xs={24} xxl={5}>
              {due.error !== null && <LoadError error={due.error} onRetry={due.reload} />}
              <DueCard
                items={(due.data ?? []).filter((d) => !scheme || d.schemeId === scheme.id)}
                loading={due.loading}
                currentPeriodId={periodId}
                onOpen={(d) => switchTo({ period: d.periodId })}
              />
            </Col>
          )}
          <Col xs={24} xxl={isSource ? 24 : 19}>
            <Card>
              <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
                {schemes.published.length > 1 && (
                  <PublishedSchemeSelect schemes={schemes.published} value={scheme?.id} onChange={(id) => switchTo({ scheme: id, period: null })} />
                )}
                {isSource && (
                  <Select<number>
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('assessment.reporting.pickUnit')}
                    prefix={`${t('assessment.reporting.unit')}:`}
                    aria-label={t('assessment.reporting.unit')}
                    style={{ minWidth: 280 }}
                    value={unitChoice ?? undefined}
                    onChange={(id) => switchTo({ unit: id })}
                    options={unitOptions((units.data ?? []).filter((u) => u.active))}
                    data-testid="reporting-unit"
                  />
                )}
                <PeriodSelect periods={periods.data ?? []} loading={periods.loading} value={periodId} onChange={(id) => id && switchTo({ period: id })} />
                {grid && rows.length > 0 && (
                  <Typography.Text type="secondary" data-testid="grid-progress">
                    {t('assessment.reporting.progress', { filled: counts.filled, total: rows.length, submitted: counts.submitted, approved: counts.approved })}
                  </Typography.Text>
                )}
                <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
                  {pending.length > 0 && (
                    <Button icon={<CheckCircleOutlined />} loading={confirmNone.running} onClick={() => void confirmNone.run('all', pending)} data-testid="grid-no-events-all">
                      {t('assessment.reporting.noEventsConfirmAll', { count: pending.length })}
                    </Button>
                  )}
                  <Button icon={<DownloadOutlined />} disabled={!grid} loading={template.running} onClick={() => void template.run()} data-testid="grid-template">
                    {t('assessment.reporting.template')}
                  </Button>
                  <Upload
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    showUploadList={false}
                    maxCount={1}
                    disabled={!canEditAny}
                    beforeUpload={(file) => {
                      void importSheet(file);
                      return false;
                    }}
                  >
                    <Button icon={<UploadOutlined />} disabled={!canEditAny} loading={importing} data-testid="grid-import">
                      {t('assessment.reporting.importXlsx')}
                    </Button>
                  </Upload>
                  <Button
                    icon={<SaveOutlined />}
                    type={user.role === 'head' ? 'default' : 'primary'}
                    disabled={!canEditAny}
                    loading={save.running}
                    onClick={() => void save.run()}
                    data-testid="grid-save"
                  >
                    {dirty.length > 0 ? `${t('assessment.reporting.save')} (${dirty.length})` : t('assessment.reporting.save')}
                  </Button>
                  {user.role === 'head' && (
                    <Button type="primary" icon={<SendOutlined />} disabled={!canSubmit} loading={submit.running} onClick={() => void saveAndSubmit()} data-testid="grid-submit">
                      {t('assessment.reporting.submit')}
                    </Button>
                  )}
                </Flex>
              </Flex>
              {gridRequest.error !== null && <LoadError error={gridRequest.error} onRetry={gridRequest.reload} />}
              {periodAlert}
              {!unitId || !periodId ? (
                <Empty description={isSource && !unitId ? t('assessment.reporting.pickUnit') : t('assessment.reporting.noPeriod')} />
              ) : grid && rows.length === 0 ? (
                <Empty description={t('assessment.reporting.noRows')} />
              ) : (
                <ReportingGrid
                  rows={rows}
                  unitId={unitId}
                  loading={gridRequest.loading && !grid}
                  drafts={drafts}
                  onEdit={edit}
                  methodOf={methodOf}
                  sourceName={sourceName}
                  onEvents={setEventsRow}
                  onEvidence={setEvidenceRow}
                  onCorrection={mayCorrect ? setCorrectionRow : undefined}
                  onConfirmNone={(row) => void confirmNone.run(row.indicator.id, [row])}
                />
              )}
              {user.role !== 'head' && !isSource && grid && period?.status === 'open' && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                  {t('assessment.reporting.submitHint')}
                </Typography.Paragraph>
              )}
            </Card>
          </Col>
        </Row>
      )}
      <EventsModal
        row={eventsRow}
        method={eventsRow ? methodOf(eventsRow.indicator.code) : undefined}
        events={eventsRow ? shownCell(eventsRow, drafts).events : null}
        editable={!!eventsRow?.canEdit}
        onDone={(events) => {
          if (eventsRow) edit(eventsRow, { ...shownCell(eventsRow, drafts), events });
          setEventsRow(null);
        }}
        onClose={() => setEventsRow(null)}
      />
      <EvidenceModal
        row={evidenceRow}
        canUpload={!!evidenceRow?.canEdit}
        onChanged={() => {
          setFresh(null);
          gridRequest.reload();
        }}
        onClose={() => setEvidenceRow(null)}
      />
      <CorrectionModal row={correctionRow} method={correctionRow ? methodOf(correctionRow.indicator.code) : undefined} onClose={() => setCorrectionRow(null)} />
      <ImportErrorsModal errors={importErrors} onClose={() => setImportErrors(null)} />
    </>
  );
}
