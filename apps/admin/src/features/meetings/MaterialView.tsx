import type { ReactNode } from 'react';
import { Card, Col, Empty, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { TASK_LIGHTS, type TaskLight } from '@kaoping/shared';
import { useI18n } from '../../i18n/i18n-context';
import { LIGHT_COLORS } from '../supervision/shared/lights';
import type { MaterialItem, PresenterMaterial } from './meetings.api';

export const RATE_KEYS = ['start', 'fundsInPlace', 'payment', 'investment'] as const;

/** A light as a coloured dot. */
export function LightDot({ light, size = 10 }: { light: TaskLight | null; size?: number }) {
  return <span style={{ display: 'inline-block', width: size, height: size, borderRadius: '50%', background: light ? LIGHT_COLORS[light] : '#bfbfbf', flex: 'none' }} />;
}

/** A signed change, e.g. ↑2 in green or ↓1 in red. */
export function Change({ value, suffix = '' }: { value: number | null; suffix?: string }) {
  if (value === null || value === 0) return <span>—</span>;
  return <span style={{ color: value > 0 ? '#52c41a' : '#f5222d' }}>{`${value > 0 ? '↑' : '↓'}${Math.abs(value)}${suffix}`}</span>;
}

function ItemList({ items, link, testId }: { items: MaterialItem[]; link: (id: number) => string; testId: string }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      data-testid={testId}
      renderItem={(i) => (
        <List.Item>
          <Flex gap={8} align="center" style={{ width: '100%' }}>
            <LightDot light={i.light} />
            <Link to={link(i.id)} style={{ flex: 1 }}>
              {i.title}
            </Link>
            <Typography.Text type="secondary">{t('meetings.m.leader', { name: i.leader })}</Typography.Text>
            <Typography.Text type="secondary">{i.reason}</Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

const Section = ({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) => (
  <Card size="small" title={title} data-testid={testId}>
    {children}
  </Card>
);

/** One presenter's frozen material on the meeting page. */
export function MaterialView({ m }: { m: PresenterMaterial }) {
  const { t } = useI18n();
  const s = m.score;
  return (
    <Flex vertical gap={12} data-testid={`material-${m.unit.code}`}>
      <Row gutter={12}>
        <Col span={12}>
          <Section title={t('meetings.m.score')} testId="material-score">
            {s ? (
              <Flex vertical gap={4}>
                <Statistic value={s.rank} suffix={`/ ${s.groupSize}`} title={s.group} />
                <Typography.Text>{t('meetings.m.total', { total: s.total, grade: s.grade })}</Typography.Text>
                {s.previous && (
                  <Typography.Text type="secondary">
                    {s.previous.basis}：<Change value={s.rankChange} /> / <Change value={s.totalChange} />
                  </Typography.Text>
                )}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('meetings.m.noScore')}</Typography.Text>
            )}
          </Section>
        </Col>
        <Col span={12}>
          <Section title={t('meetings.m.tasks')} testId="material-lights">
            <Flex gap={16} wrap>
              {TASK_LIGHTS.map((l) => (
                <Flex key={l} gap={6} align="center">
                  <LightDot light={l} size={14} />
                  <Typography.Text strong style={{ fontSize: 20 }}>
                    {m.tasks.counts[l]}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          </Section>
        </Col>
      </Row>
      <Section title={t('meetings.m.lagging')} testId="material-lagging">
        {m.lagging.length === 0 ? (
          <Typography.Text type="secondary">{t('meetings.m.noLagging')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={m.lagging}
            renderItem={(r) => (
              <List.Item>
                <Typography.Text>{r.name}</Typography.Text>
                <Typography.Text type="danger">{t('meetings.m.lagRow', { completion: r.completion, expected: r.expected, lag: Math.abs(r.lag) })}</Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Section>
      <Section title={t('meetings.m.previous')} testId="material-previous">
        {m.previous && m.previous.tasks.length > 0 ? (
          <>
            <Typography.Text type="secondary">{t('meetings.m.previousOf', { title: m.previous.title, date: m.previous.heldOn })}</Typography.Text>
            <ItemList items={m.previous.tasks} link={(id) => `/supervision/tasks/${id}`} testId="material-previous-tasks" />
          </>
        ) : (
          <Typography.Text type="secondary">{t('meetings.m.noPrevious')}</Typography.Text>
        )}
      </Section>
      <Section title={t('meetings.m.attention')}>
        <ItemList items={m.tasks.attention} link={(id) => `/supervision/tasks/${id}`} testId="material-attention" />
      </Section>
      <Section title={t('meetings.m.problems', { count: m.problems.open })}>
        <ItemList items={m.problems.items} link={(id) => `/supervision/problems/${id}`} testId="material-problems" />
      </Section>
      {m.projects && (
        <Section title={`${t('meetings.m.projects')} · ${m.projects.schedule}`}>
          <Flex gap={24} wrap>
            {RATE_KEYS.map((k) => {
              const r = m.projects!.rates[k];
              return <Statistic key={k} title={t(`meetings.rate.${k}`)} value={r.value ?? '—'} suffix={r.value === null ? '' : '%'} valueStyle={{ color: r.lagging ? '#f5222d' : undefined }} />;
            })}
          </Flex>
        </Section>
      )}
      {m.publicEvaluation && (
        <Section title={t('meetings.m.publicEval')}>
          {t('meetings.m.satisfaction', { campaign: m.publicEvaluation.campaign, value: m.publicEvaluation.satisfaction ?? '—', n: m.publicEvaluation.responses })}
        </Section>
      )}
      <Section title={t('meetings.m.findings')}>
        <Flex gap={8} wrap>
          {m.findings.length === 0 && <Typography.Text type="secondary">{t('present.noPhotos')}</Typography.Text>}
          {m.findings.map((f) => (
            <Card key={f.id} size="small" style={{ width: 180 }} cover={f.thumbnailUrl ? <img src={f.thumbnailUrl} alt={f.title} style={{ height: 110, objectFit: 'cover' }} /> : undefined}>
              <Typography.Text strong>{f.title}</Typography.Text>
              <br />
              <Tag>{f.inspectedOn}</Tag>
              <Typography.Text type="secondary">{f.place}</Typography.Text>
            </Card>
          ))}
        </Flex>
      </Section>
    </Flex>
  );
}
