import { useEffect } from 'react';
import { Alert, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { TASK_SOURCES, type TaskSource, type UnitDto } from '@kaoping/shared';
import { useAction } from '../../../api/use-action';
import { unitOptions } from '../../../components/unit-options';
import { useI18n } from '../../../i18n/i18n-context';
import { tasksApi, type TaskDto } from './tasks.api';
import { pickerToday } from '../../../components/format';

interface Values {
  source: TaskSource;
  originRef?: string;
  originSuggestionId?: number;
  title: string;
  description?: string;
  leadUnitId: number;
  coUnitIds?: number[];
  responsibleLeader: string;
  startDate: Dayjs;
  deadline: Dayjs;
  milestones?: { title: string; dueDate: Dayjs }[];
}

const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 立项: the supervision office registers a task with its origin, units, named leader, deadline and milestones. */
export function TaskFormModal({ open, units, onClose, onCreated }: { open: boolean; units: UnitDto[]; onClose(): void; onCreated(task: TaskDto): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch('source', form);
  const leadUnitId = Form.useWatch('leadUnitId', form);
  const active = units.filter((u) => u.active);

  useEffect(() => {
    if (open) {
      form.resetFields();
      submit.clearError();
    }
  }, [open, form]);

  const submit = useAction(async (v: Values) => {
    const task = await tasksApi.create({
      source: v.source,
      originRef: v.originRef?.trim() || undefined,
      originSuggestionId: v.source === 'suggestion' ? v.originSuggestionId : undefined,
      title: v.title.trim(),
      description: v.description?.trim() ?? '',
      leadUnitId: v.leadUnitId,
      coUnitIds: v.coUnitIds ?? [],
      responsibleLeader: v.responsibleLeader.trim(),
      startDate: iso(v.startDate),
      deadline: iso(v.deadline),
      milestones: (v.milestones ?? []).map((m) => ({ title: m.title.trim(), dueDate: iso(m.dueDate) })),
    });
    onCreated(task);
  });

  const withinTask = (_: unknown, value?: Dayjs) => {
    const start = form.getFieldValue('startDate') as Dayjs | undefined;
    const deadline = form.getFieldValue('deadline') as Dayjs | undefined;
    if (!value || !start || !deadline || (!value.isBefore(start, 'day') && !value.isAfter(deadline, 'day'))) return Promise.resolve();
    return Promise.reject(new Error(t('tasks.form.milestoneOutside')));
  };

  return (
    <Modal
      open={open}
      title={t('tasks.create')}
      width={760}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'task-form-save' } as never}
      confirmLoading={submit.running}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} data-testid="task-form-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit.run(v)}
        initialValues={{ source: 'instruction', startDate: pickerToday(), deadline: pickerToday().add(30, 'day'), milestones: [] }}
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="source" label={t('tasks.form.source')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={TASK_SOURCES.map((s) => ({ value: s, label: t(`tasks.source.${s}`) }))} data-testid="task-form-source" />
            </Form.Item>
          </Col>
          <Col span={16}>
            {source === 'suggestion' ? (
              <Form.Item name="originSuggestionId" label={t('tasks.form.originSuggestion')} extra={t('tasks.form.originSuggestionHint')} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="task-form-suggestion" />
              </Form.Item>
            ) : (
              <Form.Item name="originRef" label={t('tasks.form.originRef')}>
                <Input maxLength={200} placeholder={t('tasks.form.originRefPlaceholder')} data-testid="task-form-origin" />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item name="title" label={t('tasks.form.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
          <Input maxLength={200} data-testid="task-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('tasks.form.description')}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="task-form-description" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="leadUnitId" label={t('tasks.form.leadUnit')} rules={[{ required: true, message: t('common.required') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions(active)} placeholder={t('common.selectPlaceholder')} data-testid="task-form-lead" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="coUnitIds" label={t('tasks.form.coUnits')}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptions(active.filter((u) => u.id !== leadUnitId))}
                placeholder={t('common.selectPlaceholder')}
                data-testid="task-form-co"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="responsibleLeader" label={t('tasks.form.leader')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
              <Input maxLength={60} placeholder={t('tasks.form.leaderPlaceholder')} data-testid="task-form-leader" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="startDate" label={t('tasks.form.startDate')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="task-form-start" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="deadline"
              label={t('tasks.form.deadline')}
              dependencies={['startDate']}
              rules={[
                { required: true, message: t('common.required') },
                ({ getFieldValue }) => ({
                  validator: (_, value?: Dayjs) =>
                    !value || !(getFieldValue('startDate') as Dayjs | undefined) || !value.isBefore(getFieldValue('startDate') as Dayjs, 'day')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('tasks.form.deadlineBeforeStart'))),
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="task-form-deadline" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('tasks.form.milestones')} style={{ marginBottom: 0 }}>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="flex-start">
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ flex: 1 }}>
                      <Input maxLength={200} placeholder={t('tasks.form.milestoneTitle')} data-testid={`task-form-milestone-${f.name}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: t('common.required') }, { validator: withinTask }]}>
                      <DatePicker placeholder={t('tasks.form.milestoneDue')} data-testid={`task-form-milestone-due-${f.name}`} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('tasks.form.removeMilestone')} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} data-testid="task-form-add-milestone" style={{ marginBottom: 8 }}>
                  {t('tasks.form.addMilestone')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
