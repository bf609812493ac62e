import { Col, Row, Table, Typography } from 'antd';
import { RESPONDENT_CLASSES, type RespondentClass } from '@kaoping/shared';
import { useI18n } from '../../../i18n/i18n-context';
import type { UnitResult } from '../campaigns.api';
import { formatRate } from '../shared/labels';

const ANSWER_KEYS = ['satisfied', 'basicallySatisfied', 'dissatisfied', 'unaware'] as const;

/** A unit's answers by class and the arithmetic behind its satisfaction. */
export function ResultDetail({ row }: { row: UnitResult }) {
  const { t } = useI18n();
  const data = RESPONDENT_CLASSES.map((c: RespondentClass) => ({ key: c, cls: t(`pe.class.${c}`), ...row.counts[c], rate: row.satisfaction[c] }));
  return (
    <Row gutter={24} style={{ padding: '4px 8px' }}>
      <Col xs={24} xl={11}>
        <Typography.Text strong>{t('pe.results.counts')}</Typography.Text>
        <Table
          size="small"
          pagination={false}
          dataSource={data}
          style={{ marginTop: 8 }}
          columns={[
            { title: t('pe.results.class'), dataIndex: 'cls' },
            ...ANSWER_KEYS.map((k) => ({ title: t(`pe.answer.${k}`), dataIndex: k, align: 'right' as const })),
            { title: '%', dataIndex: 'rate', align: 'right' as const, render: (v: number | null) => formatRate(v) },
          ]}
        />
      </Col>
      <Col xs={24} xl={13}>
        <Typography.Text strong>{t('pe.results.explanation')}</Typography.Text>
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 18 }}>
          {row.explanation.map((line) => (
            <li key={line}>
              <Typography.Text style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}>{line}</Typography.Text>
            </li>
          ))}
        </ul>
      </Col>
    </Row>
  );
}
