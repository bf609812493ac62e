import {
  TASK_EVIDENCE_TYPES,
  TASK_LIGHTS,
  TASK_SOURCES,
  TASK_STATUSES,
  supervisionSettingsDtoSchema,
  supervisionSettingsSchema,
  taskActionSchema,
  taskCreateSchema,
  taskDetailDtoSchema,
  taskDtoSchema,
  taskEvidenceDtoSchema,
  taskListSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { today, type AppContext } from '../../app-context.js';
import { sendFile, sendXlsx } from '../../lib/download.js';
import { EXCEL_DATE, EXCEL_MINUTE, EXCEL_PERCENT, excelDate, lightColumn, writeSheet, XLSX_MIME } from '../../lib/excel.js';
import { localize, type Lang } from '../../lib/language.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { ANY_FILE } from '../../lib/content-types.js';
import type { TimeZone } from '../../lib/time-zone.js';
import { registerUploadScope, uploadedFile } from '../../lib/uploads.js';
import { MAX_BYTES } from '../files/files.js';
import { STATUS_LABELS_EN } from './flow.js';
import { taskPolicies } from './tasks.policy.js';
import * as tasks from './tasks.service.js';

const dbId = z.coerce.number().int().positive().max(2_147_483_647);
const listQuery = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  source: z.enum(TASK_SOURCES).optional(),
  /** Tasks this unit leads or helps with. */
  unitId: dbId.optional(),
  /** Tasks this unit leads. */
  leadUnitId: dbId.optional(),
  light: z.enum(TASK_LIGHTS).optional(),
  q: z.string().trim().max(100).optional(),
  /** 实名制: tasks this leader answers for (the name as assigned). */
  leader: z.string().trim().min(1).max(60).optional(),
  /** Open tasks due on or after this day … */
  dueFrom: z.iso.date().optional(),
  /** … and on or before this one. */
  dueBy: z.iso.date().optional(),
  /** Only red tasks with no corrective action since the deadline (预警). */
  alert: z.enum(['1', 'true']).transform(() => true).optional(),
});
const READ_OWN = '只能查看本单位承办的事项 / only tasks your unit leads or helps with';
const WORK_OWN = '只能办理本单位承办的事项 / only tasks your unit leads or helps with';
const evidenceParams = z.strictObject({ id: dbId, evidenceId: dbId });

/** The task list as a sheet: lights filled with their colour, dates as dates, progress as a share, times in the deployment's zone. */
function taskSheet(items: tasks.TaskDto[], zone: TimeZone, lang: Lang): Promise<Buffer> {
  return writeSheet('督办事项', [
    { key: 'id', header: '编号', width: 8, value: (r: tasks.TaskDto) => r.id },
    lightColumn((r: tasks.TaskDto) => r.light.light, lang),
    { key: 'title', header: '督办事项', width: 40, value: (r) => r.title },
    { key: 'source', header: '来源', width: 10, value: (r) => r.sourceLabel },
    { key: 'origin', header: '来源依据', width: 22, value: (r) => r.originRef ?? '' },
    { key: 'lead', header: '牵头单位', width: 24, value: (r) => r.leadUnit.name },
    { key: 'co', header: '配合单位', width: 28, value: (r) => r.coUnits.map((u) => u.name).join('、') },
    { key: 'leader', header: '责任领导', width: 12, value: (r) => r.responsibleLeader },
    { key: 'start', header: '开始日期', width: 12, numFmt: EXCEL_DATE, value: (r) => excelDate(r.startDate) },
    { key: 'deadline', header: '办理期限', width: 12, numFmt: EXCEL_DATE, value: (r) => excelDate(r.deadline) },
    { key: 'status', header: '状态', width: 14, value: (r) => (lang === 'en' ? STATUS_LABELS_EN[r.status] : r.statusLabel) },
    { key: 'progress', header: '完成进度', width: 10, numFmt: EXCEL_PERCENT, value: (r) => (r.progress === null ? null : Math.round(r.progress) / 100) },
    { key: 'reason', header: '亮灯说明', width: 30, value: (r) => `${r.light.reason}${r.light.alert ? localize(lang, '（红灯未整改，预警）', ' (red light not remedied: alert)') : ''}` },
    { key: 'closed', header: '办结时间', width: 18, numFmt: EXCEL_MINUTE, value: (r) => (r.closedAt ? zone.excel(r.closedAt) : null) },
  ], items);
}

/**
 * Evidence uploads live in a scope of their own: the body is the file itself (a photo, PDF, Word
 * or Excel file up to the largest cap), read only once the caller is known to be signed in.
 */
