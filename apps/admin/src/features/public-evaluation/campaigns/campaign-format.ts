import { formatDateTime } from '../../../components/format';
import type { CampaignDto } from '../campaigns.api';

/** The window as “2021-12-15 00:00 – 2021-12-24 23:59”. */
export const formatWindow = (c: Pick<CampaignDto, 'startsAt' | 'endsAt'>): string => `${formatDateTime(c.startsAt)} – ${formatDateTime(c.endsAt)}`;
