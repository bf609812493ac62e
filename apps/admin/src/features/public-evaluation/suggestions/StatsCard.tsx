import { Card, Col, Flex, Progress, Row, Statistic, Typography } from 'antd';
import { SUGGESTION_CATEGORIES } from '@kaoping/shared';
import { useRequest } from '../../../api/use-request';
import { LoadError } from '../../../components/LoadError';
import { useI18n } from '../../../i18n/i18n-context';
import { suggestionsApi, type SuggestionStatus } from '../suggestions.api';

const STATUSES: SuggestionStatus[] = ['new', 'sorted', 'forwarded', 'replied', 'returned', 'accepted'];

/** A campaign's participants, comments and praise, and how its suggestions stand by category and status. */
export function StatsCard({ campaignId, version }: { campaignId: number; version: number }) {
  const { t } = useI18n();
  const stats = useRequest(() => suggestionsApi.stats(campaignId), `pe-stats:${campaignId}:${version}`);
  const s = stats.data;
  const total = s?.comments ?? 0;
  const bar = (label: string, n: number, key: string) => (
    <Flex key={key} align="center" gap={8} style={{ fontSize: 12 }} data-testid={`stats-${key}`}>
      <span style={{ width: 76, flex: 'none' }}>{label}</span>
      <Progress percent={total ? (n / total) * 100 : 0} showInfo={false} size="small" style={{ margin: 0, flex: 1 }} />
      <span style={{ width: 40, textAlign: 'right', flex: 'none' }}>{n}</span>
    </Flex>
  );
  return (
    <Card size="small" title={t('pe.stats.title')} loading={stats.loading && !s} style={{ marginBottom: 16 }} data-testid="suggestion-stats">
      {stats.error !== null && <LoadError error={stats.error} onRetry={stats.reload} />}
      {s && (
        <Row gutter={[24, 12]}>
          <Col xs={24} lg={6}>
            <Flex gap={24} wrap>
              <Statistic title={t('pe.stats.participants')} value={s.participants} />
              <Statistic title={t('pe.stats.comments')} value={s.comments} />
              <Statistic title={t('pe.stats.praise')} value={s.praise} />
            </Flex>
          </Col>
          <Col xs={24} md={12} lg={9}>
            <Typography.Text type="secondary">{t('pe.stats.byCategory')}</Typography.Text>
            {[...SUGGESTION_CATEGORIES, 'unsorted' as const].map((c) => bar(t(`pe.sug.category.${c}`), s.byCategory[c] ?? 0, `category-${c}`))}
          </Col>
          <Col xs={24} md={12} lg={9}>
            <Typography.Text type="secondary">{t('pe.stats.byStatus')}</Typography.Text>
            {STATUSES.map((st) => bar(t(`pe.sug.status.${st}`), s.byStatus[st] ?? 0, `status-${st}`))}
          </Col>
        </Row>
      )}
    </Card>
  );
}
