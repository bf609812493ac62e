import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import { campaignsApi, type CampaignDetail, type CampaignUnit } from '../campaigns.api';

/** Each unit's public card (duties, the year's highlights) as citizens see it; the office edits it until the campaign closes. */
export function UnitCardsTable({ campaign, canEdit, onSaved }: { campaign: CampaignDetail; canEdit: boolean; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<CampaignUnit | null>(null);
  const [form] = Form.useForm<{ duties: string; highlights: string }>();

  useEffect(() => {
    if (!editing) return;
    save.clearError();
    form.setFieldsValue({ duties: editing.duties ?? '', highlights: editing.highlights ?? '' });
  }, [editing, form]);

  const units = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? campaign.units.filter((u) => u.name.toLowerCase().includes(q) || u.code.toLowerCase().includes(q)) : campaign.units;
  }, [campaign.units, search]);

  const save = useAction(async (v: { duties: string; highlights: string }) => {
    if (!editing) return;
    await campaignsApi.saveCard(campaign.id, editing.unitId, { duties: v.duties ?? '', highlights: v.highlights ?? '' });
    void message.success(t('common.saved'));
    setEditing(null);
    onSaved();
  });

  const editable = canEdit && campaign.status !== 'closed';
  const empty = <Typography.Text type="secondary">{t('pe.cards.empty')}</Typography.Text>;
  return (
    <Card
      title={`${t('pe.cards.title')} · ${t('pe.campaigns.unitsCount', { count: campaign.units.length })}`}
      extra={<Input.Search allowClear placeholder={t('pe.cards.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} />}
      data-testid="unit-cards"
    >
      <Typography.Paragraph type="secondary">{t('pe.cards.hint')}</Typography.Paragraph>
      <Table<CampaignUnit>
        rowKey="unitId"
        size="small"
        dataSource={units}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: t('pe.cards.unit'), key: 'unit', width: 220, render: (_: unknown, u) => <span>{u.name}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.code} · {u.groupCode ?? '—'}</Typography.Text></span> },
          { title: t('pe.cards.duties'), dataIndex: 'duties', render: (v: string | null) => (v ? <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{v}</Typography.Paragraph> : empty) },
          {
            title: t('pe.cards.highlights'),
            dataIndex: 'highlights',
            render: (v: string | null) => (v ? <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, whiteSpace: 'pre-line' }}>{v}</Typography.Paragraph> : empty),
          },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, u: CampaignUnit) => (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid={`card-edit-${u.code}`}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('pe.cards.editTitle', { unit: editing.name }) : ''}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.running}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        width={640}
        forceRender
      >
        {save.error && <Alert type="error" showIcon title={save.error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void save.run(v)}>
          <Form.Item name="duties" label={t('pe.cards.duties')}>
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="card-duties" />
          </Form.Item>
          <Form.Item name="highlights" label={t('pe.cards.highlights')} extra={t('pe.cards.highlightsHint')}>
            <Input.TextArea rows={6} maxLength={4000} showCount data-testid="card-highlights" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
