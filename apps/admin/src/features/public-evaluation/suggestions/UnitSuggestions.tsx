import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, List, Space, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useAction } from '../../../api/use-action';
import type { RequestState } from '../../../api/use-request';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { SuggestionStatusTag } from '../shared/labels';
import { suggestionsApi, type SuggestionDto } from '../suggestions.api';
import { NoticeDownload } from './NoticeDownload';
import { DeadlineTag } from './DeadlineTag';

/** One forwarded suggestion as its unit sees it; the head answers it while it awaits an answer. */
function UnitSuggestionCard({ s, canReply, onReplied }: { s: SuggestionDto; canReply: boolean; onReplied(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const waiting = s.status === 'forwarded' || s.status === 'returned';

  const send = useAction(
    async () => {
      await suggestionsApi.reply(s.id, text.trim());
      void message.success(t('pe.sug.replied', { id: s.id }));
      setText('');
      onReplied();
    },
    { onError: (m) => void message.error(m) },
  );

  return (
    <Card
      size="small"
      data-testid={`suggestion-row-${s.id}`}
      data-status={s.status}
      title={
        <Space wrap>
          <span>#{s.id}</span>
          <SuggestionStatusTag status={s.status} />
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {s.noticeNo}
          </Typography.Text>
          <NoticeDownload s={s} />
        </Space>
      }
      extra={
        <Space size={4}>
          <Typography.Text type="secondary">{t('pe.sug.deadline')}</Typography.Text>
          <DeadlineTag s={s} />
        </Space>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>{s.body}</Typography.Paragraph>
      {s.status === 'returned' && s.reviewReason && (
        <Alert type="error" showIcon title={t('pe.sug.reviewReason', { reason: s.reviewReason })} style={{ marginBottom: 8 }} data-testid={`review-reason-${s.id}`} />
      )}
      {s.reply && (
        <div style={{ background: 'rgba(0,0,0,0.02)', border: '1px solid rgba(0,0,0,0.06)', borderRadius: 6, padding: '8px 12px', marginBottom: waiting && canReply ? 8 : 0 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pe.sug.reply')} · {formatDateTime(s.repliedAt)}
          </Typography.Text>
          <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-line' }}>{s.reply}</Typography.Paragraph>
        </div>
      )}
      {waiting &&
        (canReply ? (
          <Space.Compact style={{ width: '100%' }}>
            <Input.TextArea
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={4000}
              placeholder={t('pe.sug.replyPlaceholder')}
              data-testid={`reply-text-${s.id}`}
            />
            <Button type="primary" icon={<SendOutlined />} loading={send.running} disabled={text.trim().length < 5} onClick={() => void send.run()} style={{ height: 'auto' }} data-testid={`reply-send-${s.id}`}>
              {s.status === 'returned' ? t('pe.sug.replyResend') : t('pe.sug.replySend')}
            </Button>
          </Space.Compact>
        ) : (
          <Typography.Text type="secondary">{t('pe.sug.replyOnlyHead')}</Typography.Text>
        ))}
    </Card>
  );
}

/** The suggestions forwarded to the user's unit, one card each. */
export function UnitSuggestions({
  list,
  page,
  pageSize,
  onPage,
  canReply,
  onChanged,
}: {
  list: RequestState<{ items: SuggestionDto[]; total: number }>;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  canReply: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  return (
    <List<SuggestionDto>
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: <Empty description={t('pe.sug.unitEmpty')} /> }}
      pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: onPage, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => t('pe.sug.total', { count: n }) }}
      renderItem={(s) => (
        <List.Item style={{ padding: '0 0 12px', borderBlockEnd: 'none' }}>
          <div style={{ width: '100%' }}>
            <UnitSuggestionCard s={s} canReply={canReply} onReplied={onChanged} />
          </div>
        </List.Item>
      )}
    />
  );
}
