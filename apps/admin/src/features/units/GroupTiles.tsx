import { Card, Flex, Typography, theme } from 'antd';
import type { GroupDto } from '@kaoping/shared';
import { useI18n } from '../../i18n/i18n-context';

interface Props {
  groups: GroupDto[];
  counts: Map<number, number>;
  total: number;
  inactive: number;
  selected: number | null;
  onSelect(groupId: number | null): void;
}

/** One tile per assessment group (考核组别) with its unit count; a tile filters the table. */
export function GroupTiles({ groups, counts, total, inactive, selected, onSelect }: Props) {
  const { t, groupName, kindLabel } = useI18n();
  const { token } = theme.useToken();

  const tile = (key: string, id: number | null, title: string, sub: string, count: number) => {
    const active = selected === id;
    const wide = id === null;
    return (
      <button
        key={key}
        type="button"
        onClick={() => onSelect(active && id !== null ? null : id)}
        aria-pressed={active}
        data-testid={`group-tile-${key}`}
        style={{
          textAlign: 'left',
          cursor: 'pointer',
          padding: '10px 12px',
          borderRadius: token.borderRadiusLG,
          border: `1px solid ${active ? token.colorPrimary : token.colorBorderSecondary}`,
          background: active ? token.colorPrimaryBg : token.colorBgContainer,
          font: 'inherit',
          minWidth: 0,
          gridColumn: wide ? '1 / -1' : undefined,
        }}
      >
        <Flex justify="space-between" align="center" gap={8}>
          <Flex vertical style={{ minWidth: 0 }}>
            <Typography.Text strong>{title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {sub || '\u00a0'}
            </Typography.Text>
          </Flex>
          <span style={{ fontSize: 20, fontWeight: 600, color: active ? token.colorPrimary : token.colorText }}>{count}</span>
        </Flex>
      </button>
    );
  };

  return (
    <Card title={t('units.group')} extra={<Typography.Text type="secondary">{t('units.groupsCount', { count: groups.length })}</Typography.Text>} style={{ height: '100%' }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 }}>
        {tile('all', null, t('units.allGroups'), t('units.total', { count: total }), total)}
        {groups.map((g) => {
          const name = groupName(g);
          const kind = kindLabel(g.kind);
          return tile(g.code, g.id, name, kind === name ? '' : kind, counts.get(g.id) ?? 0);
        })}
      </div>
      <Flex gap={24} style={{ marginTop: 16 }} data-testid="units-status-summary">
        <Typography.Text type="secondary">
          {t('common.active')} <Typography.Text strong>{total - inactive}</Typography.Text>
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('common.inactive')} <Typography.Text strong>{inactive}</Typography.Text>
        </Typography.Text>
      </Flex>
    </Card>
  );
}
