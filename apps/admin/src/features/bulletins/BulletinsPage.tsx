import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { BULLETIN_STATUSES, bulletinListQuerySchema, type BulletinSummary } from '@kaoping/shared';
import type { Dayjs } from 'dayjs';
import { useAction } from '../../api/use-action';
import { useRequest } from '../../api/use-request';
import { PAGE_PATHS } from '../../app/access';
import { useCurrentUser } from '../../app/auth-context';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, todayInZone } from '../../components/format';
import { unitOptions } from '../../components/unit-options';
import { useDebounced } from '../../components/use-debounced';
import { useI18n } from '../../i18n/i18n-context';
import { unitsApi } from '../units/units.api';
import { bulletinsApi, type BulletinFilter } from './bulletins.api';
import { BulletinStatusTag } from './BulletinStatusTag';


const ADDRESS_KEYS = ['seriesId', 'status', 'unitId', 'unsigned', 'from', 'to', 'q'] as const;

/**
 * The archive's filter is the address (`?seriesId=&status=&unitId=&unsigned=1&from=&to=&q=`), checked by the
 * API's own query schema, so the workbench's figures open the very list they count.
 */
function filterFromAddress(params: URLSearchParams): BulletinFilter {
  const f: Record<string, unknown> = {};
  for (const k of ADDRESS_KEYS) {
    const v = params.get(k);
    const r = v === null ? undefined : bulletinListQuerySchema.shape[k].safeParse(v);
    if (r?.success && r.data !== undefined) f[k] = r.data;
  }
  return f as BulletinFilter;
}

