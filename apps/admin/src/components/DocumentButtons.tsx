import { useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/api-error';
import { useI18n } from '../i18n/i18n-context';

export type DocumentFormat = 'pdf' | 'docx';

/**
 * Downloads an official document (公文) as PDF or as .docx for Word/WPS. Making a PDF takes the server
 * a few seconds, so each button shows it is busy.
 */
export function DocumentButtons({
  download,
  testId,
  label,
  size = 'middle',
  compact = false,
}: {
  download(format: DocumentFormat): Promise<string>;
  testId: string;
  /** Says what is downloaded where the buttons alone would not (e.g. 本组记分卡). */
  label?: string;
  size?: 'small' | 'middle';
  compact?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<DocumentFormat | null>(null);
  const click = async (format: DocumentFormat) => {
    setBusy(format);
    try {
      const file = await download(format);
      void message.success(t('common.exported', { file }));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const button = (format: DocumentFormat) => (
    <Button
      size={size}
      type={compact ? 'link' : 'default'}
      icon={format === 'pdf' ? <FilePdfOutlined /> : <FileWordOutlined />}
      loading={busy === format}
      disabled={busy !== null && busy !== format}
      onClick={() => void click(format)}
      data-testid={`${testId}-${format}`}
      style={compact ? { paddingInline: 0 } : undefined}
    >
      {format === 'pdf' ? t('common.document.pdf') : t('common.document.docx')}
    </Button>
  );
  return (
    <Space size={compact ? 8 : 'small'} wrap>
      {label && <Typography.Text type="secondary">{label}</Typography.Text>}
      {button('pdf')}
      {button('docx')}
    </Space>
  );
}
