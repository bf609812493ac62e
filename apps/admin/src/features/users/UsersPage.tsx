import { useState } from 'react';
import { App, Button, Card, Flex, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLES, isUnitRole, type Role, type UserDto } from '@kaoping/shared';
import { errorMessage } from '../../api/api-error';
import { useRequest } from '../../api/use-request';
import { canWriteUsers } from '../../app/access';
import { useCurrentUser } from '../../app/auth-context';
import { ExportButton, ImportButton } from '../../components/ExcelButtons';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { unitOptions } from '../../components/unit-options';
import { useDebounced } from '../../components/use-debounced';
import { useI18n } from '../../i18n/i18n-context';
import { unitsApi } from '../units/units.api';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal, type UserFormValues } from './UserFormModal';
import { UsersTable, type UserAction } from './UsersTable';
import { usersApi, type UserFilters } from './users.api';

type ActiveFilter = 'all' | 'true' | 'false';

/** Accounts with filters; only administrators see the write actions. */
export function UsersPage() {
  const { t, roleLabel } = useI18n();
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const canWrite = canWriteUsers(me.role);

  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role>();
  const [unitId, setUnitId] = useState<number>();
  const [active, setActive] = useState<ActiveFilter>('all');
  const search = useDebounced(q);
  const filters: UserFilters = { q: search.trim() || undefined, role, unitId, active: active === 'all' ? undefined : active === 'true' };

  const users = useRequest(() => usersApi.list(filters), JSON.stringify(filters));
  const units = useRequest(unitsApi.list, 'units');
  const [editing, setEditing] = useState<UserDto | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);

  const save = async (values: UserFormValues) => {
    const unit = isUnitRole(values.role) ? (values.unitId ?? null) : null;
    if (editing === 'new') {
      await usersApi.create({ username: values.username.trim(), displayName: values.displayName.trim(), role: values.role, unitId: unit, password: values.password ?? '' });
      void message.success(t('common.created'));
    } else if (editing) {
      await usersApi.update(editing.id, { displayName: values.displayName.trim(), role: values.role, unitId: unit });
      void message.success(t('common.saved'));
    }
    setEditing(null);
    users.reload();
  };

  const patch = async (user: UserDto, body: Parameters<typeof usersApi.update>[1], done: string) => {
    try {
      await usersApi.update(user.id, body);
      void message.success(done);
      users.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const act = (action: UserAction, user: UserDto) => {
    const name = user.displayName;
    if (action === 'edit') setEditing(user);
    else if (action === 'resetPassword') setResetting(user);
    else if (action === 'unlock') void patch(user, { unlock: true }, t('users.unlocked', { name }));
    else
      void modal.confirm({
        title: t(user.active ? 'common.confirmDeactivate' : 'common.confirmActivate', { name }),
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: user.active },
        onOk: () => patch(user, { active: !user.active }, t(user.active ? 'users.deactivated' : 'users.activated', { name })),
      });
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <>
            <ExportButton run={usersApi.exportXlsx} />
            {canWrite && <ImportButton run={usersApi.importXlsx} onDone={users.reload} />}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
                {t('users.create')}
              </Button>
            )}
          </>
        }
      />
      {users.error !== null && <LoadError error={users.error} onRetry={users.reload} />}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.searchPlaceholder')}
            style={{ width: 280 }}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <Select<Role>
            allowClear
            placeholder={t('users.allRoles')}
            aria-label={t('users.allRoles')}
            style={{ width: 170 }}
            value={role}
            onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
          />
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('users.allUnits')}
            aria-label={t('users.allUnits')}
            style={{ width: 260 }}
            value={unitId}
            onChange={setUnitId}
            options={unitOptions(units.data ?? [])}
          />
          <Select<ActiveFilter>
            style={{ width: 140 }}
            value={active}
            onChange={setActive}
            prefix={`${t('common.status')}:`}
            aria-label={t('common.status')}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'true', label: t('common.active') },
              { value: 'false', label: t('common.inactive') },
            ]}
          />
        </Flex>
        <UsersTable users={users.data ?? []} loading={users.loading} canWrite={canWrite} onAction={act} />
      </Card>
      <UserFormModal open={editing !== null} user={editing === 'new' ? null : editing} units={units.data ?? []} onSave={save} onClose={() => setEditing(null)} />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onSave={async (password) => {
          if (!resetting) return;
          await usersApi.update(resetting.id, { password });
          void message.success(t('users.passwordReset', { name: resetting.displayName }));
          setResetting(null);
        }}
      />
    </>
  );
}
