import { taskDtoSchema, taskFromOriginSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute } from '../../lib/route.js';
import { taskPolicies } from '../tasks/tasks.policy.js';
import { createTaskFromDraft } from '../tasks/task-from-draft.js';
import { draftOrigin } from './drafts.js';

export function registerTaskOriginRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/tasks/from-origin',
    summary:
      "One step from a record to a task, linked to it: a meeting's comment, a ranking row or a 时序进度 lag row (run id, unit, indicator), an inspection finding, a citizen's suggestion. Title, lead unit, source and description come from the origin; the deadline defaults to 30 days",
    tags: ['supervision'],
    body: taskFromOriginSchema,
    response: taskDtoSchema,
    handler: async ({ principal, body, audit, reply, lang }) => {
      reply.code(201);
      // Who may make a task of this kind is decided before the origin is read, so a refused caller learns nothing of it.
      authorize(principal, taskPolicies.fromOrigin, body.origin.kind);
      return createTaskFromDraft(ctx.db, principal, body, () => draftOrigin(ctx.db, principal, body.origin), audit, { lang, zone: ctx.zone });
    },
  });
}
