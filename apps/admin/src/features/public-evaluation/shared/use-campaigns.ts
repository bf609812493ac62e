import { useSearchParams } from 'react-router-dom';
import { useRequest } from '../../../api/use-request';
import { campaignsApi, type CampaignDto } from '../campaigns.api';

/**
 * The campaigns and the one chosen in the address (`?campaign=`), so that a page can be linked
 * to; without a choice, the latest closed campaign (or the latest one) when `fallback` is set.
 */
export function useCampaignChoice(fallback = true) {
  const list = useRequest(campaignsApi.list, 'campaigns');
  const [params, setParams] = useSearchParams();
  const raw = params.get('campaign');
  const chosenId = raw ? Number(raw) : undefined;
  const campaigns = list.data ?? [];
  const current: CampaignDto | undefined =
    chosenId !== undefined ? campaigns.find((c) => c.id === chosenId) : fallback ? (campaigns.find((c) => c.status === 'closed') ?? campaigns[0]) : undefined;
  const choose = (id: number | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id === undefined) next.delete('campaign');
        else next.set('campaign', String(id));
        return next;
      },
      { replace: true },
    );
  return { campaigns, current, choose, loading: list.loading, error: list.error, reload: list.reload };
}
