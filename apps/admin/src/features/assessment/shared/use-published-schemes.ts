import { useMemo } from 'react';
import { useRequest } from '../../../api/use-request';
import { schemesApi, type SchemeDto } from '../schemes/schemes.api';

/**
 * The schemes a reporting or review page works on: the published ones, newest year first.
 * `current` is the chosen one, else the newest published.
 */
export function usePublishedSchemes(chosenId: number | null) {
  const request = useRequest(schemesApi.list, 'schemes');
  const published = useMemo(() => (request.data ?? []).filter((s) => s.status === 'published').sort((a, b) => b.year - a.year || b.version - a.version), [request.data]);
  const current: SchemeDto | undefined = published.find((s) => s.id === chosenId) ?? published[0];
  return { ...request, published, current };
}
