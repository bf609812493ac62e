import {
  commentTaskInputSchema,
  meetingCommentInputSchema,
  meetingDetailSchema,
  meetingInputSchema,
  meetingLeaderOptionsSchema,
  meetingListSchema,
  minutesRemindResultSchema,
  minutesRemindSchema,
  taskDtoSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { DOCX_OR_PDF, docxOrPdfQuery, replyWithDocument } from '../../lib/documents/index.js';
import { authorize, type Principal } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { meetingPolicies } from './meetings.policy.js';
import * as meetings from './meetings.service.js';

const dbId = z.coerce.number().int().positive().max(2_147_483_647);
const commentParams = z.strictObject({ id: dbId, commentId: dbId });
const presenterParams = z.strictObject({ id: dbId, presenterId: dbId });
const pointsBody = z.strictObject({ mainPoints: z.string().max(4000) });

export function registerMeetingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  /** Roles that read no meeting are refused before one is looked up (so ids are not probed); then the meeting decides. */
  const authorizeRead = async (p: Principal, id: number) => {
    authorize(p, meetingPolicies.list);
    authorize(p, meetingPolicies.read, await meetings.loadMeetingParty(db, id), '只能查看本单位汇报的会议已印发的纪要 / You can read only the issued minutes of meetings your unit presented at');
  };

  defineRoute(app, {
    method: 'GET',
    url: '/api/meetings',
    summary: 'Review meetings (点评会, 产业链点评会, 专题会), newest first',
    tags: ['meetings'],
    response: meetingListSchema,
    handler: async ({ principal, lang }) => {
      authorize(principal, meetingPolicies.list);
      return meetings.listMeetings(db, meetingPolicies.listScope(principal), { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/meetings/leaders',
    summary: 'Accounts that may attend and comment: 市领导 and the two offices',
    tags: ['meetings'],
    response: meetingLeaderOptionsSchema,
    handler: async ({ principal }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.leaderOptions(db);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/meetings',
    summary: 'Set up a meeting: type, date, venue, video note, attending leaders, presenters in order with their minutes',
    tags: ['meetings'],
    body: meetingInputSchema,
    response: meetingDetailSchema,
    successStatus: 201,
    handler: async ({ principal, body, audit, lang }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.createMeeting(db, principal, body, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/meetings/:id',
    summary: 'One meeting: leaders, presenters with their frozen material, comments with the tasks made of them, the 红黑榜',
    tags: ['meetings'],
    params: idParams,
    response: meetingDetailSchema,
    handler: async ({ principal, params, lang }) => {
      await authorizeRead(principal, params.id);
      return meetings.getMeeting(db, principal, params.id, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/meetings/:id',
    summary: 'Change a meeting (until its minutes are issued); a presenter with comments cannot be removed',
    tags: ['meetings'],
    params: idParams,
    body: meetingInputSchema,
    response: meetingDetailSchema,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.updateMeeting(db, principal, params.id, body, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/meetings/:id/prepare',
    summary: "Assemble every presenter's material as of the meeting's material date and freeze it",
    tags: ['meetings'],
    params: idParams,
    response: meetingDetailSchema,
    handler: async ({ principal, params, audit, lang }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.prepareMeeting(db, principal, params.id, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/meetings/:id/presenters/:presenterId/points',
    summary: "A presenter's main points (汇报要点), as the minutes quote them",
    tags: ['meetings'],
    params: presenterParams,
    body: pointsBody,
    response: meetingDetailSchema,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.setMainPoints(db, principal, params.id, params.presenterId, body.mainPoints, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/meetings/:id/comments',
    summary: "Record a leader's comment (点评意见) or a presenter's commitment (表态承诺)",
    tags: ['meetings'],
    params: idParams,
    body: meetingCommentInputSchema,
    response: meetingDetailSchema,
    successStatus: 201,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.addComment(db, principal, params.id, body, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/meetings/:id/comments/:commentId',
    summary: 'Remove a comment recorded by mistake (not once it is a task)',
    tags: ['meetings'],
    params: commentParams,
    response: meetingDetailSchema,
    handler: async ({ principal, params, audit, lang }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.deleteComment(db, principal, params.id, params.commentId, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/meetings/:id/comments/:commentId/task',
    summary: '转为督办事项: the comment becomes a supervised task (source the meeting, the commenting leader responsible, the presenter leading, 30 days by default)',
    tags: ['meetings'],
    params: commentParams,
    body: commentTaskInputSchema,
    successStatus: 201,
    response: taskDtoSchema,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.commentToTask(db, principal, params.id, params.commentId, body, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/meetings/:id/minutes',
    summary: 'Issue the minutes (会议纪要): numbered, and the meeting closed to edits',
    tags: ['meetings'],
    params: idParams,
    response: meetingDetailSchema,
    handler: async ({ principal, params, audit, lang }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.issueMinutes(db, principal, params.id, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/meetings/:id/minutes/sign',
    summary: "Sign for the issued minutes (签收) for the caller's unit (a presenting unit's head or reporter)",
    tags: ['meetings'],
    params: idParams,
    response: meetingDetailSchema,
    handler: async ({ principal, params, audit, lang }) => {
      authorize(principal, meetingPolicies.sign, await meetings.loadMeetingParty(db, params.id), '只能签收本单位汇报的会议已印发的纪要 / You can only sign for issued minutes of meetings your unit presented at');
      return meetings.signMinutes(db, principal, params.id, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/meetings/:id/minutes/remind',
    summary: 'Remind the presenting units that have not signed for the minutes (all, or those named) in their inbox',
    tags: ['meetings'],
    params: idParams,
    body: minutesRemindSchema,
    response: minutesRemindResultSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, meetingPolicies.manage);
      return meetings.remindMinutes(db, params.id, body.unitIds, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/meetings/:id/minutes',
    summary: 'The minutes as .docx (default) or PDF in the GB/T 9704 纪要 layout; a watermarked draft until issued',
    tags: ['meetings'],
    params: idParams,
    query: docxOrPdfQuery('docx'),
    produces: DOCX_OR_PDF,
    handler: async ({ principal, params, query, reply, lang }) => {
      await authorizeRead(principal, params.id);
      const { name, doc } = await meetings.getMinutesDocument(db, params.id, { lang, zone: ctx.zone });
      return replyWithDocument(reply, doc, name, query.format);
    },
  });
}
