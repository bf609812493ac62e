import type { CommentKind, MeetingDetail, MeetingInput, MeetingLeaderOptions, MeetingList, MinutesRemindResult, TaskDto } from '@kaoping/shared';
import { api } from '../../api/client';

export type { MeetingDetail, MeetingPresenter, MeetingComment, PresenterMaterial, MeetingSummary, MaterialItem } from '@kaoping/shared';

/** What the meeting form sends (the server fills the defaults). */
export type MeetingBody = Omit<MeetingInput, 'presenters' | 'venue' | 'videoNote' | 'leaderUserIds'> & {
  venue: string;
  videoNote: string;
  leaderUserIds: number[];
  presenters: { unitId: number; minutes: number; mainPoints: string }[];
};

export interface CommentBody {
  presenterId: number;
  kind: CommentKind;
  leaderUserId?: number;
  speaker?: string;
  body: string;
}

/** Calls of the review meeting endpoints. */
export const meetingsApi = {
  list: (): Promise<MeetingList> => api.get('/api/meetings'),
  leaders: (): Promise<MeetingLeaderOptions> => api.get('/api/meetings/leaders'),
  get: (id: number): Promise<MeetingDetail> => api.get(`/api/meetings/${id}`),
  create: (body: MeetingBody): Promise<MeetingDetail> => api.post('/api/meetings', body),
  update: (id: number, body: MeetingBody): Promise<MeetingDetail> => api.put(`/api/meetings/${id}`, body),
  prepare: (id: number): Promise<MeetingDetail> => api.post(`/api/meetings/${id}/prepare`),
  points: (id: number, presenterId: number, mainPoints: string): Promise<MeetingDetail> => api.put(`/api/meetings/${id}/presenters/${presenterId}/points`, { mainPoints }),
  comment: (id: number, body: CommentBody): Promise<MeetingDetail> => api.post(`/api/meetings/${id}/comments`, body),
  deleteComment: (id: number, commentId: number): Promise<void> => api.delete(`/api/meetings/${id}/comments/${commentId}`),
  toTask: (id: number, commentId: number): Promise<TaskDto> => api.post(`/api/meetings/${id}/comments/${commentId}/task`, {}),
  issueMinutes: (id: number): Promise<MeetingDetail> => api.post(`/api/meetings/${id}/minutes`),
  signMinutes: (id: number): Promise<MeetingDetail> => api.post(`/api/meetings/${id}/minutes/sign`),
  remindMinutes: (id: number, unitIds?: number[]): Promise<MinutesRemindResult> => api.post(`/api/meetings/${id}/minutes/remind`, unitIds ? { unitIds } : {}),
  downloadMinutes: (id: number, format: 'docx' | 'pdf'): Promise<string> => api.download(`/api/meetings/${id}/minutes`, `minutes.${format}`, { format }),
};
