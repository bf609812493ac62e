import ExcelJS from 'exceljs';
import { TASK_LIGHTS, supervisionOverviewQuerySchema, supervisionOverviewSchema, type OverviewCounts, type SupervisionOverview, type TaskLight } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { today, type AppContext } from '../../app-context.js';
import { sendXlsx } from '../../lib/download.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute } from '../../lib/route.js';
import { overviewPolicies } from './supervision-overview.policy.js';
import * as overview from './supervision-overview.service.js';
import { XLSX_MIME } from '../../lib/excel.js';

const LIGHT_HEADERS: Record<TaskLight, string> = { green: '绿灯', blue: '蓝灯', yellow: '黄灯', red: '红灯' };
/** Fills of the light columns, as the admin shows them (ARGB). */
const LIGHT_FILLS: Record<TaskLight, string> = { green: 'FFD9F7BE', blue: 'FFBAE0FF', yellow: 'FFFFF1B8', red: 'FFFFCCC7' };

const share = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 1000);

/** One row per unit; the light counts sit in columns filled with their colour. */
async function overviewSheet(o: SupervisionOverview): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kaoping';
  const ws = wb.addWorksheet('督查总览', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  const columns: { key: string; header: string; width: number; light?: TaskLight; numFmt?: string; value: (r: { code: string; name: string; group: string; tasks: number; problems: number; all: OverviewCounts }) => string | number | null }[] = [
    { key: 'code', header: '单位编码', width: 10, value: (r) => r.code },
    { key: 'name', header: '单位', width: 30, value: (r) => r.name },
    { key: 'group', header: '考核组别', width: 14, value: (r) => r.group },
    { key: 'tasks', header: '督办事项', width: 10, value: (r) => r.tasks },
    { key: 'problems', header: '挂账问题', width: 10, value: (r) => r.problems },
    { key: 'open', header: '未办结', width: 9, value: (r) => r.all.open },
    ...TASK_LIGHTS.map((l) => ({ key: l, header: LIGHT_HEADERS[l], width: 8, light: l, value: (r: { all: OverviewCounts }) => r.all[l] })),
    { key: 'overdue', header: '超期', width: 8, value: (r) => r.all.overdue },
    { key: 'alert', header: '红灯无整改', width: 11, value: (r) => r.all.alert },
    { key: 'closed', header: '已办结销号', width: 11, value: (r) => r.all.closed },
    { key: 'rate', header: '办结率', width: 10, numFmt: '0.0%', value: (r) => share(r.all.closeRate) },
    { key: 'days', header: '平均办结天数', width: 13, value: (r) => r.all.avgDaysToClose },
  ];
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  ws.getRow(1).font = { bold: true };
  const data = [
    ...o.units.map((r) => ({ code: r.unit.code, name: r.unit.name, group: r.unit.groupName ?? '', tasks: r.tasks.total, problems: r.problems.total, all: r.all })),
    { code: '', name: '合计', group: '', tasks: o.totals.tasks.total, problems: o.totals.problems.total, all: o.totals.all },
  ];
  for (const d of data) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(d)])));
  ws.getRow(ws.rowCount).font = { bold: true };
  columns.forEach((c, i) => {
    if (!c.light) return;
    const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS[c.light] } };
    ws.getColumn(i + 1).eachCell((cell) => {
      cell.fill = fill;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function registerSupervisionOverviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/supervision/overview',
    summary: 'Supervision overview: per unit the tasks and problems by light, overdue, close-out rate and days to close; city totals, groups and the leaders’ view (a unit sees its own row)',
    tags: ['supervision'],
    query: supervisionOverviewQuerySchema,
    response: supervisionOverviewSchema,
    handler: async ({ principal, query, lang }) => {
      authorize(principal, overviewPolicies.read);
      return overview.overview(db, principal, query, { lang, zone: ctx.zone }, ctx.clock.now());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/supervision/overview/export.xlsx',
    produces: [XLSX_MIME],
    summary: 'The supervision overview as an Excel sheet, one row per unit with the light counts in coloured columns',
    tags: ['supervision'],
    query: supervisionOverviewQuerySchema,
    handler: async ({ principal, query, reply }) => {
      authorize(principal, overviewPolicies.read);
      const o = await overview.overview(db, principal, query, { lang: 'zh', zone: ctx.zone }, ctx.clock.now());
      return sendXlsx(reply, `督查总览-${today(ctx)}.xlsx`, await overviewSheet(o));
    },
  });
}
