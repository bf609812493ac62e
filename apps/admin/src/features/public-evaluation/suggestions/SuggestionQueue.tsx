import { useState } from 'react';
import { Alert, App, Button, DatePicker, Divider, Flex, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SendOutlined, TagsOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { SUGGESTION_CATEGORIES, type SuggestionCategory } from '@kaoping/shared';
import { useAction } from '../../../api/use-action';
import type { RequestState } from '../../../api/use-request';
import { formatDateTime, pickerToday } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { CategoryTag, SuggestionStatusTag } from '../shared/labels';
import { suggestionsApi, type Notice, type SuggestionDto } from '../suggestions.api';
import { NoticeDownload } from './NoticeDownload';
import { DeadlineTag } from './DeadlineTag';
import { useCurrentUser } from '../../../app/auth-context';
import { canMakeTask } from '../../../app/access';
import { MakeTaskButton } from '../../supervision/tasks/MakeTaskButton';

export const PAGE_SIZE = 20;

/** Only what has not gone to a unit can be sorted (again); only sorted clear ones can be forwarded. */
const sortable = (s: SuggestionDto) => s.status === 'new' || s.status === 'sorted';

/** The suggestions table; for the office with selection, bulk sorting and bulk forwarding. */
export function SuggestionQueue({
  list,
  page,
  onPage,
  canHandle,
  onChanged,
}: {
  list: RequestState<{ items: SuggestionDto[]; total: number }>;
  page: number;
  onPage(page: number): void;
  canHandle: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const { role } = useCurrentUser();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<SuggestionDto[]>([]);
  const [category, setCategory] = useState<SuggestionCategory | undefined>();
  const [original, setOriginal] = useState<number | null>(null);
  const [deadline, setDeadline] = useState<Dayjs | null>(pickerToday().add(15, 'day'));
  const [notices, setNotices] = useState<Notice[] | null>(null);

  const items = list.data?.items;

  const ids = selected.map((s) => s.id);
  const notClear = selected.filter((s) => !(s.status === 'sorted' && s.category === 'clear')).length;

  const onError = (m: string) => void message.error(m);
  const sort = useAction(async () => {
    if (!category) return;
    if (category === 'duplicate' && !original) {
      void message.warning(t('pe.sug.duplicateNeedsOriginal'));
      return;
    }
    const r = await suggestionsApi.sort({ ids, category, duplicateOf: category === 'duplicate' ? original! : undefined });
    void message.success(t('pe.sug.sorted', { count: r.changed }));
    // The sorted stay selected, so that clear ones can be forwarded straight away even when a filter now hides them.
    setSelected((prev) => prev.map((x) => ({ ...x, category, status: 'sorted', duplicateOf: category === 'duplicate' ? original : null })));
    onChanged();
  }, { onError });

  const forward = useAction(async () => {
    if (!deadline) return;
    const r = await suggestionsApi.forward({ ids, deadline: deadline.format('YYYY-MM-DD') });
    setNotices(r.notices);
    setSelected([]);
    void message.success(t('pe.sug.forwarded', { count: r.notices.length }));
    onChanged();
  }, { onError });

  const columns: ColumnsType<SuggestionDto> = [
    { title: '#', dataIndex: 'id', width: 70 },
    {
      title: t('pe.sug.unit'),
      dataIndex: 'unit',
      width: 200,
      render: (u: SuggestionDto['unit']) => (
        <span>
          {u.name}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.code}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('pe.sug.body'),
      dataIndex: 'body',
      render: (body: string, s) => (
        <Space orientation="vertical" size={2}>
          <span>{body}</span>
          {s.reply && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('pe.sug.replyInline', { reply: s.reply })}
            </Typography.Text>
          )}
          {s.status === 'returned' && s.reviewReason && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('pe.sug.reviewReason', { reason: s.reviewReason })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('pe.sug.category'),
      dataIndex: 'category',
      width: 130,
      render: (c: SuggestionCategory | null, s) => (
        <Space orientation="vertical" size={0}>
          <CategoryTag category={c} />
          {s.duplicateOf && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('pe.sug.duplicateOf', { id: s.duplicateOf })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('pe.sug.status'), dataIndex: 'status', width: 96, render: (_: unknown, s) => <SuggestionStatusTag status={s.status} /> },
    {
      title: `${t('pe.sug.notice')} / ${t('pe.sug.deadline')}`,
      key: 'notice',
      width: 210,
      render: (_: unknown, s) =>
        s.noticeNo ? (
          <Space orientation="vertical" size={0}>
            <span style={{ fontSize: 12 }}>{s.noticeNo}</span>
            <DeadlineTag s={s} />
            <NoticeDownload s={s} />
          </Space>
        ) : (
          '—'
        ),
    },
    { title: t('pe.sug.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    // A suggestion may become a supervised task (转为督办事项), linked to it.
    ...(canMakeTask(role, 'suggestion')
      ? [{ title: t('common.actions'), key: 'make-task', width: 150, render: (_: unknown, s: SuggestionDto) => <MakeTaskButton origin={{ kind: 'suggestion', id: s.id }} testId={`suggestion-make-task-${s.id}`} /> }]
      : []),
  ];

  return (
    <>
      {notices && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setNotices(null) }}
          title={t('pe.sug.noticesTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="forward-notices">
              {notices.map((n) => (
                <li key={n.noticeNo} data-testid="forward-notice">
                  {t('pe.sug.noticeItem', { no: n.noticeNo, unit: n.unit, count: n.suggestions.length })}（#{n.suggestions.join('、#')}）
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {canHandle && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="bulk-bar">
          <Typography.Text strong style={{ minWidth: 72 }}>
            {t('pe.sug.selected', { count: selected.length })}
          </Typography.Text>
          <Select<SuggestionCategory>
            value={category}
            onChange={setCategory}
            placeholder={t('pe.sug.sortAs')}
            style={{ width: 140 }}
            options={SUGGESTION_CATEGORIES.map((c) => ({ value: c, label: t(`pe.sug.category.${c}`) }))}
            data-testid="sort-category"
          />
          {category === 'duplicate' && (
            <InputNumber<number> min={1} value={original} onChange={setOriginal} prefix="#" placeholder={t('pe.sug.original')} style={{ width: 150 }} data-testid="sort-original" />
          )}
          <Button icon={<TagsOutlined />} disabled={selected.length === 0 || !category} loading={sort.running} onClick={() => void sort.run()} data-testid="sort-apply">
            {t('pe.sug.sortApply')}
          </Button>
          <Divider orientation="vertical" />
          <Tooltip title={t('pe.sug.forwardHint')}>
            <Typography.Text type="secondary">{t('pe.sug.forwardDeadline')}</Typography.Text>
          </Tooltip>
          <DatePicker
            value={deadline}
            onChange={setDeadline}
            allowClear={false}
            disabledDate={(d) => d.isBefore(pickerToday(), 'day')}
            data-testid="forward-deadline"
          />
          <Tooltip title={notClear > 0 ? t('pe.sug.forwardNotClear', { count: notClear }) : t('pe.sug.forwardHint')}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={selected.length === 0 || notClear > 0 || !deadline}
              loading={forward.running}
              onClick={() => void forward.run()}
              data-testid="forward-apply"
            >
              {t('pe.sug.forwardApply')}
            </Button>
          </Tooltip>
        </Flex>
      )}
      <Table<SuggestionDto>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={items ?? []}
        columns={columns}
        locale={{ emptyText: list.loading ? ' ' : t('pe.sug.empty') }}
        onRow={(s) => ({ 'data-testid': `suggestion-row-${s.id}`, 'data-status': s.status }) as never}
        rowSelection={
          canHandle
            ? {
                selectedRowKeys: ids,
                preserveSelectedRowKeys: true,
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (s) => ({ disabled: !sortable(s) }),
                renderCell: (_checked, s, _i, node) => <span data-testid={`suggestion-select-${s.id}`}>{node}</span>,
              }
            : undefined
        }
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('pe.sug.total', { count: n }),
          onChange: onPage,
        }}
      />
    </>
  );
}
