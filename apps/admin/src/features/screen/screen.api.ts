import type { KioskDto, KioskIssued, ScreenData } from '@kaoping/shared';
import { api } from '../../api/client';

/** The leaders' big screen and its display links. */
export const screenApi = {
  data: (kiosk?: string): Promise<ScreenData> => api.get<ScreenData>('/api/screen', { kiosk }),
  kiosks: (): Promise<{ items: KioskDto[] }> => api.get('/api/screen/kiosks'),
  issue: (name: string): Promise<KioskIssued> => api.post<KioskIssued>('/api/screen/kiosks', { name }),
  revoke: (id: number): Promise<KioskDto> => api.post<KioskDto>(`/api/screen/kiosks/${id}/revoke`),
};

/** The event stream's address, carrying the display link when there is one (EventSource sends no headers). */
export const screenEventsUrl = (kiosk?: string): string => (kiosk ? `/api/screen/events?kiosk=${encodeURIComponent(kiosk)}` : '/api/screen/events');

/** A photo's address; a display link's images carry it too. */
export const photoUrl = (url: string, kiosk?: string): string => (kiosk ? `${url}?kiosk=${encodeURIComponent(kiosk)}` : url);
