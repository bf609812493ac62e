import { z } from 'zod';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): every active unit is a service, every
 * suggestion a service request. The same shapes are written as JSON (arrays) and XML (the spec's
 * primary format: a root element holding one element per item).
 */

/** GET /open311/v2/services.{json,xml}: one service per active unit. */
export const open311ServiceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export const open311ServicesSchema = z.array(open311ServiceSchema);
export type Open311Service = z.infer<typeof open311ServiceSchema>;

/** GET /open311/v2/services/{service_code}.{json,xml}: the extra fields a service asks for (none here: metadata is false). */
export const open311ServiceDefinitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: z.string().nullable(),
      order: z.number().int(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
  ),
});
export type Open311ServiceDefinition = z.infer<typeof open311ServiceDefinitionSchema>;

/** A service request as GET requests and GET requests/{id} answer it. Text and place are public only once the office has sorted it. */
export const open311RequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export const open311RequestsSchema = z.array(open311RequestSchema);
export type Open311Request = z.infer<typeof open311RequestSchema>;

/** POST requests.{json,xml}: the new request's id and the ticket (token) to follow the reply by. */
export const open311CreatedSchema = z.array(
  z.object({
    service_request_id: z.string(),
    token: z.string(),
    service_notice: z.string(),
    account_id: z.string().nullable(),
  }),
);
export type Open311Created = z.infer<typeof open311CreatedSchema>;

/** GET tokens/{token}.{json,xml}: the request a token stands for. */
export const open311TokenSchema = z.array(z.object({ service_request_id: z.string(), token: z.string() }));

/** GET /open311/discovery.{json,xml}: where the endpoint is and what it speaks. */
export const open311DiscoverySchema = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});
export type Open311Discovery = z.infer<typeof open311DiscoverySchema>;

/** Every error under /open311, in GeoReport's shape. */
export const open311ErrorsSchema = z.array(z.object({ code: z.number().int(), description: z.string() }));
export type Open311Errors = z.infer<typeof open311ErrorsSchema>;

/** An Open311 API key as the administrator sees it: never the key itself after it is issued. */
export const open311ApiKeySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type Open311ApiKey = z.infer<typeof open311ApiKeySchema>;
