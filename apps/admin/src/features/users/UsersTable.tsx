import { Button, Dropdown, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { LockOutlined, MoreOutlined } from '@ant-design/icons';
import type { UserDto } from '@kaoping/shared';
import { formatDateTime } from '../../components/format';
import { StatusTag } from '../../components/StatusTag';
import { useI18n } from '../../i18n/i18n-context';

/** The row actions an administrator can take on an account. */
export type UserAction = 'edit' | 'toggleActive' | 'resetPassword' | 'unlock';

interface Props {
  users: UserDto[];
  loading: boolean;
  canWrite: boolean;
  onAction(action: UserAction, user: UserDto): void;
}

/** Accounts with role, unit, status, lock and last sign-in. */
export function UsersTable({ users, loading, canWrite, onAction }: Props) {
  const { t, roleLabel } = useI18n();

  const columns: TableColumnsType<UserDto> = [
    { title: t('users.username'), dataIndex: 'username', width: 170, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 160 },
    { title: t('users.role'), dataIndex: 'role', width: 180, render: (_: unknown, u) => roleLabel(u.role) },
    {
      title: t('users.unit'),
      key: 'unit',
      render: (_: unknown, u) => (u.unit ? `${u.unit.name}` : <Typography.Text type="secondary">{t('header.noUnit')}</Typography.Text>),
    },
    { title: t('common.status'), dataIndex: 'active', width: 90, render: (active: boolean) => <StatusTag active={active} /> },
    {
      title: t('users.locked'),
      dataIndex: 'lockouts',
      width: 130,
      render: (lockouts: UserDto['lockouts']) =>
        lockouts.length > 0 ? (
          <Tooltip
            title={
              <>
                <div>{t('users.lockoutsHint')}</div>
                {lockouts.map((l) => (
                  <div key={l.address}>{t('users.lockedUntil', { address: l.address, time: formatDateTime(l.until) })}</div>
                ))}
              </>
            }
          >
            <Tag color="error" icon={<LockOutlined />} data-testid="user-lockouts">
              {t('users.lockedAddresses', { count: lockouts.length })}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('users.notLocked')}</Typography.Text>
        ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 160, render: (v: string | null) => formatDateTime(v, t('users.never')) },
  ];

  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_: unknown, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onAction('edit', u)}>
            {t('common.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'resetPassword', label: t('users.resetPassword') },
                { key: 'toggleActive', label: u.active ? t('common.deactivate') : t('common.activate'), danger: u.active },
                ...(u.lockouts.length > 0 ? [{ key: 'unlock', label: t('users.unlock') }] : []),
              ],
              onClick: ({ key }) => onAction(key as UserAction, u),
            }}
          >
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.actions')} />
          </Dropdown>
        </Space>
      ),
    });
  }

  return (
    <Table<UserDto>
      data-testid="users-table"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={users}
      columns={columns}
      pagination={{
        defaultPageSize: 20,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (total) => t('users.total', { count: total }),
      }}
    />
  );
}
