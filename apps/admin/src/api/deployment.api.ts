import type { Deployment } from '@kaoping/shared';
import { api } from './client';

/** What the admin must know of the installation before it shows a time. */
export const deploymentApi = {
  get: (): Promise<Deployment> => api.get<Deployment>('/api/deployment'),
};
