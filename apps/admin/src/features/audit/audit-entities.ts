import type { MessageKey } from '../../i18n/zh-CN';

/** The entity types the audit log records so far; others are shown by their raw name. */
export const AUDIT_ENTITIES = ['unit', 'group', 'user', 'session', 'api_token', 'system'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const isKnownEntity = (entity: string): entity is AuditEntity => (AUDIT_ENTITIES as readonly string[]).includes(entity);

export const entityLabelKey = (entity: AuditEntity): MessageKey => `audit.entity.${entity}`;
