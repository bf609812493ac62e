import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n-context';

/** Shows a freshly created token once, with a copy button; it cannot be read again later. */
export function NewTokenModal({ token, onClose }: { token: string | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={token !== null}
      title={t('tokens.createdTitle')}
      onOk={onClose}
      onCancel={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      width={620}
    >
      <Alert type="warning" showIcon title={t('tokens.createdWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: token ?? '', tooltips: [t('tokens.copy'), t('tokens.copied')] }}
        code
        data-testid="new-token"
        style={{ fontSize: 14, wordBreak: 'break-all', padding: 12, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6 }}
      >
        {token}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('tokens.usage')}</Typography.Text>
    </Modal>
  );
}