async function registerEvidenceUpload(app: FastifyInstance, { db }: AppContext): Promise<void> {
  const bodyLimit = Math.max(...TASK_EVIDENCE_TYPES.map((m) => (m.startsWith('image/') ? MAX_BYTES.image : MAX_BYTES.document)));
  const types = [...TASK_EVIDENCE_TYPES, ANY_FILE];
  await registerUploadScope(app, { types, bodyLimit }, (scope) => {
    defineRoute<undefined, Record<string, never>, z.infer<typeof idParams>>(scope, {
      method: 'POST',
      url: '/api/tasks/:id/evidence',
      successStatus: 201,
      summary: 'Upload one evidence file for a progress report or feedback (JPEG, PNG, WebP ≤ 15 MB; PDF, Word, Excel ≤ 10 MB) as the body; name in x-filename. Cite it with evidenceIds in the report',
      tags: ['supervision'],
      params: idParams,
      accepts: types,
      response: taskEvidenceDtoSchema,
      handler: async ({ principal, params, req, audit }) => {
        authorize(principal, taskPolicies.work, await tasks.loadTask(db, params.id), WORK_OWN);
        return tasks.addEvidence(db, principal, params.id, uploadedFile(req, 'evidence'), audit);
      },
    });
  });
}

export async function registerTaskRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks',
    summary: 'Supervised tasks with their lights (a unit sees those it leads or helps with)',
    tags: ['supervision'],
    query: listQuery,
    response: taskListSchema,
    handler: async ({ principal, query, lang }) => {
      authorize(principal, taskPolicies.list);
      return tasks.listTasks(db, taskPolicies.listScope(principal), query, { lang, zone: ctx.zone }, ctx.clock.now());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks/export.xlsx',
    produces: [XLSX_MIME],
    summary: 'The task list as an Excel sheet with its lights (coloured cells), with the same filters as the list',
    tags: ['supervision'],
    query: listQuery,
    handler: async ({ principal, query, reply, lang }) => {
      // Headers stay Chinese (the office's sheet); statuses, lights and reasons in the caller's language.
      authorize(principal, taskPolicies.list);
      const { items } = await tasks.listTasks(db, taskPolicies.listScope(principal), query, { lang, zone: ctx.zone }, ctx.clock.now());
      return sendXlsx(reply, `督办事项-${today(ctx)}.xlsx`, await taskSheet(items, ctx.zone, lang));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/tasks',
    successStatus: 201,
    summary: 'Register a task (立项): source, lead and co-units, responsible leader, deadline, milestones',
    tags: ['supervision'],
    body: taskCreateSchema,
    response: taskDtoSchema,
    handler: async ({ principal, body, audit, lang }) => {
      authorize(principal, taskPolicies.create);
      return tasks.createTask(db, body, principal, audit, { lang, zone: ctx.zone }, ctx.clock.now());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks/:id',
    summary: 'One task: its light, milestones, every step taken, and the steps open to the caller',
    tags: ['supervision'],
    params: idParams,
    response: taskDetailDtoSchema,
    handler: async ({ principal, params, lang }) => {
      const task = await tasks.loadTask(db, params.id);
      authorize(principal, taskPolicies.read, task, READ_OWN);
      return tasks.getTask(db, principal, task, { lang, zone: ctx.zone }, ctx.clock.now());
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/tasks/:id/actions',
    summary: 'Take a step: submit, approve, reject, sign, report, feedback, accept, return, reopen',
    tags: ['supervision'],
    params: idParams,
    body: taskActionSchema,
    response: taskDetailDtoSchema,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, taskPolicies.work, await tasks.loadTask(db, params.id), WORK_OWN);
      return tasks.act(db, principal, params.id, body, audit, { lang, zone: ctx.zone });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks/:id/evidence/:evidenceId',
    produces: TASK_EVIDENCE_TYPES,
    summary: 'Download an evidence file of a task (whoever may read the task)',
    tags: ['supervision'],
    params: evidenceParams,
    handler: async ({ principal, params, reply }) => {
      authorize(principal, taskPolicies.read, await tasks.loadTask(db, params.id), READ_OWN);
      return sendFile(reply, await tasks.getEvidenceFile(db, params.id, params.evidenceId));
    },
  });

  await registerEvidenceUpload(app, ctx);

  defineRoute(app, {
    method: 'GET',
    url: '/api/supervision/settings',
    summary: 'Flow steps, light thresholds and the grace before lagging lights yellow',
    tags: ['supervision'],
    response: supervisionSettingsDtoSchema,
    handler: async ({ principal }) => {
      authorize(principal, taskPolicies.readSettings);
      return tasks.loadSettings(db);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/supervision/settings',
    summary: 'Switch the leader review and signing steps; set the light thresholds and the grace in working days',
    tags: ['supervision'],
    body: supervisionSettingsSchema,
    response: supervisionSettingsDtoSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, taskPolicies.settings);
      return tasks.saveSettings(db, body, audit);
    },
  });
}
