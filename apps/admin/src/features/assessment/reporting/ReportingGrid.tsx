import { Badge, Button, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, EditOutlined, PaperClipOutlined, RollbackOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { showNumber, VALUE_LIMIT, valueProblem, type GridRow as Row, type SchemeMethod } from '@kaoping/shared';
import { useI18n } from '../../../i18n/i18n-context';
import { ValueStatusTag, formatNumber, methodKey } from '../shared/workflow-labels';
import { EVENT_METHODS, gradeOptions, isChanged, shownCell, type Drafts, type RowDraft } from './grid-edits';
import type { GridRow } from './reporting.api';

export interface ReportingGridProps {
  rows: GridRow[];
  /** The unit whose grid this is; rows supplied by another unit say so. */
  unitId: number | null;
  loading?: boolean;
  drafts: Drafts;
  /** Absent on a read-only grid (the review page). */
  onEdit?(row: GridRow, draft: RowDraft): void;
  methodOf(code: string): SchemeMethod | undefined;
  sourceName(unitId: number): string;
  onEvents(row: GridRow): void;
  onEvidence(row: GridRow): void;
  /** Offered on a saved value of a closed or locked period. */
  onCorrection?(row: GridRow): void;
  /** Records 本期无事项 on an event row with nothing recorded (absent on a read-only grid). */
  onConfirmNone?(row: GridRow): void;
  /** The office returns an approved value (offered while its period is open). */
  onReturnApproved?(row: GridRow): void;
}

/** What a number row allows, e.g. 不小于 0，须为整数; the default outer bounds (±10^15) go unsaid unless they are the problem. */
function allowedText(l: NonNullable<Row['limits']>, value: number, t: ReturnType<typeof useI18n>['t']): string {
  const digits = l.decimals === null ? '' : l.decimals === 0 ? t('assessment.reporting.allowedWhole') : t('assessment.reporting.allowedDecimals', { decimals: l.decimals });
  const outside = Math.abs(value) > VALUE_LIMIT;
  const range =
    !outside && l.max === VALUE_LIMIT && l.min > -VALUE_LIMIT
      ? t('assessment.reporting.allowedMin', { min: showNumber(l.min) })
      : !outside && l.min === -VALUE_LIMIT && l.max < VALUE_LIMIT
        ? t('assessment.reporting.allowedMax', { max: showNumber(l.max) })
        : t('assessment.reporting.allowedRange', { min: showNumber(l.min), max: showNumber(l.max) });
  return `${range}${digits}`;
}

/** A short text for a row's events: how many, or 本期无事项 once recorded empty. */
function eventsText(events: unknown[] | null, t: ReturnType<typeof useI18n>['t']): string {
  if (events === null) return t('common.none');
  return events.length === 0 ? t('assessment.reporting.noEventsConfirmed') : t('assessment.reporting.eventsCount', { count: events.length });
}

/**
 * A unit's indicators for one period: value, grade or events per row, with note, status and evidence.
 * Event rows with nothing recorded read 本期无事项 and are confirmed in one click.
 */
export function ReportingGrid({ rows, unitId, loading, drafts, onEdit, methodOf, sourceName, onEvents, onEvidence, onCorrection, onConfirmNone, onReturnApproved }: ReportingGridProps) {
  const { t } = useI18n();

  const input = (row: GridRow) => {
    const cell = shownCell(row, drafts);
    const code = row.indicator.code;
    const method = row.indicator.method;
    const editable = row.canEdit && !!onEdit;
    const set = (patch: Partial<RowDraft>) => onEdit?.(row, { ...cell, ...patch });
    if (EVENT_METHODS.has(method)) {
      if (cell.events === null && editable && onConfirmNone) {
        return (
          <Space orientation="vertical" size={2}>
            <Tooltip title={t('assessment.reporting.noEventsHint')}>
              <Tag style={{ marginInlineEnd: 0 }} data-testid={`grid-no-events-pending-${code}`}>
                {t('assessment.reporting.noEventsPending')}
              </Tag>
            </Tooltip>
            <Space size={4}>
              <Button size="small" type="primary" ghost icon={<CheckCircleOutlined />} onClick={() => onConfirmNone(row)} data-testid={`grid-no-events-${code}`}>
                {t('assessment.reporting.noEventsConfirm')}
              </Button>
              <Button size="small" type="link" icon={<UnorderedListOutlined />} onClick={() => onEvents(row)} data-testid={`grid-events-${code}`}>
                {t('assessment.reporting.recordEvents')}
              </Button>
            </Space>
          </Space>
        );
      }
      return (
        <Button
          size="small"
          icon={cell.events?.length === 0 ? <CheckCircleOutlined /> : <UnorderedListOutlined />}
          onClick={() => onEvents(row)}
          data-testid={`grid-events-${code}`}
        >
          {eventsText(cell.events, t)}
        </Button>
      );
    }
    if (method === 'grade') {
      if (!editable) return <span data-testid={`grid-value-${code}`}>{cell.grade ?? t('common.none')}</span>;
      return (
        <Select<string>
          size="small"
          allowClear
          style={{ width: 120 }}
          value={cell.grade ?? undefined}
          onChange={(g) => set({ grade: g ?? null })}
          options={gradeOptions(methodOf(code)).map((g) => ({ value: g, label: g }))}
          placeholder={t('assessment.reporting.grade')}
          aria-label={`${code} ${t('assessment.reporting.grade')}`}
          data-testid={`grid-value-${code}`}
        />
      );
    }
    if (!editable) {
      return (
        <span data-testid={`grid-value-${code}`}>
          {formatNumber(cell.value)}
          {cell.value !== null && row.indicator.unitLabel ? ` ${row.indicator.unitLabel}` : ''}
        </span>
      );
    }
    // What the indicator allows is checked as it is typed, with the server's words; the server checks again.
    const problem = cell.value !== null && row.limits ? valueProblem(cell.value, { ...row.limits, count: false }) : null;
    return (
      <Space orientation="vertical" size={0}>
        <InputNumber<number>
          size="small"
          style={{ width: 150 }}
          value={cell.value}
          status={problem ? 'error' : undefined}
          onChange={(v) => set({ value: typeof v === 'number' ? v : null })}
          suffix={row.indicator.unitLabel || undefined}
          aria-label={`${code} ${t('assessment.reporting.value')}`}
          aria-invalid={problem ? true : undefined}
          data-testid={`grid-value-${code}`}
        />
        {problem && row.limits && (
          <Typography.Text type="danger" style={{ fontSize: 12, maxWidth: 160 }} data-testid={`grid-value-problem-${code}`}>
            {allowedText(row.limits, cell.value!, t)}
          </Typography.Text>
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<GridRow> = [
    {
      title: t('assessment.detail.name'),
      key: 'name',
      width: 300,
      render: (_: unknown, r) => {
        const mk = methodKey(r.indicator.method);
        return (
          <Space orientation="vertical" size={0}>
            <Badge dot={isChanged(r, drafts[r.indicator.id])} offset={[6, 2]}>
              <Space size={6}>
                <Typography.Text code>{r.indicator.code}</Typography.Text>
                <span>{r.indicator.name}</span>
              </Space>
            </Badge>
            <Space size={4} wrap>
              {mk && <Tag style={{ marginInlineEnd: 0 }}>{t(mk)}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('assessment.detail.points')} {formatNumber(r.indicator.points)}
                {r.target !== null && ` · ${t('assessment.detail.target')} ${formatNumber(r.target)}${r.indicator.unitLabel ? ` ${r.indicator.unitLabel}` : ''}`}
                {r.lastYear !== null && ` · ${t('assessment.reporting.lastYear', { value: `${formatNumber(r.lastYear)}${r.indicator.unitLabel ? ` ${r.indicator.unitLabel}` : ''}` })}`}
              </Typography.Text>
            </Space>
          </Space>
        );
      },
    },
    {
      title: t('assessment.reporting.value'),
      key: 'value',
      width: 170,
      render: (_: unknown, r) => {
        // An indicator supplied by another unit (e.g. the statistics bureau) is filled there, not here.
        const source = r.indicator.dataSourceUnitId;
        const fromElsewhere = source !== null && !r.canEdit && source !== unitId;
        return (
          <Space orientation="vertical" size={0}>
            {!(fromElsewhere && r.status === 'empty') && input(r)}
            {fromElsewhere && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('assessment.reporting.otherSource', { unit: sourceName(source) })}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t('assessment.reporting.note'),
      key: 'note',
      width: 200,
      render: (_: unknown, r) => {
        const cell = shownCell(r, drafts);
        if (!r.canEdit || !onEdit) {
          return (
            <Typography.Text type="secondary" ellipsis={{ tooltip: cell.note }} style={{ maxWidth: 180 }}>
              {cell.note ?? ''}
            </Typography.Text>
          );
        }
        return (
          <Input
            size="small"
            maxLength={1000}
            value={cell.note ?? ''}
            onChange={(e) => onEdit(r, { ...cell, note: e.target.value })}
            aria-label={`${r.indicator.code} ${t('assessment.reporting.note')}`}
            data-testid={`grid-note-${r.indicator.code}`}
          />
        );
      },
    },
    {
      title: t('assessment.reporting.status'),
      key: 'status',
      width: 160,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={2}>
          <ValueStatusTag status={r.status} testId={`row-status-${r.indicator.code}`} />
          {onReturnApproved && r.status === 'approved' && (
            <Button size="small" type="link" danger icon={<RollbackOutlined />} style={{ paddingInline: 0 }} onClick={() => onReturnApproved(r)} data-testid={`grid-return-${r.indicator.code}`}>
              {t('assessment.review.returnApproved')}
            </Button>
          )}
          {r.status === 'returned' && r.returnReason && (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`row-reason-${r.indicator.code}`}>
              {t('assessment.value.returnReason', { reason: r.returnReason })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('assessment.reporting.evidence'),
      key: 'evidence',
      width: onCorrection ? 180 : 76,
      render: (_: unknown, r) => (
        <Space size={4}>
          <Tooltip title={r.valueId === null ? t('assessment.reporting.evidenceSaveFirst') : undefined}>
            <Button size="small" icon={<PaperClipOutlined />} onClick={() => onEvidence(r)} disabled={r.valueId === null} data-testid={`grid-evidence-${r.indicator.code}`}>
              {r.evidenceCount}
            </Button>
          </Tooltip>
          {onCorrection && r.valueId !== null && (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onCorrection(r)} data-testid={`grid-correction-${r.indicator.code}`}>
              {t('assessment.reporting.correction')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<GridRow>
      data-testid="reporting-grid"
      rowKey={(r) => r.indicator.id}
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: onCorrection ? 1010 : 906 }}
    />
  );
}
