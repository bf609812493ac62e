import { Modal, Table } from 'antd';
import type { ImportRowError } from '@kaoping/shared';
import { useI18n } from '../i18n/i18n-context';

/** The row-by-row problems the server found in an uploaded spreadsheet. */
export function ImportErrorsModal({ errors, onClose }: { errors: ImportRowError[] | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={errors !== null}
      title={t('common.importFailedTitle')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      width={720}
    >
      <Table<ImportRowError>
        data-testid="import-errors"
        size="small"
        rowKey={(e) => `${e.row}:${e.column ?? ''}:${e.message}`}
        dataSource={errors ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('common.importRow'), dataIndex: 'row', width: 80 },
          { title: t('common.importColumn'), dataIndex: 'column', width: 140, render: (c?: string) => c ?? t('common.none') },
          { title: t('common.importMessage'), dataIndex: 'message' },
        ]}
      />
    </Modal>
  );
}
