import { useEffect } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Switch } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';
import type { ProblemDetail, Requirement } from './problems.api';

/** The unit reports on one requirement: done or not (done needs evidence first), and what was done. */
export function ReportModal({
  requirement,
  busy,
  onReport,
  onClose,
}: {
  requirement: Requirement | null;
  busy: boolean;
  onReport(q: Requirement, body: { done: boolean; report: string }): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ done: boolean; report: string }>();
  useEffect(() => {
    if (requirement) form.setFieldsValue({ done: requirement.done || requirement.evidence.length > 0, report: requirement.report ?? '' });
  }, [requirement, form]);
  const noEvidence = requirement !== null && requirement.evidence.length === 0;
  return (
    <Modal
      open={requirement !== null}
      title={requirement ? t('problems.report.title', { n: requirement.position }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('problems.report.submit')}
      okButtonProps={{ loading: busy, 'data-testid': 'report-confirm' } as never}
      forceRender
    >
      {requirement && <p>{requirement.text}</p>}
      <Form form={form} layout="vertical" onFinish={(v) => requirement && onReport(requirement, { done: v.done, report: v.report.trim() })}>
        <Form.Item name="done" label={t('problems.report.done')} valuePropName="checked" extra={noEvidence ? t('problems.report.needEvidence') : undefined}>
          <Switch disabled={noEvidence} data-testid="report-done" />
        </Form.Item>
        <Form.Item name="report" label={t('problems.report.text')} rules={[{ required: true, whitespace: true, message: t('problems.report.textRule') }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="report-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export type ActionKind = 'close' | 'return' | 'reopen';

/** The supervision office closes a problem out (销号), returns a submission, or reopens a closed one; the last two need a reason. */
export function ActionModal({
  kind,
  problem,
  busy,
  onAct,
  onClose,
}: {
  kind: ActionKind | null;
  problem: ProblemDetail;
  busy: boolean;
  onAct(body: { action: ActionKind; note?: string; requirementIds?: number[] }): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string; requirementIds?: number[] }>();
  useEffect(() => {
    if (kind) form.resetFields();
  }, [kind, form]);
  const needsReason = kind === 'return' || kind === 'reopen';
  return (
    <Modal
      open={kind !== null}
      title={kind ? t(`problems.action.${kind}Title`, { title: problem.title }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={kind ? t(`problems.action.${kind}`) : ''}
      okButtonProps={{ loading: busy, danger: needsReason, 'data-testid': 'action-confirm' } as never}
      forceRender
    >
      {kind === 'close' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('problems.action.closeHint', { done: problem.requirements.done, total: problem.requirements.total })} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          kind &&
          onAct({
            action: kind,
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
            ...(needsReason && v.requirementIds?.length ? { requirementIds: v.requirementIds } : {}),
          })
        }
      >
        <Form.Item
          name="note"
          label={needsReason ? t('problems.action.reason') : t('problems.action.note')}
          rules={needsReason ? [{ required: true, whitespace: true, message: t('problems.action.reasonRule') }] : []}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="action-note" />
        </Form.Item>
        {needsReason && (
          <Form.Item name="requirementIds" label={t('problems.action.unmet')} extra={t('problems.action.unmetHint')}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={problem.checklist.map((q) => ({ value: q.id, label: `${q.position}. ${q.text}` }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
