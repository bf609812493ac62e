import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { SchemeIndicator } from '@kaoping/shared';
import { Link, useParams } from 'react-router-dom';
import { useRequest } from '../../../api/use-request';
import { PAGE_PATHS } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth-context';
import { LoadError } from '../../../components/LoadError';
import { NotFoundResult } from '../../../components/NotFoundResult';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { unitsApi } from '../../units/units.api';
import { SchemeStatusTag, formatNumber, frequencyKey, methodKey } from '../shared/workflow-labels';
import { LastYearModal } from './LastYearModal';
import { PeriodsCard } from './PeriodsCard';
import { SchemeExportButton } from './SchemeExportButton';
import { canWriteSchemes } from './SchemesPage';
import { schemesApi } from './schemes.api';

/** One scheme version: its components and groups, the indicator tree, and its reporting periods. */
export function SchemeDetailPage() {
  const { schemeId } = useParams();
  const id = Number(schemeId);
  const valid = Number.isInteger(id) && id > 0;
  const { t } = useI18n();
  const user = useCurrentUser();
  const scheme = useRequest(() => schemesApi.get(id), `scheme:${id}`, valid);
  const units = useRequest(unitsApi.list, 'units');
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.code, u.name])), [units.data]);
  const [lastYearOf, setLastYearOf] = useState<SchemeIndicator | null>(null);

  if (!valid) return <NotFoundResult />;
  const s = scheme.data;
  const doc = s?.document;

  const columns: TableColumnsType<SchemeIndicator> = [
    { title: t('assessment.detail.code'), dataIndex: 'code', width: 150, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    {
      title: t('assessment.detail.name'),
      dataIndex: 'name',
      render: (name: string, n) => (
        <Space size={4} wrap>
          <span style={{ fontWeight: n.children ? 600 : undefined }}>{name}</span>
          {n.unit && <Typography.Text type="secondary">（{n.unit}）</Typography.Text>}
          {n.direction === 'lower' && <Tag>{t('assessment.detail.direction.lower')}</Tag>}
        </Space>
      ),
    },
    { title: t('assessment.detail.points'), dataIndex: 'points', width: 80, align: 'right', render: (p: number) => formatNumber(p) },
    {
      title: t('assessment.detail.method'),
      key: 'method',
      width: 120,
      render: (_: unknown, n) => {
        const key = methodKey(n.method?.type);
        return key ? <Tag color="blue">{t(key)}</Tag> : null;
      },
    },
    {
      title: t('assessment.detail.groups'),
      key: 'groups',
      width: 140,
      render: (_: unknown, n) =>
        n.groups ? (
          <Space size={[4, 4]} wrap>
            {n.groups.map((g) => (
              <Tag key={g}>{g}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('assessment.detail.inherited')}</Typography.Text>
        ),
    },
    {
      title: t('assessment.detail.frequency'),
      dataIndex: 'frequency',
      width: 90,
      render: (f?: string) => {
        const key = frequencyKey(f);
        return key ? t(key) : null;
      },
    },
    {
      title: t('assessment.detail.dataSource'),
      dataIndex: 'dataSource',
      width: 170,
      render: (code?: string) => (code ? (unitName.get(code) ?? code) : null),
    },
    {
      title: t('assessment.detail.target'),
      key: 'target',
      width: 150,
      render: (_: unknown, n) => {
        if (!n.targets) return null;
        const byUnit = Object.keys(n.targets.byUnit ?? {}).length;
        return (
          <Space size={4} wrap>
            {n.targets.default !== undefined && n.targets.default !== null && <span>{formatNumber(n.targets.default)}</span>}
            {byUnit > 0 && (
              <Tooltip
                title={Object.entries(n.targets.byUnit ?? {})
                  .map(([code, v]) => `${unitName.get(code) ?? code}: ${formatNumber(v)}`)
                  .join('；')}
              >
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('assessment.detail.targetByUnit', { count: byUnit })}
                </Typography.Text>
              </Tooltip>
            )}
          </Space>
        );
      },
    },
    {
      title: t('assessment.lastYear.button'),
      key: 'lastYear',
      width: 110,
      render: (_: unknown, n) => {
        // A leaf whose formula reads lastYear, or that the scheme gives it for.
        const reads = n.method?.type === 'formula' && /\blastYear\b/.test(n.method.expression);
        if (n.children || (!reads && !n.lastYear)) return null;
        const given = n.lastYear?.default;
        // Units read their own value on their grid and scorecard; the table of every unit is for city-wide roles and data sources.
        const mayOpen = s?.status !== 'draft' && user.role !== 'head' && user.role !== 'reporter';
        const label = given !== undefined && given !== null ? formatNumber(given) : t('assessment.lastYear.button');
        return mayOpen ? (
          <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => setLastYearOf(n)} data-testid={`last-year-open-${n.code}`}>
            {label}
          </Button>
        ) : (
          <span>{given ?? '—'}</span>
        );
      },
    },
  ];

  return (
    <>
      <Link to={PAGE_PATHS.assessmentSchemes}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 8 }}>
          {t('assessment.schemes.back')}
        </Button>
      </Link>
      {scheme.error !== null && <LoadError error={scheme.error} onRetry={scheme.reload} />}
      {!s && scheme.loading && <Skeleton active paragraph={{ rows: 10 }} />}
      {s && doc && (
        <>
          <PageHeader
            title={
              <Space wrap>
                {`${s.year} ${s.name}`}
                <Tag>{t('assessment.schemes.versionValue', { version: s.version })}</Tag>
                <SchemeStatusTag status={s.status} />
              </Space>
            }
            subtitle={s.code}
            extra={<SchemeExportButton scheme={s} />}
          />
          <Card style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
              <Descriptions.Item label={t('assessment.detail.total')}>{formatNumber(doc.total)}</Descriptions.Item>
              <Descriptions.Item label={t('assessment.detail.groups')}>
                <Space size={[4, 4]} wrap>
                  {doc.groups.map((g) => (
                    <Tag key={g}>{g}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('assessment.detail.bonusCap')}>{doc.bonusCap === undefined ? t('common.none') : formatNumber(doc.bonusCap)}</Descriptions.Item>
              <Descriptions.Item label={t('assessment.detail.deductionCap')}>
                {doc.deductionCap === undefined ? t('common.none') : formatNumber(doc.deductionCap)}
              </Descriptions.Item>
            </Descriptions>
            <Flex gap={8} wrap align="center" style={{ marginTop: 8 }} data-testid="scheme-components">
              <Typography.Text type="secondary">{t('assessment.detail.components')}:</Typography.Text>
              {doc.components.map((c) => (
                <Tag key={c.code} color="geekblue">
                  {c.name} {formatNumber(c.points)}
                </Tag>
              ))}
            </Flex>
          </Card>
          <Card
            title={t('assessment.detail.indicators')}
            extra={<Typography.Text type="secondary">{t('assessment.detail.indicatorCount', { leaves: s.leafCount })}</Typography.Text>}
            style={{ marginBottom: 16 }}
          >
            <Table<SchemeIndicator>
              data-testid="indicator-tree"
              rowKey="code"
              size="small"
              dataSource={doc.indicators}
              columns={columns}
              pagination={false}
              scroll={{ x: 1230 }}
              expandable={{ defaultExpandAllRows: true }}
            />
          </Card>
          <PeriodsCard schemeId={s.id} published={s.status !== 'draft'} canManage={canWriteSchemes(user.role)} />
          <LastYearModal schemeId={s.id} indicator={lastYearOf} onClose={() => setLastYearOf(null)} />
        </>
      )}
    </>
  );
}
