import { useState } from 'react';
import { App, Button, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportRowError } from '@kaoping/shared';
import { ApiError, errorMessage } from '../api/api-error';
import { useAction } from '../api/use-action';
import { useI18n } from '../i18n/i18n-context';
import { ImportErrorsModal } from './ImportErrorsModal';

/** Downloads the current list as an Excel file. */
export function ExportButton({ run }: { run(): Promise<string> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const download = useAction(
    async () => {
      const file = await run();
      void message.success(t('common.exported', { file }));
    },
    { onError: (m) => void message.error(m) },
  );
  return (
    <Button icon={<DownloadOutlined />} loading={download.running} onClick={() => void download.run()} data-testid="export-xlsx">
      {t('common.export')}
    </Button>
  );
}

/** Uploads an Excel file; a rejected file shows the server's row-by-row problems. */
export function ImportButton({ run, onDone }: { run(file: Blob): Promise<{ created: number; updated: number }>; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);

  const upload = async (file: Blob) => {
    setBusy(true);
    try {
      const result = await run(file);
      void message.success(t('common.imported', { created: result.created, updated: result.updated }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.importErrors.length > 0) setRowErrors(err.importErrors);
      else void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="import-xlsx">
          {t('common.import')}
        </Button>
      </Upload>
      <ImportErrorsModal errors={rowErrors} onClose={() => setRowErrors(null)} />
    </>
  );
}
