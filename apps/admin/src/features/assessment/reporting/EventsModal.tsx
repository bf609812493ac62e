import { useEffect } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { SchemeMethod } from '@kaoping/shared';
import { useI18n } from '../../../i18n/i18n-context';
import type { GridRow, ReportEvent } from './reporting.api';

const DEFAULT_BONUS_LEVELS = [
  { level: 'city', label: '市级', points: 1 },
  { level: 'province', label: '省级', points: 3 },
  { level: 'nation', label: '国家级', points: 5 },
];

type FormEvent = Record<string, string | number | undefined>;

/** Drops empty fields so the saved events hold only what was entered. */
function clean(events: FormEvent[] | undefined): ReportEvent[] {
  return (events ?? []).map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined && v !== null && v !== '')) as ReportEvent);
}

/**
 * The events of a 扣分 / 加分 / 一票否决 row: each deduction with its kind and count, each
 * recognition with its item and level, each veto with its reason. Saving with none records "none".
 */
export function EventsModal({
  row,
  method,
  events,
  editable,
  onDone,
  onClose,
}: {
  row: GridRow | null;
  method: SchemeMethod | undefined;
  events: ReportEvent[] | null;
  editable: boolean;
  onDone(events: ReportEvent[]): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ events: FormEvent[] }>();
  const kind = row?.indicator.method ?? 'deduct';

  useEffect(() => {
    if (row) form.setFieldsValue({ events: (events ?? []) as FormEvent[] });
  }, [row, events, form]);

  const rules = method?.type === 'deduct' ? (method.rules ?? []) : [];
  const levels = method?.type === 'bonus' ? (method.levels ?? DEFAULT_BONUS_LEVELS) : DEFAULT_BONUS_LEVELS;
  const blank: FormEvent = kind === 'deduct' ? { count: 1 } : {};
  const help = kind === 'deduct' || kind === 'bonus' || kind === 'veto' ? t(`assessment.reporting.eventsHelp.${kind}`) : null;

  return (
    <Modal
      open={row !== null}
      title={row ? t('assessment.reporting.eventsTitle', { code: row.indicator.code, name: row.indicator.name }) : ''}
      width={760}
      onCancel={onClose}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !editable, 'data-testid': 'events-ok' } as never}
      onOk={() => void form.validateFields().then((v) => onDone(clean(v.events)), () => undefined)}
      destroyOnHidden
    >
      {help && <Alert type="info" showIcon title={help} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={!editable}>
        <Form.List name="events">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  {kind === 'deduct' && (
                    <>
                      <Form.Item name={[field.name, 'kind']} label={t('assessment.reporting.eventKind')} rules={[{ required: true, message: t('common.required') }]}>
                        {rules.length > 0 ? (
                          <Select style={{ width: 200 }} options={rules.map((r) => ({ value: r.kind, label: `${r.label}（−${r.perEvent}）` }))} />
                        ) : (
                          <Input style={{ width: 200 }} maxLength={40} />
                        )}
                      </Form.Item>
                      <Form.Item name={[field.name, 'count']} label={t('assessment.reporting.eventCount')} rules={[{ required: true, message: t('common.required') }]}>
                        <InputNumber min={1} precision={0} style={{ width: 90 }} />
                      </Form.Item>
                      {rules.length === 0 && (
                        <Form.Item
                          name={[field.name, 'penalty']}
                          label={t('assessment.reporting.eventPenalty')}
                          tooltip={t('assessment.reporting.eventPenaltyHint')}
                          rules={[{ required: true, message: t('common.required') }]}
                        >
                          <InputNumber min={0} style={{ width: 110 }} />
                        </Form.Item>
                      )}
                    </>
                  )}
                  {kind === 'bonus' && (
                    <>
                      <Form.Item name={[field.name, 'item']} label={t('assessment.reporting.eventItem')} rules={[{ required: true, message: t('common.required') }]}>
                        <Input style={{ width: 220 }} maxLength={200} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'level']} label={t('assessment.reporting.eventLevel')} rules={[{ required: true, message: t('common.required') }]}>
                        <Select style={{ width: 140 }} options={levels.map((l) => ({ value: l.level, label: `${l.label}（+${l.points}）` }))} />
                      </Form.Item>
                    </>
                  )}
                  {kind === 'veto' && (
                    <>
                      <Form.Item name={[field.name, 'reason']} label={t('assessment.reporting.eventReason')} rules={[{ required: true, message: t('common.required') }]}>
                        <Input style={{ width: 280 }} maxLength={200} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'date']} label={t('assessment.reporting.eventDate')}>
                        <Input type="date" style={{ width: 160 }} />
                      </Form.Item>
                    </>
                  )}
                  {kind !== 'veto' && (
                    <Form.Item name={[field.name, 'note']} label={t('assessment.reporting.eventNote')}>
                      <Input style={{ width: 180 }} maxLength={200} />
                    </Form.Item>
                  )}
                  {editable && (
                    <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} style={{ marginTop: 30 }} aria-label={t('assessment.reporting.removeEvent')} />
                  )}
                </Space>
              ))}
              {editable && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(blank)} data-testid="events-add">
                  {t('assessment.reporting.addEvent')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
