import { useEffect } from 'react';
import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import type { ProjectDto, ReportDto } from './projects.api';

interface Values {
  month: Dayjs;
  completedInvestment: number;
  fundsInPlace: number;
  fundsPaid: number;
  auditedAmount?: number | null;
  started: boolean;
  startedOn?: Dayjs | null;
  note?: string;
}

/** Enters or edits a project's report for a month: cumulative figures of the year up to its end. */
export function ReportModal({
  project,
  report,
  previous,
  defaultMonth,
  onSave,
  onClose,
}: {
  project: ProjectDto;
  /** The report being edited; null for a new month. */
  report: ReportDto | null;
  /** For a new month: the latest earlier report, whose cumulative figures the form starts from. */
  previous: ReportDto | null;
  defaultMonth: string;
  onSave(month: string, body: { completedInvestment: number; fundsInPlace: number; fundsPaid: number; auditedAmount: number | null; started: boolean; startedOn: string | null; note: string | null }): Promise<void>;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const started = Form.useWatch('started', form);
  const month = Form.useWatch('month', form);

  useEffect(() => {
    const from = report ?? previous;
    form.setFieldsValue({
      month: dayjs(`${report?.month ?? defaultMonth}-01`),
      completedInvestment: from?.completedInvestment,
      fundsInPlace: from?.fundsInPlace,
      fundsPaid: from?.fundsPaid,
      auditedAmount: from?.auditedAmount ?? null,
      started: from?.started ?? false,
      startedOn: from?.startedOn ? dayjs(from.startedOn) : null,
      note: report?.note ?? '',
    });
  }, [form, report, previous, defaultMonth]);

  // onSave closes the modal and reloads the drawer once the report is saved.
  const submit = useAction((v: Values) =>
    onSave(v.month.format('YYYY-MM'), {
      completedInvestment: v.completedInvestment,
      fundsInPlace: v.fundsInPlace,
      fundsPaid: v.fundsPaid,
      auditedAmount: v.auditedAmount ?? null,
      started: v.started,
      startedOn: v.started && v.startedOn ? v.startedOn.format('YYYY-MM-DD') : null,
      note: v.note?.trim() ? v.note.trim() : null,
    }),
  );

  const required = [{ required: true, message: t('projects.report.required') }];
  const amount = (name: keyof Values, label: string, rules = required) => (
    <Col xs={24} sm={12}>
      <Form.Item name={name} label={label} rules={rules}>
        <InputNumber min={0} step={10} style={{ width: '100%' }} data-testid={`report-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open
      title={t('projects.reportTitle', { name: project.name, month: month ? month.format('YYYY-MM') : (report?.month ?? defaultMonth) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
      okButtonProps={{ 'data-testid': 'report-save' }}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('projects.reportHint')}
        {previous && !report ? ` ${t('projects.reportFromPrevious', { month: previous.month })}` : ''}
      </Typography.Paragraph>
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} data-testid="report-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit.run(v)}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="month" label={t('projects.report.month')} rules={required}>
              <DatePicker
                picker="month"
                style={{ width: '100%' }}
                disabled={report !== null}
                allowClear={false}
                disabledDate={(d) => d.year() !== project.year}
                data-testid="report-month"
              />
            </Form.Item>
          </Col>
          {amount('completedInvestment', t('projects.report.completedInvestment'))}
          {amount('fundsInPlace', t('projects.report.fundsInPlace'))}
          {amount('fundsPaid', t('projects.report.fundsPaid'))}
          {amount('auditedAmount', t('projects.report.auditedAmount'), [])}
          <Col xs={12} sm={6}>
            <Form.Item name="started" label={t('projects.report.started')} valuePropName="checked">
              <Switch data-testid="report-started" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="startedOn" label={t('projects.report.startedOn')} rules={started ? required : []}>
              <DatePicker style={{ width: '100%' }} disabled={!started} data-testid="report-startedOn" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('projects.report.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
