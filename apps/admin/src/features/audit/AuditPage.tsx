import { useMemo, useState } from 'react';
import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { AuditEntryDto } from '@kaoping/shared';
import { useRequest } from '../../api/use-request';
import { canOpen } from '../../app/access';
import { useCurrentUser } from '../../app/auth-context';
import { formatTimestamp } from '../../components/format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n-context';
import { unitsApi } from '../units/units.api';
import { usersApi } from '../users/users.api';
import { auditApi, type AuditFilters } from './audit.api';
import { entityLabelKey, isKnownEntity } from './audit-entities';
import { AuditFilterBar, type AuditFilterValues } from './AuditFilterBar';
import { JsonSideBySide } from './JsonSideBySide';

function toQuery(f: AuditFilterValues): AuditFilters {
  return {
    userId: f.userId,
    unitId: f.unitId,
    entity: f.entity,
    action: f.action,
    from: f.range?.[0].toISOString(),
    to: f.range?.[1].toISOString(),
  };
}

/** Who changed what and when, newest first, one page at a time. */
export function AuditPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const mayListUsers = canOpen(me.role, 'users');

  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = toQuery(filters);

  const entries = useRequest(() => auditApi.list(query, page, pageSize), JSON.stringify({ query, page, pageSize }));
  const units = useRequest(unitsApi.list, 'units');
  const users = useRequest(() => usersApi.list(), 'users', mayListUsers);
  const unitNames = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);

  const entityLabel = (entity: string) => (isKnownEntity(entity) ? t(entityLabelKey(entity)) : entity);

  const columns: TableColumnsType<AuditEntryDto> = [
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => formatTimestamp(at) },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 180,
      render: (_: unknown, e) =>
        e.actor.id === null ? (
          <Typography.Text type="secondary">{e.actor.name || t('audit.system')}</Typography.Text>
        ) : e.actor.tokenId !== null ? (
          t('audit.viaToken', { name: e.actor.name.replace(/^token:/, ''), id: e.actor.tokenId })
        ) : (
          e.actor.name
        ),
    },
    { title: t('audit.action'), dataIndex: 'action', width: 200, render: (action: string) => <Tag>{action}</Tag> },
    { title: t('audit.entity'), dataIndex: 'entity', width: 130, render: (entity: string) => entityLabel(entity) },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 110, render: (id: string | null) => id ?? t('common.none') },
    {
      title: t('audit.unit'),
      dataIndex: 'unitId',
      render: (unitId: number | null) => (unitId === null ? t('common.none') : (unitNames.get(unitId) ?? `#${unitId}`)),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      {entries.error !== null && <LoadError error={entries.error} onRetry={entries.reload} />}
      <Card>
        <AuditFilterBar
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setPage(1);
          }}
          users={mayListUsers ? (users.data ?? []) : null}
          units={units.data ?? []}
        />
        <Table<AuditEntryDto>
          data-testid="audit-table"
          rowKey="id"
          size="middle"
          loading={entries.loading}
          dataSource={entries.data?.items ?? []}
          columns={columns}
          expandable={{ expandedRowRender: (entry) => <JsonSideBySide entry={entry} /> }}
          pagination={{
            current: page,
            pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('audit.total', { count: total }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
        />
      </Card>
    </>
  );
}
