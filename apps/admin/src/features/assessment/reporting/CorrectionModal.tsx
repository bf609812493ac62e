import { useEffect } from 'react';
import { Alert, App, Descriptions, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { SchemeMethod } from '@kaoping/shared';
import { useAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import { formatNumber } from '../shared/workflow-labels';
import { EVENT_METHODS, gradeOptions } from './grid-edits';
import { reportingApi, type GridRow } from './reporting.api';

interface Values {
  value?: number | null;
  grade?: string;
  note?: string;
  reason: string;
}

/** Asks the office to correct a value of a closed or locked period; it changes only when approved. */
export function CorrectionModal({ row, method, onClose }: { row: GridRow | null; method: SchemeMethod | undefined; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = row?.indicator.method ?? 'ratio';

  useEffect(() => {
    if (row) form.setFieldsValue({ value: row.value, grade: row.grade ?? undefined, note: row.note ?? undefined, reason: '' });
  }, [row, form]);

  const send = useAction(
    async (v: Values) => {
      if (!row?.valueId) return;
      await reportingApi.requestCorrection(row.valueId, {
        ...(kind === 'grade' ? { grade: v.grade ?? null } : EVENT_METHODS.has(kind) ? {} : { value: v.value ?? null }),
        note: v.note?.trim() || null,
        reason: v.reason.trim(),
      });
      void message.success(t('assessment.reporting.correctionSent'));
      onClose();
    },
    { onError: (m) => void message.error(m) },
  );

  const current = row ? (kind === 'grade' ? (row.grade ?? '—') : formatNumber(row.value)) : '';
  return (
    <Modal
      open={row !== null}
      title={row ? t('assessment.reporting.correctionTitle', { code: row.indicator.code, name: row.indicator.name }) : ''}
      onCancel={onClose}
      okText={t('assessment.reporting.correction')}
      cancelText={t('common.cancel')}
      confirmLoading={send.running}
      okButtonProps={{ 'data-testid': 'correction-send' } as never}
      onOk={() => void form.validateFields().then(send.run, () => undefined)}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('assessment.reporting.correctionHint')} style={{ marginBottom: 16 }} />
      {!EVENT_METHODS.has(kind) && (
        <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
          <Descriptions.Item label={t('assessment.reporting.correctionCurrent')}>
            {current}
            {row?.indicator.unitLabel ? ` ${row.indicator.unitLabel}` : ''}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Form form={form} layout="vertical">
        {kind === 'grade' && (
          <Form.Item name="grade" label={t('assessment.reporting.correctionNew')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={gradeOptions(method).map((g) => ({ value: g, label: g }))} />
          </Form.Item>
        )}
        {!EVENT_METHODS.has(kind) && kind !== 'grade' && (
          <Form.Item name="value" label={t('assessment.reporting.correctionNew')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber style={{ width: '100%' }} addonAfter={row?.indicator.unitLabel || undefined} data-testid="correction-value" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('assessment.reporting.note')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('assessment.reporting.correctionReason')}
          rules={[{ required: true, whitespace: true, message: t('assessment.reporting.correctionReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="correction-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
