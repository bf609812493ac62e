import { useState } from 'react';
import { Button, Card, Empty, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useRequest } from '../../api/use-request';
import { canManageMeetings } from '../../app/access';
import { useCurrentUser } from '../../app/auth-context';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n-context';
import { MeetingFormModal } from './MeetingFormModal';
import { meetingsApi, type MeetingSummary } from './meetings.api';

export const STATUS_COLORS = { draft: 'default', prepared: 'blue', held: 'green' } as const;

/** Review meetings (点评会): the list, and a new one. */
export function MeetingsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const list = useRequest(meetingsApi.list, 'meetings');
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        subtitle={t('meetings.subtitle')}
        extra={
          canManageMeetings(user.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-new">
              {t('meetings.new')}
            </Button>
          )
        }
      />
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      <Card size="small">
        <Table<MeetingSummary>
          size="middle"
          rowKey="id"
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={t('meetings.empty')} /> }}
          data-testid="meetings-table"
          columns={[
            { key: 'date', title: t('meetings.col.date'), width: 120, render: (_, m) => m.heldOn },
            {
              key: 'title',
              title: t('meetings.col.title'),
              render: (_, m) => (
                <Link to={`/meetings/${m.id}`} data-testid={`meeting-link-${m.id}`}>
                  {m.title}
                </Link>
              ),
            },
            { key: 'kind', title: t('meetings.col.kind'), width: 160, render: (_, m) => m.kindLabel },
            { key: 'presenters', title: t('meetings.col.presenters'), width: 100, align: 'right', render: (_, m) => m.presenterCount },
            { key: 'comments', title: t('meetings.col.comments'), width: 80, align: 'right', render: (_, m) => m.commentCount },
            { key: 'tasks', title: t('meetings.col.tasks'), width: 90, align: 'right', render: (_, m) => m.taskCount },
            {
              key: 'status',
              title: t('meetings.col.status'),
              width: 200,
              render: (_, m) => (
                <Tag color={STATUS_COLORS[m.status]}>
                  {t(`meetings.status.${m.status}`)}
                  {m.minutesNo ? ` ${m.minutesNo}` : ''}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      <MeetingFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(m) => {
          setCreating(false);
          void navigate(`/meetings/${m.id}`);
        }}
      />
    </>
  );
}
