import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Popconfirm, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { Bulletin, BulletinSection, BulletinSnapshot } from '@kaoping/shared';
import { useAction, useKeyedAction } from '../../api/use-action';
import { useRequest } from '../../api/use-request';
import { PAGE_PATHS } from '../../app/access';
import { DocumentButtons } from '../../components/DocumentButtons';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { ReceiptsPanel } from '../../components/ReceiptsPanel';
import { formatDateTime } from '../../components/format';
import { useI18n } from '../../i18n/i18n-context';
import { bulletinsApi } from './bulletins.api';
import { BulletinStatusTag } from './BulletinStatusTag';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const signed = (x: number | null) => (x === null ? '—' : x > 0 ? `+${x}` : String(x));

/** One bulletin: its sections with the frozen figures, the office's narrative, the flow and who has signed for it. */
export function BulletinDetailPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const id = Number(useParams().bulletinId);
  const detail = useRequest(() => bulletinsApi.get(id), `bulletin:${id}`, Number.isInteger(id) && id > 0);
  const [updated, setUpdated] = useState<Bulletin | null>(null);
  const b = updated?.id === id ? updated : detail.data;
  const [texts, setTexts] = useState<{ overview?: string; requirements?: string }>({});

  const onError = (m: string) => void message.error(m);
  /** A step keyed by its button (build, approve, issue, sign, sections, a narrative): the server answers with the bulletin as it now is. */
  const act = useKeyedAction(async (_key: string, call: () => Promise<Bulletin>, done: (r: Bulletin) => string) => {
    const r = await call();
    setUpdated(r);
    setTexts({});
    void message.success(done(r));
  }, { onError });
  const remind = useAction(async (bulletinId: number, unitIds?: number[]) => {
    const r = await bulletinsApi.remind(bulletinId, unitIds);
    void message.success(t('bulletins.reminded', { count: r.reminded }));
    setUpdated(await bulletinsApi.get(bulletinId));
  }, { onError });
  const annex = useAction((bulletinId: number) => bulletinsApi.annex(bulletinId), { onError });

  const back = (
    <Link to={PAGE_PATHS.bulletins} style={{ display: 'inline-block', marginBottom: 8 }}>
      <ArrowLeftOutlined /> {t('bulletins.back')}
    </Link>
  );
  if (!b) {
    return (
      <>
        {back}
        <PageHeader title={t('bulletins.title')} />
        {detail.error !== null ? <LoadError error={detail.error} onRetry={detail.reload} /> : <Card loading={detail.loading}>{!detail.loading && <Empty />}</Card>}
      </>
    );
  }
  const s = b.snapshot;
  const toggle = (key: BulletinSection, enabled: boolean) =>
    void act.run('sections', () => bulletinsApi.update(b.id, { sections: b.sections.map((x) => (x.key === key ? { ...x, enabled } : x)) }), () => t('bulletins.saved'));

  const narrative = (key: 'overview' | 'requirements') => {
    const value = texts[key] ?? b[key];
    if (!b.can.edit) return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid={`bulletin-${key}-text`}>{b[key]}</Typography.Paragraph>;
    return (
      <>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} value={value} onChange={(e) => setTexts((x) => ({ ...x, [key]: e.target.value }))} data-testid={`bulletin-${key}-input`} />
        <Space style={{ marginTop: 8 }}>
          <Button
            size="small"
            type="primary"
            disabled={value === b[key]}
            loading={act.runningFor(key)}
            onClick={() => void act.run(key, () => bulletinsApi.update(b.id, { [key]: value }), () => t('bulletins.saved'))}
            data-testid={`bulletin-${key}-save`}
          >
            {t('bulletins.save')}
          </Button>
          <Typography.Text type="secondary">{t('bulletins.narrativeHint')}</Typography.Text>
        </Space>
      </>
    );
  };

  const sectionBody = (key: BulletinSection): ReactNode => {
    if (key === 'overview' || key === 'requirements') return narrative(key);
    if (!s) return <Empty />;
    return <Figures section={key} s={s} />;
  };

  return (
    <>
      {back}
      <PageHeader
        title={
          <Space size={12} wrap>
            <span data-testid="bulletin-title">{b.title}</span>
            <BulletinStatusTag status={b.status} />
          </Space>
        }
        subtitle={
          <Space wrap>
            <span data-testid="bulletin-number">{b.docNumber ?? t('bulletins.status.draft')}</span>
            <span>{b.series.name}</span>
            <span>{t('bulletins.asOf')} {b.asOf}</span>
            {s && <span>{t('bulletins.period.from', { from: s.from, to: s.asOf })}</span>}
          </Space>
        }
        extra={
          <Space wrap>
            {b.can.edit && (
              <Button icon={<ReloadOutlined />} loading={act.runningFor('build')} onClick={() => void act.run('build', () => bulletinsApi.rebuild(b.id), () => t('bulletins.rebuilt'))} data-testid="bulletin-rebuild">
                {t('bulletins.rebuild')}
              </Button>
            )}
            {b.can.approve && (
              <Button type="primary" loading={act.runningFor('approve')} onClick={() => void act.run('approve', () => bulletinsApi.approve(b.id), () => t('bulletins.approved'))} data-testid="bulletin-approve">
                {t('bulletins.approve')}
              </Button>
            )}
            {b.can.issue && (
              <Popconfirm title={t('bulletins.issueConfirm', { count: b.recipients })} onConfirm={() => void act.run('issue', () => bulletinsApi.issue(b.id), (r) => t('bulletins.issuedMsg', { number: r.docNumber ?? '' }))}>
                <Button type="primary" loading={act.runningFor('issue')} data-testid="bulletin-issue">
                  {t('bulletins.issue')}
                </Button>
              </Popconfirm>
            )}
            {b.can.sign && (
              <Button type="primary" loading={act.runningFor('sign')} onClick={() => void act.run('sign', () => bulletinsApi.sign(b.id), () => t('bulletins.signedMsg'))} data-testid="bulletin-sign">
                {t('bulletins.sign')}
              </Button>
            )}
          </Space>
        }
      />
      {detail.error !== null && <LoadError error={detail.error} onRetry={detail.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {b.changes.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="bulletin-changes"
              title={t('bulletins.changes')}
              description={
                <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
                  {b.changes.slice(0, 50).map((c) => (
                    <li key={c.label}>
                      {c.label}: {String(c.from ?? '—')} → {String(c.to ?? '—')}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {b.sections.map(({ key, enabled }) => (
            <Card
              key={key}
              size="small"
              style={{ marginBottom: 16, opacity: enabled ? 1 : 0.6 }}
              title={t(`bulletins.section.${key}`)}
              data-testid={`bulletin-section-${key}`}
              extra={b.can.edit ? <Switch size="small" checked={enabled} loading={act.runningFor('sections')} onChange={(v) => toggle(key, v)} /> : null}
            >
              {enabled ? sectionBody(key) : <Typography.Text type="secondary">{t('bulletins.disabled')}</Typography.Text>}
            </Card>
          ))}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <DocumentButtons testId="bulletin-doc" download={(f) => bulletinsApi.document(b.id, f)} />
              <Button icon={<FileExcelOutlined />} onClick={() => void annex.run(b.id)} data-testid="bulletin-annex">
                {t('bulletins.annex')}
              </Button>
            </Space>
          </Card>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('bulletins.addressees')}>{b.addressees.join('，')}</Descriptions.Item>
              <Descriptions.Item label={t('bulletins.copyTo')}>{b.copyTo.join('，') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('bulletins.signer')}>{b.signer?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('bulletins.approvedBy')}>{b.approvedBy ? `${b.approvedBy} ${formatDateTime(b.approvedAt)}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('bulletins.issueDate')}>{b.issueDate ?? '—'}</Descriptions.Item>
              {b.builtAt && <Descriptions.Item label={t('bulletins.asOf')}>{t('bulletins.builtAt', { at: formatDateTime(b.builtAt) })}</Descriptions.Item>}
            </Descriptions>
          </Card>
          {b.status === 'issued' && (
            <ReceiptsPanel receipts={b.receipts} canRemind={b.can.remind} reminding={remind.running} onRemind={(ids) => void remind.run(b.id, ids)} testId="bulletin" />
          )}
        </Col>
      </Row>
    </>
  );
}

/** The frozen figures of one section. */
function Figures({ section, s }: { section: Exclude<BulletinSection, 'overview' | 'requirements'>; s: BulletinSnapshot }) {
  const { t } = useI18n();
  const none = <Typography.Text type="secondary">{t('bulletins.noFigures')}</Typography.Text>;
  switch (section) {
    case 'rankings':
      if (!s.rankings.length) return none;
      return (
        <>
          {s.rankings.map((g) => (
            <div key={g.code} style={{ marginBottom: 12 }}>
              <Typography.Text strong>{g.name}</Typography.Text>
              <Table
                rowKey="unitId"
                size="small"
                pagination={false}
                dataSource={g.units}
                columns={[
                  { title: t('bulletins.col.rank'), dataIndex: 'rank', width: 60 },
                  { title: t('bulletins.col.unit'), dataIndex: 'name' },
                  { title: t('bulletins.col.total'), dataIndex: 'total', align: 'right', width: 90 },
                  { title: t('bulletins.col.grade'), dataIndex: 'grade', width: 60 },
                  { title: t('bulletins.col.prevRank'), dataIndex: 'prevRank', width: 90, render: (v: number | null) => v ?? '—' },
                  {
                    title: t('bulletins.col.change'),
                    dataIndex: 'change',
                    align: 'right',
                    width: 90,
                    render: (v: number | null) => <span style={{ color: v === null || v === 0 ? undefined : v > 0 ? '#389e0d' : '#cf1322' }}>{signed(v)}</span>,
                  },
                ]}
              />
            </div>
          ))}
        </>
      );
    case 'progress': {
      const rows = s.progress.flatMap((u) => [...u.red.map((x) => ({ ...x, unit: u.name, c: 'red' })), ...u.yellow.map((x) => ({ ...x, unit: u.name, c: 'gold' }))]);
      if (!rows.length) return none;
      return (
        <Table
          rowKey={(r) => `${r.unit}-${r.code}`}
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={rows}
          columns={[
            { title: t('bulletins.col.unit'), dataIndex: 'unit' },
            { title: t('bulletins.col.indicator'), render: (_, r) => <Tag color={r.c}>{`${r.code} ${r.name}`}</Tag> },
            { title: t('bulletins.col.completion'), dataIndex: 'completion', align: 'right', render: pct },
            { title: t('bulletins.col.expected'), dataIndex: 'expected', align: 'right', render: pct },
          ]}
        />
      );
    }
    case 'tasks':
      return (
        <>
          <Typography.Paragraph>{t('bulletins.tasksLine', s.tasks.totals)}</Typography.Paragraph>
          {s.tasks.overdue.length > 0 && (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={s.tasks.overdue}
              columns={[
                { title: t('bulletins.col.task'), render: (_, r) => <Link to={`${PAGE_PATHS.supervisionTasks}/${r.id}`}>{r.title}</Link> },
                { title: t('bulletins.col.unit'), dataIndex: 'unit' },
                { title: t('bulletins.col.leader'), dataIndex: 'leader' },
                { title: t('bulletins.col.deadline'), dataIndex: 'deadline' },
              ]}
            />
          )}
        </>
      );
    case 'ledger':
      return <Typography.Paragraph>{t('bulletins.ledgerLine', { opened: s.ledger.opened, closed: s.ledger.closed, open: s.ledger.open, overdue: s.ledger.overdue })}</Typography.Paragraph>;
    case 'inspections':
      if (!s.inspections.length) return none;
      return (
        <>
          {s.inspections.map((i) => (
            <div key={i.id} style={{ marginBottom: 8 }}>
              <Link to={`${PAGE_PATHS.supervisionInspections}/${i.id}`}>
                {i.date} {i.title}
              </Link>
              <ol style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                {i.findings.map((f) => (
                  <li key={f.id}>
                    {f.unit && <Typography.Text strong>{f.unit}：</Typography.Text>}
                    {f.description}
                    {f.mediaIds.slice(0, 3).map((m) => (
                      <img key={m} src={`/api/inspections/media/${m}/thumbnail`} alt="" style={{ height: 48, marginLeft: 6, verticalAlign: 'middle' }} />
                    ))}
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </>
      );
    case 'projects':
      if (!s.projects.units.length) return none;
      return (
        <Table
          rowKey="unitId"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={s.projects.units}
          columns={[
            { title: t('bulletins.col.unit'), dataIndex: 'name' },
            { title: '开工率', dataIndex: 'start', align: 'right', render: pct },
            { title: '资金到位率', dataIndex: 'funding', align: 'right', render: pct },
            { title: '资金支付率', dataIndex: 'payment', align: 'right', render: pct },
            { title: '投资完成率', dataIndex: 'investment', align: 'right', render: pct },
          ]}
        />
      );
    case 'participation':
      if (!s.participation.length) return none;
      return (
        <ul>
          {s.participation.map((c) => (
            <li key={c.id}>
              {c.name}: {c.responses} / {c.invited}
            </li>
          ))}
        </ul>
      );
  }
}
