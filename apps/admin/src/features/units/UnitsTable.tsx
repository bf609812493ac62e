import { Button, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { UnitDto, UnitKind } from '@kaoping/shared';
import { StatusTag } from '../../components/StatusTag';
import { useI18n } from '../../i18n/i18n-context';

const KIND_TAG_COLORS: Record<UnitKind, string> = { county: 'blue', district: 'volcano', park: 'green', municipal: 'purple' };

interface Props {
  units: UnitDto[];
  loading: boolean;
  canWrite: boolean;
  onEdit(unit: UnitDto): void;
  onToggleActive(unit: UnitDto): void;
}

/** The unit rows, already ordered by group; write actions only for those who may write. */
export function UnitsTable({ units, loading, canWrite, onEdit, onToggleActive }: Props) {
  const { t, lang, kindLabel, groupName } = useI18n();

  const columns: TableColumnsType<UnitDto> = [
    { title: t('units.code'), dataIndex: 'code', width: 130, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    {
      title: t('units.name'),
      dataIndex: 'name',
      render: (name: string, u) => (
        <span>
          {name}
          {u.shortName && u.shortName !== name && <Typography.Text type="secondary">{lang === 'zh-CN' ? `（${u.shortName}）` : ` (${u.shortName})`}</Typography.Text>}
        </span>
      ),
    },
    { title: t('units.kind'), dataIndex: 'kind', width: 190, render: (kind: UnitKind) => <Tag color={KIND_TAG_COLORS[kind]}>{kindLabel(kind)}</Tag> },
    { title: t('units.group'), key: 'group', width: 200, render: (_: unknown, u) => groupName(u.group) },
    { title: t('units.adcode'), dataIndex: 'adcode', width: 130, render: (adcode: string | null) => adcode ?? t('common.none') },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onEdit(u)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t(u.active ? 'common.confirmDeactivate' : 'common.confirmActivate', { name: u.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => onToggleActive(u)}
          >
            <Button type="link" size="small" danger={u.active}>
              {u.active ? t('common.deactivate') : t('common.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <Table<UnitDto>
      data-testid="units-table"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={units}
      columns={columns}
      pagination={{
        defaultPageSize: 20,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (total) => t('units.total', { count: total }),
      }}
    />
  );
}
