import { useState } from 'react';
import { App, Button, DatePicker, Flex, Popover, Typography } from 'antd';
import { CalculatorOutlined, DownOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, errorMessage } from '../../../api/api-error';
import { useI18n } from '../../../i18n/i18n-context';
import { DataProblemsTable, dataProblemsOf } from '../shared/DataProblemsTable';
import { scoreRunsApi, type RunDto, type SchemeSummary } from '../shared/score-runs.api';

/**
 * 计分: scores the scheme now (as of today within its year, else the year's last day) or as of a
 * chosen date, shows progress while the server computes and reports the new run.
 */
export function RunScoringButton({ scheme, onDone }: { scheme: SchemeSummary; onDone(run: RunDto): void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [open, setOpen] = useState(false);

  const run = async (date?: string) => {
    setBusy(true);
    setOpen(false);
    const key = 'run-scoring';
    void message.open({ key, type: 'loading', content: t('results.scoring', { name: scheme.name }), duration: 0 });
    try {
      const created = await scoreRunsApi.runScoring(scheme.id, date);
      void message.open({
        key,
        type: 'success',
        content: t('results.scored', { asOf: created.asOf, units: created.unitCount, ms: created.durationMs }),
        duration: 4,
      });
      onDone(created);
    } catch (err) {
      const problems = err instanceof ApiError && err.code === 'UNSCORABLE_INPUT' ? dataProblemsOf(err.details) : [];
      if (problems.length) {
        // Every input the run could not take, so the office can return or correct each one.
        message.destroy(key);
        modal.error({
          title: t('results.unscorableTitle', { count: problems.length }),
          width: 1000,
          content: (
            <>
              <Typography.Paragraph>{t('results.unscorableHint')}</Typography.Paragraph>
              <DataProblemsTable problems={problems} testId="unscorable-inputs" />
            </>
          ),
        });
      } else {
        void message.open({ key, type: 'error', content: errorMessage(err), duration: 6 });
      }
    } finally {
      setBusy(false);
    }
  };

  const year = scheme.year;
  return (
    <Flex>
      <Button
        type="primary"
        icon={<CalculatorOutlined />}
        loading={busy}
        onClick={() => void run()}
        data-testid="run-scoring"
        style={{ borderStartEndRadius: 0, borderEndEndRadius: 0 }}
      >
        {busy ? t('results.scoringShort') : t('results.runScoring')}
      </Button>
      <Popover
        open={open}
        onOpenChange={setOpen}
        trigger="click"
        placement="bottomRight"
        title={t('results.runAsOfTitle')}
        content={
          <Flex vertical gap={8} style={{ width: 260 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('results.runAsOfHint', { year })}
            </Typography.Text>
            <DatePicker
              value={asOf}
              onChange={setAsOf}
              style={{ width: '100%' }}
              defaultPickerValue={dayjs(`${year}-12-01`)}
              disabledDate={(d) => d.year() !== year}
              data-testid="run-as-of"
            />
            <Button type="primary" block disabled={!asOf} onClick={() => void run(asOf?.format('YYYY-MM-DD'))} data-testid="run-scoring-as-of">
              {t('results.runScoring')}
            </Button>
          </Flex>
        }
      >
        <Button
          type="primary"
          icon={<DownOutlined />}
          disabled={busy}
          aria-label={t('results.runAsOfTitle')}
          style={{ borderStartStartRadius: 0, borderEndStartRadius: 0, borderInlineStart: '1px solid rgba(255,255,255,0.4)' }}
        />
      </Popover>
    </Flex>
  );
}
