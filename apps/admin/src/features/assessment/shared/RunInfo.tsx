import type { ReactNode } from 'react';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { useResultLabels } from './result-format';
import type { RunDto } from './score-runs.api';

/** One line about a score run: as-of date, scheme version, trigger, when, how long, inputs fingerprint. */
export function RunInfo({ run }: { run: RunDto }) {
  const { t, lang } = useI18n();
  const colon = lang === 'zh-CN' ? '：' : ': ';
  const { triggerLabel } = useResultLabels();
  const item = (label: string, value: ReactNode, testId?: string) => (
    <span data-testid={testId}>
      <Typography.Text type="secondary">{label}
        {colon}
      </Typography.Text>
      {value}
    </span>
  );
  return (
    <Flex gap={20} wrap align="center" data-testid="run-info" style={{ fontSize: 13 }}>
      {item(t('results.asOf'), <Typography.Text strong>{run.asOf}</Typography.Text>, 'run-as-of')}
      {item(t('results.schemeVersion'), `v${run.schemeVersion}`)}
      {item(t('results.trigger'), <Tag color={run.trigger === 'schedule' ? 'default' : 'blue'}>{triggerLabel(run.trigger)}</Tag>)}
      {item(t('results.computedAt'), formatDateTime(run.createdAt))}
      {item(t('results.unitCount'), run.unitCount)}
      {item(
        t('results.inputsHash'),
        <Tooltip title={t('results.inputsHashHint', { hash: run.inputsHash })}>
          <Typography.Text code>{run.inputsHash.slice(0, 10)}</Typography.Text>
        </Tooltip>,
      )}
    </Flex>
  );
}
