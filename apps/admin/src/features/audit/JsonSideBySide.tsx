import { Col, Descriptions, Row, Typography } from 'antd';
import type { AuditEntryDto } from '@kaoping/shared';
import { useI18n } from '../../i18n/i18n-context';

function pretty(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, null, 2);
}

/** Keys whose values differ between before and after, to point the eye at the change. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const a = asRecord(before);
  const b = asRecord(after);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** The record before and after the change, side by side, with the request it came from. */
export function JsonSideBySide({ entry }: { entry: AuditEntryDto }) {
  const { t } = useI18n();
  const changed = changedKeys(entry.before, entry.after);
  const block = (title: string, value: unknown) => {
    const text = pretty(value);
    return (
      <Col xs={24} lg={12}>
        <Typography.Text strong>{title}</Typography.Text>
        {text === null ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('audit.empty')}
          </Typography.Paragraph>
        ) : (
          <pre className="kp-json" style={{ marginTop: 4 }}>
            {text}
          </pre>
        )}
      </Col>
    );
  };
  return (
    <div data-testid="audit-detail">
      <Row gutter={16}>
        {block(t('audit.before'), entry.before)}
        {block(t('audit.after'), entry.after)}
      </Row>
      <Descriptions
        size="small"
        column={3}
        style={{ marginTop: 12 }}
        items={[
          ...(entry.before != null && entry.after != null
            ? [{ key: 'changed', label: t('audit.changed'), children: changed.length > 0 ? changed.join(', ') : t('common.none') }]
            : []),
          { key: 'requestId', label: t('audit.requestId'), children: entry.requestId ?? t('common.none') },
          { key: 'ip', label: t('audit.ip'), children: entry.ip ?? t('common.none') },
        ]}
      />
    </div>
  );
}
