import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from '@kaoping/shared';
import { useAction } from '../../api/use-action';
import { useRequest } from '../../api/use-request';
import { pickerToday } from '../../components/format';
import { unitOptions } from '../../components/unit-options';
import { useI18n } from '../../i18n/i18n-context';
import { unitsApi } from '../units/units.api';
import { meetingsApi, type MeetingBody, type MeetingDetail } from './meetings.api';

interface Values {
  kind: MeetingKind;
  title: string;
  heldOn: Dayjs;
  materialAsOf?: Dayjs | null;
  venue?: string;
  videoNote?: string;
  leaderUserIds?: number[];
}

interface Row {
  unitId: number | null;
  minutes: number;
  mainPoints: string;
}

/** Creates or edits a meeting: type, date, venue, leaders, and the presenters in speaking order with their minutes. */
export function MeetingFormModal({ open, meeting, onClose, onSaved }: { open: boolean; meeting?: MeetingDetail; onClose(): void; onSaved(m: MeetingDetail): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useRequest(unitsApi.list, 'meeting-units', open);
  const leaders = useRequest(meetingsApi.leaders, 'meeting-leaders', open);
  const [rows, setRows] = useState<Row[]>([]);

  useEffect(() => {
    if (!open) return;
    if (meeting) {
      form.setFieldsValue({
        kind: meeting.kind,
        title: meeting.title,
        heldOn: dayjs(meeting.heldOn),
        materialAsOf: dayjs(meeting.materialAsOf),
        venue: meeting.venue,
        videoNote: meeting.videoNote,
        leaderUserIds: meeting.leaders.map((l) => l.userId),
      });
      setRows(meeting.presenters.map((p) => ({ unitId: p.unit.id, minutes: p.minutes, mainPoints: p.mainPoints })));
    } else {
      form.resetFields();
      setRows([{ unitId: null, minutes: 8, mainPoints: '' }]);
    }
  }, [open, meeting, form]);

  const move = (i: number, by: number) =>
    setRows((rs) => {
      const next = [...rs];
      const [r] = next.splice(i, 1);
      next.splice(i + by, 0, r!);
      return next;
    });
  const setRow = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const submit = useAction(
    async (v: Values) => {
      const presenters = rows.filter((r): r is Row & { unitId: number } => r.unitId !== null);
      if (presenters.length === 0 || new Set(presenters.map((r) => r.unitId)).size !== presenters.length) throw new Error(t('meetings.form.presentersRule'));
      const body: MeetingBody = {
        kind: v.kind,
        title: v.title.trim(),
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        ...(v.materialAsOf ? { materialAsOf: v.materialAsOf.format('YYYY-MM-DD') } : {}),
        venue: v.venue?.trim() ?? '',
        videoNote: v.videoNote?.trim() ?? '',
        leaderUserIds: v.leaderUserIds ?? [],
        presenters,
      };
      const saved = meeting ? await meetingsApi.update(meeting.id, body) : await meetingsApi.create(body);
      void message.success(t('meetings.saved'));
      onSaved(saved);
    },
    { onError: (m) => void message.error(m) },
  );

  const options = unitOptions((units.data ?? []).filter((u) => u.active));
  return (
    <Modal
      open={open}
      width={760}
      title={meeting ? t('meetings.form.editTitle') : t('meetings.form.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: submit.running, 'data-testid': 'meeting-form-submit' } as never}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'development', heldOn: pickerToday() }} onFinish={(v) => void submit.run(v)}>
        <Flex gap={12}>
          <Form.Item name="kind" label={t('meetings.form.kind')} style={{ width: 200 }} rules={[{ required: true }]}>
            <Select data-testid="meeting-form-kind" options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k][lang === 'en-US' ? 'en' : 'zh'] }))} />
          </Form.Item>
          <Form.Item name="title" label={t('meetings.form.title')} style={{ flex: 1 }} rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('meetings.form.titleRule') }]}>
            <Input maxLength={200} data-testid="meeting-form-title" />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="heldOn" label={t('meetings.form.heldOn')} rules={[{ required: true }]}>
            <DatePicker data-testid="meeting-form-date" />
          </Form.Item>
          <Form.Item name="materialAsOf" label={t('meetings.form.asOf')} tooltip={t('meetings.form.asOfHint')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="venue" label={t('meetings.form.venue')} style={{ flex: 1 }}>
            <Input maxLength={200} data-testid="meeting-form-venue" />
          </Form.Item>
        </Flex>
        <Form.Item name="videoNote" label={t('meetings.form.videoNote')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="leaderUserIds" label={t('meetings.form.leaders')}>
          <Select
            mode="multiple"
            data-testid="meeting-form-leaders"
            optionFilterProp="label"
            options={(leaders.data?.items ?? []).map((l) => ({ value: l.userId, label: l.name }))}
          />
        </Form.Item>
        <Typography.Text strong>{t('meetings.form.presenters')}</Typography.Text>
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }} data-testid="meeting-form-presenters">
          {rows.map((r, i) => (
            <Flex key={i} gap={8} align="center">
              <Typography.Text type="secondary" style={{ width: 20 }}>
                {i + 1}
              </Typography.Text>
              <Select
                showSearch
                optionFilterProp="label"
                style={{ flex: 1 }}
                placeholder={t('meetings.form.unit')}
                value={r.unitId ?? undefined}
                options={options}
                onChange={(unitId: number) => setRow(i, { unitId })}
                data-testid={`meeting-presenter-${i}`}
              />
              <InputNumber min={1} max={120} value={r.minutes} onChange={(m) => setRow(i, { minutes: m ?? 8 })} addonAfter={t('meetings.form.minutes')} style={{ width: 130 }} />
              <Button icon={<ArrowUpOutlined />} aria-label={t('meetings.form.up')} disabled={i === 0} onClick={() => move(i, -1)} />
              <Button icon={<ArrowDownOutlined />} aria-label={t('meetings.form.down')} disabled={i === rows.length - 1} onClick={() => move(i, 1)} />
              <Button icon={<DeleteOutlined />} aria-label={t('meetings.form.remove')} disabled={rows.length === 1} onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))} />
            </Flex>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, { unitId: null, minutes: 8, mainPoints: '' }])} data-testid="meeting-presenter-add">
            {t('meetings.form.addPresenter')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
