import { useState } from 'react';
import { App, Button, Card, Empty, List, Space, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useKeyedAction } from '../../../api/use-action';
import type { RequestState } from '../../../api/use-request';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { suggestionsApi, type SuggestionDto } from '../suggestions.api';
import { NoticeDownload } from './NoticeDownload';
import { DeadlineTag } from './DeadlineTag';
import { ReasonModal } from './ReasonModal';

/** Units' replies waiting for the office: accept (the citizen can then read it) or return with a reason. */
export function ReplyReview({ list, onChanged }: { list: RequestState<{ items: SuggestionDto[]; total: number }>; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [returning, setReturning] = useState<number | null>(null);

  // Keyed by the suggestion: its accept link spins; every reply's buttons wait while one is decided.
  const decide = useKeyedAction(
    async (id: number, decision: 'accept' | 'return', reason?: string) => {
      await suggestionsApi.review(id, decision, reason);
      void message.success(t(decision === 'accept' ? 'pe.sug.accepted' : 'pe.sug.returned', { id }));
      setReturning(null);
      onChanged();
    },
    { onError: (m) => void message.error(m) },
  );

  return (
    <>
      <List<SuggestionDto>
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pe.sug.reviewEmpty')} /> }}
        grid={{ gutter: 16, xs: 1, xl: 2 }}
        renderItem={(s) => (
          <List.Item>
            <Card
              size="small"
              data-testid={`suggestion-row-${s.id}`}
              title={
                <Space wrap>
                  <span>#{s.id}</span>
                  <span>{s.unit.name}</span>
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                    {s.noticeNo}
                  </Typography.Text>
                  <NoticeDownload s={s} />
                </Space>
              }
              extra={<DeadlineTag s={s} />}
              actions={[
                <Button key="return" danger type="text" icon={<RollbackOutlined />} disabled={decide.running} onClick={() => setReturning(s.id)} data-testid={`review-return-${s.id}`}>
                  {t('pe.sug.return')}
                </Button>,
                <Button key="accept" type="link" icon={<CheckOutlined />} loading={decide.runningFor(s.id) && returning === null} disabled={decide.running} onClick={() => void decide.run(s.id, 'accept')} data-testid={`review-accept-${s.id}`}>
                  {t('pe.sug.accept')}
                </Button>,
              ]}
            >
              <Typography.Paragraph style={{ marginBottom: 8 }}>{s.body}</Typography.Paragraph>
              <div style={{ background: 'rgba(0,0,0,0.02)', border: '1px solid rgba(0,0,0,0.06)', borderRadius: 6, padding: '8px 12px' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('pe.sug.reply')} · {formatDateTime(s.repliedAt)}
                </Typography.Text>
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-line' }} data-testid={`reply-of-${s.id}`}>
                  {s.reply}
                </Typography.Paragraph>
              </div>
            </Card>
          </List.Item>
        )}
      />
      <ReasonModal id={returning} busy={decide.running} onReturn={(reason) => returning !== null && void decide.run(returning, 'return', reason)} onClose={() => setReturning(null)} />
    </>
  );
}
