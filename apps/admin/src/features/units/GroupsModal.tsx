import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { UNIT_KINDS, type GroupDto, type UnitKind } from '@kaoping/shared';
import { useAction } from '../../api/use-action';
import { useI18n } from '../../i18n/i18n-context';
import { unitsApi } from './units.api';

interface GroupValues {
  code: string;
  name: string;
  nameEn?: string;
  kind: UnitKind;
  sortOrder?: number;
}

interface Props {
  open: boolean;
  groups: GroupDto[];
  onChanged(): void;
  onClose(): void;
}

/** 考核组别 management: units are ranked only inside their group, so offices add and rename groups here. */
export function GroupsModal({ open, groups, onChanged, onClose }: Props) {
  const { t, kindLabel } = useI18n();
  const [form] = Form.useForm<GroupValues>();
  const [editing, setEditing] = useState<GroupDto | 'new' | null>(null);

  const startEdit = (g: GroupDto | 'new') => {
    save.clearError();
    setEditing(g);
    form.resetFields();
    if (g !== 'new') form.setFieldsValue({ code: g.code, name: g.name, nameEn: g.nameEn ?? undefined, kind: g.kind, sortOrder: g.sortOrder });
  };

  const save = useAction(async (v: GroupValues) => {
    const body = { code: v.code.trim(), name: v.name.trim(), nameEn: v.nameEn?.trim() || null, kind: v.kind, sortOrder: v.sortOrder ?? 100 };
    if (editing === 'new') await unitsApi.createGroup(body);
    else if (editing) await unitsApi.updateGroup(editing.id, body);
    setEditing(null);
    onChanged();
  });

  return (
    <Modal open={open} title={t('groups.title')} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => startEdit('new')} data-testid="group-create">
          {t('groups.create')}
        </Button>
      </Flex>
      <Table<GroupDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={groups}
        columns={[
          { title: t('groups.code'), dataIndex: 'code', width: 90 },
          { title: t('groups.name'), dataIndex: 'name' },
          { title: t('units.kind'), dataIndex: 'kind', width: 110, render: (k: UnitKind) => kindLabel(k) },
          { title: t('groups.sortOrder'), dataIndex: 'sortOrder', width: 70 },
          { title: t('groups.unitCount'), dataIndex: 'unitCount', width: 70 },
          { title: t('common.actions'), width: 80, render: (_: unknown, g) => <Button type="link" icon={<EditOutlined />} onClick={() => startEdit(g)}>{t('common.edit')}</Button> },
        ]}
      />
      {editing !== null && (
        <Form<GroupValues> form={form} name="group-form" layout="vertical" onFinish={(v) => void save.run(v)} style={{ marginTop: 16 }}>
          {save.error && <Alert type="error" showIcon message={save.error} style={{ marginBottom: 12 }} />}
          <Flex gap={12} wrap>
            <Form.Item name="code" label={t('groups.code')} rules={[{ required: true, message: t('common.required') }]} style={{ width: 120 }}>
              <Input />
            </Form.Item>
            <Form.Item name="name" label={t('groups.name')} rules={[{ required: true, message: t('common.required') }]} style={{ width: 200 }}>
              <Input />
            </Form.Item>
            <Form.Item name="nameEn" label={t('groups.nameEn')} style={{ width: 200 }}>
              <Input />
            </Form.Item>
            <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('common.required') }]} style={{ width: 140 }}>
              <Select options={UNIT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} placeholder={t('common.selectPlaceholder')} />
            </Form.Item>
            <Form.Item name="sortOrder" label={t('groups.sortOrder')} style={{ width: 90 }}>
              <InputNumber min={0} max={10000} />
            </Form.Item>
          </Flex>
          <Flex gap={8} justify="end">
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={save.running} data-testid="group-save">
              {t('common.save')}
            </Button>
          </Flex>
        </Form>
      )}
    </Modal>
  );
}