/** The archive of bulletins: search by series, number or title, date and unit mentioned; the office builds new ones. */
export function BulletinsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const unitRole = user.role === 'head' || user.role === 'reporter';
  const drafts = user.role === 'admin' || user.role === 'office' || user.role === 'supervisor';
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromAddress(params), [params]);
  const setFilter = (change: (f: BulletinFilter) => BulletinFilter) => {
    const next = change(filter);
    setParams(Object.fromEntries(Object.entries(next).filter(([k, v]) => k !== 'q' && v !== undefined).map(([k, v]) => [k, String(v)])), { replace: true });
  };
  const [q, setQ] = useState(filter.q ?? '');
  const query = useDebounced(q, 300);
  const effective = useMemo(() => {
    const { q: _fromAddress, ...rest } = filter;
    return { ...rest, ...(query ? { q: query } : {}) };
  }, [filter, query]);
  const list = useRequest(() => bulletinsApi.list(effective), `bulletins:${JSON.stringify(effective)}`);
  const series = useRequest(() => bulletinsApi.series(), 'bulletin-series', !unitRole);
  const units = useRequest(() => unitsApi.list(), 'units', !unitRole);
  const [creating, setCreating] = useState(false);

  const columns = [
    { title: t('bulletins.number'), dataIndex: 'docNumber', width: 190, render: (v: string | null) => v ?? '—' },
    {
      title: t('bulletins.titleCol'),
      dataIndex: 'title',
      render: (v: string, b: BulletinSummary) => (
        <Link to={`${PAGE_PATHS.bulletins}/${b.id}`} data-testid={`bulletin-link-${b.id}`}>
          {v}
        </Link>
      ),
    },
    { title: t('bulletins.series'), dataIndex: ['series', 'name'], width: 140 },
    { title: t('bulletins.asOf'), dataIndex: 'asOf', width: 110 },
    { title: t('bulletins.status'), dataIndex: 'status', width: 130, render: (s: BulletinSummary['status']) => <BulletinStatusTag status={s} /> },
    {
      title: unitRole ? t('bulletins.receipts') : t('bulletins.receipts'),
      width: 160,
      render: (_: unknown, b: BulletinSummary) =>
        unitRole ? (
          b.ownSignedAt ? <Tag color="green">{t('bulletins.ownSigned')} {formatDateTime(b.ownSignedAt)}</Tag> : <Tag color="orange">{t('bulletins.ownUnsigned')}</Tag>
        ) : b.status === 'issued' ? (
          t('bulletins.signedCount', { signed: b.signed, total: b.recipients })
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('bulletins.title')}
        subtitle={unitRole ? t('bulletins.subtitleUnit') : t('bulletins.subtitleOffice')}
        extra={
          drafts && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="bulletin-new">
              {t('bulletins.new')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('bulletins.search')} style={{ width: 260 }} value={q} onChange={(e) => setQ(e.target.value)} data-testid="bulletin-search" />
          {!unitRole && (
            <Select
              allowClear
              placeholder={t('bulletins.series')}
              style={{ width: 180 }}
              value={filter.seriesId}
              options={(series.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              onChange={(v?: number) => setFilter((f) => ({ ...f, seriesId: v }))}
            />
          )}
          {!unitRole && (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('bulletins.unitMentioned')}
              style={{ width: 220 }}
              value={filter.unitId}
              options={unitOptions(units.data ?? [])}
              onChange={(v?: number) => setFilter((f) => ({ ...f, unitId: v }))}
            />
          )}
          {!unitRole && (
            <Select
              allowClear
              placeholder={t('bulletins.status')}
              style={{ width: 150 }}
              value={filter.status}
              options={BULLETIN_STATUSES.map((st) => ({ value: st, label: t(`bulletins.status.${st}`) }))}
              onChange={(v?: BulletinSummary['status']) => setFilter((f) => ({ ...f, status: v }))}
              data-testid="bulletin-status-filter"
            />
          )}
          <Checkbox checked={filter.unsigned === '1'} onChange={(e) => setFilter((f) => ({ ...f, unsigned: e.target.checked ? '1' : undefined }))} data-testid="bulletin-unsigned-filter">
            {unitRole ? t('bulletins.ownUnsigned') : t('bulletins.unsignedFilter')}
          </Checkbox>
          {list.data && (
            <Typography.Text type="secondary" data-testid="bulletin-count" data-count={list.data.total}>
              {t('bulletins.count', { count: list.data.total })}
            </Typography.Text>
          )}
          <DatePicker.RangePicker
            value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
            placeholder={[t('bulletins.dates'), t('bulletins.dates')]}
            onChange={(r) => setFilter((f) => ({ ...f, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') }))}
          />
        </Space>
      </Card>
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: t('bulletins.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        data-testid="bulletins-table"
      />
      {creating && <CreateModal series={series.data?.items ?? []} onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateModal({ series, onClose }: { series: { id: number; name: string; officeRole: string }[]; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [form] = Form.useForm<{ seriesId: number; asOf: Dayjs; periodLabel?: string }>();
  const mine = series.filter((s) => user.role === 'admin' || s.officeRole === user.role);
  // Opens the new bulletin only once the server has made it.
  const create = useAction(
    async (v: { seriesId: number; asOf: Dayjs; periodLabel?: string }) => {
      const b = await bulletinsApi.create({ seriesId: v.seriesId, asOf: v.asOf.format('YYYY-MM-DD'), ...(v.periodLabel ? { periodLabel: v.periodLabel } : {}) });
      void navigate(`${PAGE_PATHS.bulletins}/${b.id}`);
    },
    { onError: (m) => void message.error(m) },
  );
  return (
    <Modal
      open
      title={t('bulletins.create.title')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(create.run, () => undefined)}
      confirmLoading={create.running}
      okButtonProps={{ id: 'bulletin-create-ok' }}
    >
      <Typography.Paragraph type="secondary">{t('bulletins.create.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ seriesId: mine[0]?.id }}>
        <Form.Item name="seriesId" label={t('bulletins.series')} rules={[{ required: true }]}>
          <Select options={mine.map((s) => ({ value: s.id, label: s.name }))} data-testid="bulletin-create-series" />
        </Form.Item>
        <Form.Item name="asOf" label={t('bulletins.asOf')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > todayInZone()} data-testid="bulletin-create-asof" />
        </Form.Item>
        <Form.Item name="periodLabel" label={t('bulletins.create.label')}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
