import type { SchemeIndicator } from '@kaoping/shared';
import { Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../../i18n/i18n-context';
import { fmtPoints } from '../shared/result-format';
import type { Explanation, ScorecardIndicator } from '../shared/score-runs.api';

export interface TreeRow {
  key: string;
  code: string;
  name: string;
  maxPoints: number;
  points: number;
  leaf?: ScorecardIndicator;
  children?: TreeRow[];
}

/** The scheme's 一级/二级/三级 headings with the unit's scored leaves under them; headings sum their leaves. */
export function buildTree(nodes: SchemeIndicator[] | undefined, indicators: ScorecardIndicator[]): TreeRow[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const used = new Set<string>();
  const walk = (list: SchemeIndicator[]): TreeRow[] =>
    list.flatMap((n): TreeRow[] => {
      if (n.children?.length) {
        const children = walk(n.children);
        if (children.length === 0) return [];
        return [{ key: n.code, code: n.code, name: n.name, maxPoints: sum(children, (c) => c.maxPoints), points: sum(children, (c) => c.points), children }];
      }
      const leaf = byCode.get(n.code);
      if (!leaf) return [];
      used.add(n.code);
      return [{ key: leaf.code, code: leaf.code, name: leaf.name, maxPoints: leaf.maxPoints, points: leaf.points, leaf }];
    });
  const rows = walk(nodes ?? []);
  // Anything the tree does not place (or no tree at all) is listed flat after it.
  for (const i of indicators) if (!used.has(i.code)) rows.push({ key: i.code, code: i.code, name: i.name, maxPoints: i.maxPoints, points: i.points, leaf: i });
  return rows;
}

const sum = <T,>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

const allKeys = (rows: TreeRow[]): string[] => rows.flatMap((r) => (r.children ? [r.key, ...allKeys(r.children)] : []));

/** The explanation of one computed score: the rule in words, the arithmetic (with the 时序进度 gap where there is one) and notes. */
export function ExplanationText({ e, testId }: { e: Explanation; testId?: string }) {
  return (
    <Flex vertical gap={2} data-testid={testId} style={{ fontSize: 13 }}>
      <Typography.Text type="secondary">{e.rule}</Typography.Text>
      {e.steps.map((s, i) => (
        <Typography.Text key={i}>{s}</Typography.Text>
      ))}
      {e.notes?.map((n, i) => (
        <Typography.Text key={`n${i}`} type="warning">
          {n}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** A unit's indicator tree: points, score, actual against target and the explanation of each leaf. */
export function IndicatorTree({ rows }: { rows: TreeRow[] }) {
  const { t } = useI18n();
  const columns: ColumnsType<TreeRow> = [
    {
      title: t('results.indicator'),
      key: 'name',
      width: 300,
      render: (_, r) => (
        <span data-testid={`scorecard-indicator-${r.code}`}>
          <Typography.Text type="secondary" style={{ marginInlineEnd: 6, fontSize: 12 }}>
            {r.code}
          </Typography.Text>
          {r.leaf ? r.name : <Typography.Text strong>{r.name}</Typography.Text>}
        </span>
      ),
    },
    { title: t('results.maxPoints'), dataIndex: 'maxPoints', align: 'right', width: 80, render: (v: number) => fmtPoints(v) },
    {
      title: t('results.score'),
      key: 'points',
      align: 'right',
      width: 90,
      render: (_, r) => {
        // Bonus and veto items start from nothing: only the other methods can fall short of their points.
        const method = r.leaf?.explanation.method;
        const short = r.leaf && method !== 'bonus' && method !== 'veto' && r.points < r.maxPoints - 0.005;
        return (
          <Typography.Text strong={!r.leaf || undefined} type={short ? 'danger' : undefined} data-testid={`scorecard-points-${r.code}`}>
            {fmtPoints(r.points)}
          </Typography.Text>
        );
      },
    },
    {
      title: t('results.actualTarget'),
      key: 'actual',
      width: 130,
      render: (_, r) =>
        r.leaf && (r.leaf.actual !== null || r.leaf.target !== null) ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text style={{ whiteSpace: 'nowrap' }}>
              {num(r.leaf.actual)} / {num(r.leaf.target)}
            </Typography.Text>
            {r.leaf.lastYear !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid={`scorecard-last-year-${r.code}`}>
                {t('results.lastYear')} {num(r.leaf.lastYear)}
              </Typography.Text>
            )}
          </Space>
        ) : null,
    },
    {
      title: t('results.explanation'),
      key: 'explanation',
      render: (_, r) => (r.leaf ? <ExplanationText e={r.leaf.explanation} testId={`scorecard-explanation-${r.code}`} /> : null),
    },
  ];
  return (
    <Table<TreeRow>
      key={allKeys(rows).join()}
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      expandable={{ defaultExpandedRowKeys: allKeys(rows), indentSize: 16 }}
      scroll={{ x: 900 }}
      data-testid="scorecard-tree"
    />
  );
}

const num = (x: number | null) => (x === null ? '—' : String(Math.round(x * 10000) / 10000));
