import type { Bulletin, BulletinCreate, BulletinList, BulletinListQuery, BulletinPending, BulletinSeries, BulletinUpdate } from '@kaoping/shared';
import { api } from '../../api/client';

export type BulletinFilter = Partial<Omit<BulletinListQuery, 'limit' | 'offset'>>;

/** Calls of the bulletin (通报) endpoints. */
export const bulletinsApi = {
  series: (): Promise<{ items: BulletinSeries[] }> => api.get('/api/bulletin-series'),
  list: (filter: BulletinFilter): Promise<BulletinList> => api.get('/api/bulletins', { ...filter }),
  pending: (): Promise<BulletinPending> => api.get('/api/bulletins/pending'),
  get: (id: number): Promise<Bulletin> => api.get(`/api/bulletins/${id}`),
  create: (body: BulletinCreate): Promise<Bulletin> => api.post('/api/bulletins', body),
  update: (id: number, body: BulletinUpdate): Promise<Bulletin> => api.patch(`/api/bulletins/${id}`, body),
  rebuild: (id: number): Promise<Bulletin> => api.post(`/api/bulletins/${id}/build`),
  approve: (id: number): Promise<Bulletin> => api.post(`/api/bulletins/${id}/approve`),
  issue: (id: number): Promise<Bulletin> => api.post(`/api/bulletins/${id}/issue`),
  sign: (id: number): Promise<Bulletin> => api.post(`/api/bulletins/${id}/sign`),
  remind: (id: number, unitIds?: number[]): Promise<{ reminded: number }> => api.post(`/api/bulletins/${id}/remind`, unitIds ? { unitIds } : {}),
  document: (id: number, format: 'docx' | 'pdf'): Promise<string> => api.download(`/api/bulletins/${id}/document`, `bulletin.${format}`, { format }),
  annex: (id: number): Promise<string> => api.download(`/api/bulletins/${id}/annex`, 'bulletin.xlsx'),
};
