import { Modal, Table, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';
import type { SchemeIssue } from './schemes.api';

/** Every problem the server found in an imported scheme document, by its path in the document. */
export function SchemeIssuesModal({ issues, onClose }: { issues: SchemeIssue[] | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={issues !== null}
      title={t('assessment.schemes.issuesTitle')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      width={820}
    >
      <Table<SchemeIssue>
        data-testid="scheme-issues"
        size="small"
        rowKey={(i) => `${i.path}:${i.message}`}
        dataSource={issues ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          {
            title: t('assessment.schemes.issuePath'),
            dataIndex: 'path',
            width: 300,
            render: (path: string) => (
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {path || '/'}
              </Typography.Text>
            ),
          },
          { title: t('assessment.schemes.issueMessage'), dataIndex: 'message' },
        ]}
      />
    </Modal>
  );
}
