import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Modal, Row, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { useAction } from '../../../api/use-action';
import { useRequest } from '../../../api/use-request';
import { useCurrentUser } from '../../../app/auth-context';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { canSupervise } from '../problems/roles';
import { FindingsMap } from './FindingsMap';
import { inspectionsApi, type InspectionCreate, type InspectionDto } from './inspections.api';
import { pickerToday } from '../../../components/format';

/** Undercover inspections (暗访督查): the list, and every located finding on the map. */
export function InspectionsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const list = useRequest(inspectionsApi.list, 'inspections');
  const map = useRequest(() => inspectionsApi.map(), 'inspections-map');
  const [creating, setCreating] = useState(false);

  const create = async (body: InspectionCreate) => {
    const i = await inspectionsApi.create(body);
    void message.success(t('inspections.created'));
    setCreating(false);
    void navigate(`/supervision/inspections/${i.id}`);
  };

  return (
    <>
      <PageHeader
        title={t('inspections.title')}
        subtitle={t('inspections.subtitle')}
        extra={
          canSupervise(user.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="inspection-new">
              {t('inspections.new')}
            </Button>
          )
        }
      />
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      {map.error !== null && <LoadError error={map.error} onRetry={map.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card size="small" title={t('inspections.list')}>
            <Table<InspectionDto>
              size="middle"
              rowKey="id"
              dataSource={list.data ?? []}
              loading={list.loading}
              pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: <Empty description={t('inspections.empty')} /> }}
              data-testid="inspections-table"
              columns={[
                { key: 'date', title: t('inspections.col.date'), width: 110, render: (_, i) => i.inspectedOn },
                {
                  key: 'place',
                  title: t('inspections.col.place'),
                  render: (_, i) => (
                    <Link to={`/supervision/inspections/${i.id}`} data-testid={`inspection-link-${i.id}`}>
                      {i.place}
                    </Link>
                  ),
                },
                { key: 'inspector', title: t('inspections.col.inspector'), width: 140, render: (_, i) => i.inspector },
                { key: 'findings', title: t('inspections.col.findings'), width: 80, align: 'right', render: (_, i) => i.findings },
                {
                  key: 'problems',
                  title: t('inspections.col.problems'),
                  width: 90,
                  align: 'right',
                  render: (_, i) => (i.problems > 0 ? <Tag color="red">{i.problems}</Tag> : <Typography.Text type="secondary">0</Typography.Text>),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <FindingsMap points={map.data ?? []} loading={map.loading} onOpen={(p) => void navigate(`/supervision/inspections/${p.inspectionId}#finding-${p.id}`)} />
        </Col>
      </Row>
      <InspectionFormModal open={creating} inspector={user.displayName} onCreate={create} onClose={() => setCreating(false)} />
    </>
  );
}

interface Values {
  inspectedOn: Dayjs;
  place: string;
  inspector: string;
  notes?: string;
}

/** Records an inspection: when, where, who went. */
function InspectionFormModal({ open, inspector, onCreate, onClose }: { open: boolean; inspector: string; onCreate(body: InspectionCreate): Promise<void>; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const submit = useAction(
    async (v: Values) => {
      await onCreate({ inspectedOn: v.inspectedOn.format('YYYY-MM-DD'), place: v.place.trim(), inspector: v.inspector.trim(), notes: v.notes ?? '' });
      form.resetFields();
    },
    { onError: (m) => void message.error(m) },
  );

  return (
    <Modal
      open={open}
      title={t('inspections.form.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      okButtonProps={{ loading: submit.running, 'data-testid': 'inspection-form-submit' } as never}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ inspectedOn: pickerToday(), inspector }} onFinish={(v) => void submit.run(v)}>
        <Form.Item name="inspectedOn" label={t('inspections.col.date')} rules={[{ required: true, message: t('inspections.form.dateRule') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('inspections.col.place')} rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('inspections.form.placeRule') }]}>
          <Input maxLength={200} data-testid="inspection-form-place" />
        </Form.Item>
        <Form.Item name="inspector" label={t('inspections.col.inspector')} rules={[{ required: true, min: 2, max: 100, whitespace: true, message: t('inspections.form.inspectorRule') }]}>
          <Input maxLength={100} data-testid="inspection-form-inspector" />
        </Form.Item>
        <Form.Item name="notes" label={t('inspections.form.notes')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
