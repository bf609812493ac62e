import { Suspense, lazy, useMemo, useState } from 'react';
import { App, Button, Card, Col, Flex, Input, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { ApartmentOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import type { UnitCreate, UnitDto } from '@kaoping/shared';
import { errorMessage } from '../../api/api-error';
import { useRequest } from '../../api/use-request';
import { canWriteUnits } from '../../app/access';
import { useCurrentUser } from '../../app/auth-context';
import { ExportButton, ImportButton } from '../../components/ExcelButtons';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n-context';
import { GroupTiles } from './GroupTiles';
import { GroupsModal } from './GroupsModal';
import { UnitFormModal } from './UnitFormModal';
import { UnitsTable } from './UnitsTable';
import { countByGroup, filterUnits, sortByGroup, type StatusFilter } from './unit-list';
import { unitsApi } from './units.api';

// ECharts is only needed here: keep it out of the main bundle.
const UnitsMap = lazy(() => import('./UnitsMap'));

/** Units by assessment group, with the county map, search, and (for admin/office) editing and Excel. */
export function UnitsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canWrite = canWriteUnits(user.role);

  const units = useRequest(unitsApi.list, 'units');
  const groups = useRequest(unitsApi.groups, 'groups');
  const [search, setSearch] = useState('');
  const [groupId, setGroupId] = useState<number | null>(null);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [mapUnitId, setMapUnitId] = useState<number | null>(null);
  const [editing, setEditing] = useState<UnitDto | 'new' | null>(null);
  const [managingGroups, setManagingGroups] = useState(false);

  const allUnits = useMemo(() => sortByGroup(units.data ?? [], groups.data ?? []), [units.data, groups.data]);
  const shown = useMemo(() => filterUnits(allUnits, { search, groupId, status, unitId: mapUnitId }), [allUnits, search, groupId, status, mapUnitId]);
  const counts = useMemo(() => countByGroup(allUnits), [allUnits]);
  const mapUnit = mapUnitId === null ? undefined : allUnits.find((u) => u.id === mapUnitId);

  const save = async (values: UnitCreate) => {
    if (editing === 'new') await unitsApi.create(values);
    else if (editing) await unitsApi.update(editing.id, values);
    void message.success(editing === 'new' ? t('common.created') : t('common.saved'));
    setEditing(null);
    units.reload();
    groups.reload();
  };

  const toggleActive = async (unit: UnitDto) => {
    try {
      await unitsApi.update(unit.id, { active: !unit.active });
      void message.success(t(unit.active ? 'units.deactivated' : 'units.activated', { name: unit.name }));
      units.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        extra={
          <>
            <ExportButton run={unitsApi.exportXlsx} />
            {canWrite && (
              <>
                <ImportButton
                  run={unitsApi.importXlsx}
                  onDone={() => {
                    units.reload();
                    groups.reload();
                  }}
                />
                <Button icon={<ApartmentOutlined />} onClick={() => setManagingGroups(true)} data-testid="groups-manage">
                  {t('groups.manage')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-create">
                  {t('units.create')}
                </Button>
              </>
            )}
          </>
        }
      />
      {units.error !== null && <LoadError error={units.error} onRetry={units.reload} />}
      {groups.error !== null && <LoadError error={groups.error} onRetry={groups.reload} />}

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={11}>
          <Suspense fallback={<Card><Skeleton active paragraph={{ rows: 8 }} /></Card>}>
            <UnitsMap units={allUnits} selectedUnitId={mapUnitId} onSelect={setMapUnitId} />
          </Suspense>
        </Col>
        <Col xs={24} xl={13}>
          <GroupTiles
            groups={groups.data ?? []}
            counts={counts}
            total={allUnits.length}
            inactive={allUnits.filter((u) => !u.active).length}
            selected={groupId}
            onSelect={setGroupId}
          />
        </Col>
      </Row>

      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('units.searchPlaceholder')}
            aria-label={t('units.searchPlaceholder')}
            style={{ width: 280 }}
            onSearch={setSearch}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="units-search"
          />
          <Select<StatusFilter>
            value={status}
            onChange={setStatus}
            style={{ width: 140 }}
            prefix={`${t('units.statusFilter')}:`}
            aria-label={t('units.statusFilter')}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'active', label: t('common.active') },
              { value: 'inactive', label: t('common.inactive') },
            ]}
          />
          {mapUnit && (
            <Tag icon={<EnvironmentOutlined />} color="processing" closable onClose={() => setMapUnitId(null)} data-testid="map-filter">
              {t('units.mapFilter', { name: mapUnit.name })}
            </Tag>
          )}
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }} data-testid="units-total">
            {t('units.total', { count: shown.length })}
          </Typography.Text>
        </Flex>
        <UnitsTable
          units={shown}
          loading={units.loading}
          canWrite={canWrite}
          onEdit={setEditing}
          onToggleActive={(u) => void toggleActive(u)}
        />
      </Card>

      <GroupsModal open={managingGroups} groups={groups.data ?? []} onChanged={groups.reload} onClose={() => setManagingGroups(false)} />
      <UnitFormModal
        open={editing !== null}
        unit={editing === 'new' ? null : editing}
        groups={groups.data ?? []}
        onSave={save}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
