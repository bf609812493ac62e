import { Select, Tag } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';
import { useResultLabels } from './result-format';
import type { SchemeRunState } from './use-scheme-run';

/** The scheme and score-run selects of the results pages; runs newest first. */
export function SchemeRunPicker({ state }: { state: SchemeRunState }) {
  const { t } = useI18n();
  const { runLabel, runShortLabel } = useResultLabels();
  return (
    <>
      <Select
        value={state.scheme?.id}
        onChange={state.setScheme}
        loading={state.loading && state.schemes.length === 0}
        placeholder={t('results.schemePlaceholder')}
        aria-label={t('results.scheme')}
        style={{ width: 320 }}
        popupMatchSelectWidth={false}
        data-testid="scheme-select"
        options={state.schemes.map((s) => ({
          value: s.id,
          label: (
            <>
              {s.name} <Tag style={{ marginInlineStart: 4 }}>v{s.version}</Tag>
              {s.status === 'archived' && <Tag>{t('results.archived')}</Tag>}
            </>
          ),
        }))}
      />
      <Select
        value={state.run?.id}
        onChange={state.setRun}
        disabled={state.runs.length === 0}
        placeholder={t('results.noRunsShort')}
        aria-label={t('results.run')}
        style={{ width: 250 }}
        popupMatchSelectWidth={false}
        labelRender={({ value }) => {
          const r = state.runs.find((x) => x.id === value);
          return r ? runShortLabel(r) : String(value);
        }}
        data-testid="run-select"
        options={state.runs.map((r) => ({ value: r.id, label: runLabel(r) }))}
      />
    </>
  );
}
