import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Badge, Flex, Select, Tabs } from 'antd';
import { SUGGESTION_CATEGORIES, type SuggestionCategory } from '@kaoping/shared';
import { useRequest } from '../../../api/use-request';
import { canManageCampaigns, canOpen, canReplySuggestions } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth-context';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { CampaignSelect } from '../shared/CampaignSelect';
import { useCampaignChoice } from '../shared/use-campaigns';
import { suggestionsApi, type SuggestionStatus } from '../suggestions.api';
import { ReplyReview } from './ReplyReview';
import { StatsCard } from './StatsCard';
import { PAGE_SIZE, SuggestionQueue } from './SuggestionQueue';
import { UnitSuggestions } from './UnitSuggestions';

const STATUSES: SuggestionStatus[] = ['new', 'sorted', 'forwarded', 'replied', 'returned', 'accepted'];
const UNIT_STATUSES: SuggestionStatus[] = ['forwarded', 'returned', 'replied', 'accepted'];

/**
 * Citizens' suggestions. The office sorts, forwards and reviews; city-wide readers follow; a
 * unit's head and reporter see what was forwarded to the unit, and the head answers.
 */
export function SuggestionsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const cityWide = canOpen(user.role, 'peCampaigns');
  const canHandle = canManageCampaigns(user.role);
  return cityWide ? <OfficeSuggestions canHandle={canHandle} /> : <UnitView canReply={canReplySuggestions(user.role)} subtitle={t('pe.sug.subtitleUnit')} />;
}

function StatusFilter({ value, onChange, statuses }: { value: SuggestionStatus | undefined; onChange(s: SuggestionStatus | undefined): void; statuses: SuggestionStatus[] }) {
  const { t } = useI18n();
  return (
    <Select<SuggestionStatus>
      allowClear
      value={value}
      onChange={(s?: SuggestionStatus) => onChange(s)}
      placeholder={t('pe.sug.status')}
      style={{ width: 140 }}
      options={statuses.map((s) => ({ value: s, label: t(`pe.sug.status.${s}`) }))}
      data-testid="filter-status"
    />
  );
}

function OfficeSuggestions({ canHandle }: { canHandle: boolean }) {
  const { t } = useI18n();
  const choice = useCampaignChoice();
  const campaignId = choice.current?.id;
  const [status, setStatus] = useState<SuggestionStatus | undefined>(useLinkedStatus(STATUSES));
  const [category, setCategory] = useState<SuggestionCategory | 'unsorted' | undefined>();
  const [page, setPage] = useState(1);
  const [tab, setTab] = useState('queue');
  const [version, setVersion] = useState(0);

  const filterKey = `${campaignId}:${status}:${category}:${page}:${version}`;
  const list = useRequest(
    () => suggestionsApi.list({ campaignId, status, category, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    `pe-sug:${filterKey}`,
    !choice.loading,
  );
  const replied = useRequest(() => suggestionsApi.list({ campaignId, status: 'replied', limit: 100 }), `pe-sug-replied:${campaignId}:${version}`, canHandle && !choice.loading);
  const changed = () => setVersion((v) => v + 1);
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const queue = (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <StatusFilter value={status} onChange={filter(setStatus)} statuses={STATUSES} />
        <Select<SuggestionCategory | 'unsorted'>
          allowClear
          value={category}
          onChange={filter(setCategory)}
          placeholder={t('pe.sug.category')}
          style={{ width: 140 }}
          options={[...SUGGESTION_CATEGORIES, 'unsorted' as const].map((c) => ({ value: c, label: t(`pe.sug.category.${c}`) }))}
          data-testid="filter-category"
        />
      </Flex>
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      <SuggestionQueue list={list} page={page} onPage={setPage} canHandle={canHandle} onChanged={changed} />
    </>
  );

  return (
    <>
      <PageHeader title={t('menu.peSuggestions')} subtitle={canHandle ? t('pe.sug.subtitleOffice') : t('pe.sug.subtitleReader')} />
      {choice.error !== null && <LoadError error={choice.error} onRetry={choice.reload} />}
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <CampaignSelect
          campaigns={choice.campaigns}
          value={campaignId}
          onChange={(id) => {
            choice.choose(id);
            setPage(1);
          }}
          loading={choice.loading}
        />
      </Flex>
      {campaignId !== undefined && <StatsCard campaignId={campaignId} version={version} />}
      {canHandle ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'queue', label: <span data-testid="suggestions-tab-queue">{t('pe.sug.tabQueue')}</span>, children: queue },
            {
              key: 'review',
              label: (
                <span data-testid="suggestions-tab-review">
                  {t('pe.sug.tabReview')} <Badge count={replied.data?.total ?? 0} size="small" overflowCount={999} />
                </span>
              ),
              children: (
                <>
                  {replied.error !== null && <LoadError error={replied.error} onRetry={replied.reload} />}
                  <ReplyReview list={replied} onChanged={changed} />
                </>
              ),
            },
          ]}
        />
      ) : (
        queue
      )}
    </>
  );
}

const UNIT_PAGE_SIZE = 10;

/** Waiting for an answer first (nearest deadline first), then awaiting review, then done. */
const UNIT_ORDER: Record<SuggestionStatus, number> = { returned: 0, forwarded: 0, replied: 1, accepted: 2, new: 3, sorted: 3 };

/** The status a list opens filtered by, from `?status=` (how the workbench links to the notices to answer). */
function useLinkedStatus(allowed: readonly SuggestionStatus[]): SuggestionStatus | undefined {
  const [params] = useSearchParams();
  const s = params.get('status');
  return allowed.find((x) => x === s);
}

function UnitView({ canReply, subtitle }: { canReply: boolean; subtitle: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<SuggestionStatus | undefined>(useLinkedStatus(UNIT_STATUSES));
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  // A unit has few suggestions: all are read at once and ordered here, so that what waits for an answer comes first.
  const list = useRequest(async () => {
    const r = await suggestionsApi.list({ limit: 500 });
    const items = [...r.items].sort((a, b) => UNIT_ORDER[a.status] - UNIT_ORDER[b.status] || (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.id - b.id);
    return { items, total: r.total };
  }, `pe-unit-sug:${version}`);
  const filtered = useMemo(() => {
    const items = (list.data?.items ?? []).filter((s) => !status || s.status === status);
    return { items: items.slice((page - 1) * UNIT_PAGE_SIZE, page * UNIT_PAGE_SIZE), total: items.length };
  }, [list.data, status, page]);
  return (
    <>
      <PageHeader title={t('menu.peSuggestions')} subtitle={subtitle} />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <StatusFilter
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPage(1);
          }}
          statuses={UNIT_STATUSES}
        />
      </Flex>
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      <UnitSuggestions
        list={{ ...list, data: list.data ? filtered : undefined }}
        page={page}
        pageSize={UNIT_PAGE_SIZE}
        onPage={setPage}
        canReply={canReply}
        onChanged={() => setVersion((v) => v + 1)}
      />
    </>
  );
}
