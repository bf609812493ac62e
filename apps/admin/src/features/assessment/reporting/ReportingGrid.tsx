import { Badge, Button, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PaperClipOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { SchemeMethod } from '@kaoping/shared';
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
}

/** A short text for a row's events: how many, or "none" once recorded empty. */
function eventsText(events: unknown[] | null, t: ReturnType<typeof useI18n>['t']): string {
  if (events === null) return t('common.none');
  return events.length === 0 ? t('assessment.reporting.eventsNone') : t('assessment.reporting.eventsCount', { count: events.length });
}

/** A unit's indicators for one period: value, grade or events per row, with note, status and evidence. */
export function ReportingGrid({ rows, unitId, loading, drafts, onEdit, methodOf, sourceName, onEvents, onEvidence, onCorrection }: ReportingGridProps) {
  const { t } = useI18n();

  const input = (row: GridRow) => {
    const cell = shownCell(row, drafts);
    const code = row.indicator.code;
    const method = row.indicator.method;
    const editable = row.canEdit && !!onEdit;
    const set = (patch: Partial<RowDraft>) => onEdit?.(row, { ...cell, ...patch });
    if (EVENT_METHODS.has(method)) {
      return (
        <Button size="small" icon={<UnorderedListOutlined />} onClick={() => onEvents(row)} data-testid={`grid-events-${code}`}>
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
    return (
      <InputNumber<number>
        size="small"
        style={{ width: 150 }}
        value={cell.value}
        onChange={(v) => set({ value: typeof v === 'number' ? v : null })}
        suffix={row.indicator.unitLabel || undefined}
        aria-label={`${code} ${t('assessment.reporting.value')}`}
        data-testid={`grid-value-${code}`}
      />
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
