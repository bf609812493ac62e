import { Alert, Form, Input, Modal, Typography } from 'antd';
import { streamUrlSchema } from '@kaoping/shared';
import { useAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
/** 连线项目现场: sets or clears the address of a project site's or an inspected place's live stream (an HLS .m3u8 URL). */
export function StreamModal({ name, streamUrl, save, onSaved, onClose }: { name: string; streamUrl: string | null; save(url: string): Promise<unknown>; onSaved(): void; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ streamUrl: string }>();
  const submit = useAction(async (v: { streamUrl?: string }) => {
    await save(v.streamUrl?.trim() ?? '');
    onSaved();
  });
  return (
    <Modal
      open
      title={t('projects.stream.title', { name })}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(submit.run, () => undefined)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
      okButtonProps={{ 'data-testid': 'stream-save' }}
    >
      <Typography.Paragraph type="secondary">{t('projects.stream.hint')}</Typography.Paragraph>
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 12 }} data-testid="stream-error" />}
      <Form form={form} layout="vertical" initialValues={{ streamUrl: streamUrl ?? '' }}>
        <Form.Item
          name="streamUrl"
          label={t('projects.stream.url')}
          rules={[{ validator: (_, v: string) => (!v?.trim() || streamUrlSchema.safeParse(v).success ? Promise.resolve() : Promise.reject(new Error(t('projects.stream.invalid')))) }]}
        >
          <Input placeholder="https://…/live/site.m3u8" maxLength={500} allowClear data-testid="stream-url" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
