import { useState } from 'react';
import { Alert, App, Button, List, Modal, Typography, Upload } from 'antd';
import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../api/api-error';
import { useRequest } from '../../../api/use-request';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { reportingApi, type EvidenceDto, type GridRow } from './reporting.api';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx';

const sizeText = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** The evidence files of one value: the list, downloads, and (while it may still change) uploads. */
export function EvidenceModal({ row, canUpload, onChanged, onClose }: { row: GridRow | null; canUpload: boolean; onChanged(): void; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const valueId = row?.valueId ?? null;
  const files = useRequest(() => reportingApi.evidence(valueId!), `evidence:${valueId}`, valueId !== null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    if (valueId === null) return;
    if (file.size > MAX_BYTES) {
      void message.error(t('assessment.reporting.evidenceTooLarge', { file: file.name }));
      return;
    }
    setBusy(true);
    try {
      await reportingApi.addEvidence(valueId, file);
      void message.success(t('assessment.reporting.evidenceUploaded', { file: file.name }));
      files.reload();
      onChanged();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const download = async (e: EvidenceDto) => {
    try {
      await reportingApi.downloadEvidence(e);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <Modal
      open={row !== null}
      title={row ? t('assessment.reporting.evidenceTitle', { code: row.indicator.code, name: row.indicator.name }) : ''}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={640}
      destroyOnHidden
    >
      {valueId === null ? (
        <Alert type="info" showIcon title={t('assessment.reporting.evidenceSaveFirst')} />
      ) : (
        <>
          {canUpload && (
            <>
              <Typography.Paragraph type="secondary">{t('assessment.reporting.evidenceHint')}</Typography.Paragraph>
              <Upload
                accept={ACCEPT}
                showUploadList={false}
                multiple
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={busy} data-testid="evidence-upload">
                  {t('assessment.reporting.evidenceUpload')}
                </Button>
              </Upload>
            </>
          )}
          <List<EvidenceDto>
            style={{ marginTop: 12 }}
            data-testid="evidence-list"
            loading={files.loading}
            dataSource={files.data ?? []}
            locale={{ emptyText: t('assessment.reporting.evidenceEmpty') }}
            renderItem={(e) => (
              <List.Item
                actions={[<Button key="dl" size="small" type="link" icon={<DownloadOutlined />} onClick={() => void download(e)} aria-label={e.filename} />]}
              >
                <List.Item.Meta
                  avatar={<PaperClipOutlined />}
                  title={e.filename}
                  description={`${sizeText(e.size)} · ${formatDateTime(e.uploadedAt)}`}
                />
              </List.Item>
            )}
          />
          {files.error !== null && <Alert type="error" showIcon title={errorMessage(files.error)} />}
        </>
      )}
    </Modal>
  );
}
