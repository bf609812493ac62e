import { jsonSchemaDocumentSchema, schemeCheckSchema, schemeDocumentSchema, schemeListSchema, schemeSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { sendXlsx } from '../../lib/download.js';
import { SCHEME_TYPES } from '../../lib/content-types.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { schemeToWorkbook } from './scheme-excel.js';
import { schemePolicies } from './schemes.policy.js';
import * as schemes from './schemes.service.js';
import { XLSX_MIME } from '../../lib/excel.js';

const exportQuery = z.strictObject({ format: z.enum(['yaml', 'json', 'xlsx']).default('yaml') });

/** The published JSON Schema of the scheme document, built from the same zod schema the API validates with. */
export function schemeJsonSchema(): z.infer<typeof jsonSchemaDocumentSchema> {
  return {
    ...(z.toJSONSchema(schemeDocumentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
    $id: '/api/schemas/scheme.json',
    title: 'Kaoping assessment scheme (考核方案) kaoping.scheme/v1',
  };
}

export function registerSchemeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemas/scheme.json',
    summary: 'JSON Schema of the scheme document (kaoping.scheme/v1)',
    tags: ['schemes'],
    public: true,
    response: jsonSchemaDocumentSchema,
    handler: async () => schemeJsonSchema(),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes',
    summary: 'Assessment schemes, every version',
    tags: ['schemes'],
    response: schemeListSchema,
    handler: async ({ principal }) => {
      authorize(principal, schemePolicies.read);
      return { items: await schemes.listSchemes(db) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes/:id',
    summary: 'One scheme version with its document',
    tags: ['schemes'],
    response: schemeSchema,
    params: idParams,
    handler: async ({ principal, params }) => {
      authorize(principal, schemePolicies.read);
      return schemes.getScheme(db, params.id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/schemes/:id/export',
    produces: [XLSX_MIME, 'application/yaml', 'application/json'],
    summary: 'Download a scheme as YAML, JSON or Excel',
    tags: ['schemes'],
    params: idParams,
    query: exportQuery,
    handler: async ({ principal, params, query, reply }) => {
      authorize(principal, schemePolicies.read);
      const s = await schemes.getScheme(db, params.id);
      const base = `${s.code}-v${s.version}`;
      if (query.format === 'xlsx') return sendXlsx(reply, `${base}.xlsx`, await schemeToWorkbook(s.document!));
      const type = query.format === 'json' ? 'application/json' : 'application/yaml';
      return reply
        .header('content-type', `${type}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${base}.${query.format}"`)
        .send(schemes.documentText(s.document!, query.format));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/schemes/validate',
    summary: 'Check a scheme document (JSON, YAML or Excel) without saving it; lists every problem by path',
    tags: ['schemes'],
    response: schemeCheckSchema,
    accepts: SCHEME_TYPES,
    handler: async ({ principal, req }) => {
      authorize(principal, schemePolicies.manage);
      return schemes.checkScheme(db, await schemes.parseSchemeInput(req.body));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/schemes',
    successStatus: 201,
    summary: 'Import a scheme document (JSON, YAML or Excel) as the draft of its code',
    tags: ['schemes'],
    response: schemeSchema,
    accepts: SCHEME_TYPES,
    handler: async ({ principal, req, audit }) => {
      authorize(principal, schemePolicies.manage);
      const doc = await schemes.parseSchemeInput(req.body);
      return schemes.importScheme(db, doc, principal.userId, audit);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/schemes/:id',
    summary: "Replace a draft's document; a published version is frozen (409)",
    tags: ['schemes'],
    response: schemeSchema,
    params: idParams,
    accepts: SCHEME_TYPES,
    handler: async ({ principal, params, req, audit }) => {
      authorize(principal, schemePolicies.manage);
      return schemes.updateDraft(db, params.id, await schemes.parseSchemeInput(req.body), audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/schemes/:id/publish',
    summary: 'Publish a draft: freezes it, writes its indicators, targets and reporting periods',
    tags: ['schemes'],
    response: schemeSchema,
    params: idParams,
    handler: async ({ principal, params, audit }) => {
      authorize(principal, schemePolicies.manage);
      return schemes.publishScheme(db, params.id, principal.userId, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/schemes/:id/versions',
    successStatus: 201,
    summary: 'Start the next version as a draft copy of this one',
    tags: ['schemes'],
    response: schemeSchema,
    params: idParams,
    handler: async ({ principal, params, audit }) => {
      authorize(principal, schemePolicies.manage);
      return schemes.createNextVersion(db, params.id, principal.userId, audit);
    },
  });
}
