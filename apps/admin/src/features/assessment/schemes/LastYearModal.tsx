import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, InputNumber, Modal, Table, Tag, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../../api/api-error';
import { useRequest } from '../../../api/use-request';
import { ImportErrorsModal } from '../../../components/ImportErrorsModal';
import { LoadError } from '../../../components/LoadError';
import { useI18n } from '../../../i18n/i18n-context';
import type { ImportRowError } from '@kaoping/shared';
import { reportingApi, type LastYearTable } from '../reporting/reporting.api';

type Item = LastYearTable['items'][number];

/**
 * Last year's value (上年值) of one leaf for every unit it applies to, which formulas read as
 * `lastYear`: the scheme's values shown as given, the others entered here (or through the Excel
 * template) by the indicator's data-source unit or the office.
 */
export function LastYearModal({ schemeId, indicator, onClose }: { schemeId: number; indicator: { code: string; name: string } | null; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const code = indicator?.code ?? '';
  const request = useRequest(() => reportingApi.lastYear(schemeId, code), `last-year:${schemeId}:${code}`, indicator !== null);
  const [fresh, setFresh] = useState<LastYearTable | null>(null);
  const table = fresh?.indicator.code === code ? fresh : request.data?.indicator.code === code ? request.data : undefined;
  const [edits, setEdits] = useState<Record<number, number | null>>({});
  const [busy, setBusy] = useState<'save' | 'import' | 'template' | null>(null);
  const [importErrors, setImportErrors] = useState<ImportRowError[] | null>(null);

  const changed = useMemo(() => (table?.items ?? []).filter((i) => i.unitId in edits && edits[i.unitId] !== i.value), [table, edits]);
  const close = () => {
    setEdits({});
    setFresh(null);
    onClose();
  };
  const act = async (kind: 'save' | 'import' | 'template', go: () => Promise<void>) => {
    setBusy(kind);
    try {
      await go();
    } catch (err) {
      if (err instanceof ApiError && err.importErrors.length > 0) setImportErrors(err.importErrors);
      else void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const save = () =>
    act('save', async () => {
      setFresh(await reportingApi.saveLastYear(schemeId, code, changed.map((i) => ({ unitId: i.unitId, value: edits[i.unitId] ?? null }))));
      setEdits({});
      void message.success(t('assessment.lastYear.saved', { count: changed.length }));
    });

  const columns: TableColumnsType<Item> = [
    { title: t('assessment.problems.unit'), key: 'unit', render: (_: unknown, i) => `${i.unitName}（${i.unitCode}）` },
    {
      title: t('assessment.lastYear.button'),
      key: 'value',
      width: 190,
      render: (_: unknown, i) =>
        table?.canEdit && i.source !== 'scheme' ? (
          <InputNumber<number>
            size="small"
            style={{ width: 160 }}
            value={i.unitId in edits ? edits[i.unitId] : i.value}
            onChange={(v) => setEdits((e) => ({ ...e, [i.unitId]: typeof v === 'number' ? v : null }))}
            suffix={table.indicator.unitLabel || undefined}
            aria-label={`${i.unitName} ${t('assessment.lastYear.button')}`}
            data-testid={`last-year-${i.unitCode}`}
          />
        ) : (
          <span data-testid={`last-year-${i.unitCode}`}>{i.value ?? '—'}</span>
        ),
    },
    {
      title: t('assessment.lastYear.source'),
      key: 'source',
      width: 110,
      render: (_: unknown, i) => (
        <Tag color={i.source === 'scheme' ? 'blue' : i.source === 'entered' ? 'green' : undefined}>{t(`assessment.lastYear.source.${i.source ?? 'none'}`)}</Tag>
      ),
    },
  ];

  return (
    <>
      <Modal
        open={indicator !== null}
        width={720}
        title={indicator ? t('assessment.lastYear.title', { code: indicator.code, name: indicator.name }) : ''}
        onCancel={close}
        destroyOnHidden
        footer={
          <Flex gap={8} justify="end" wrap>
            <Button icon={<DownloadOutlined />} loading={busy === 'template'} onClick={() => void act('template', async () => void (await reportingApi.lastYearTemplate(schemeId, code)))}>
              {t('assessment.reporting.template')}
            </Button>
            {table?.canEdit && (
              <Upload
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                showUploadList={false}
                maxCount={1}
                beforeUpload={(file) => {
                  void act('import', async () => {
                    setFresh(await reportingApi.importLastYear(schemeId, code, file));
                    setEdits({});
                    void message.success(t('assessment.lastYear.imported'));
                  });
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={busy === 'import'} data-testid="last-year-import">
                  {t('assessment.reporting.importXlsx')}
                </Button>
              </Upload>
            )}
            <Button onClick={close}>{t('common.close')}</Button>
            {table?.canEdit && (
              <Button type="primary" disabled={changed.length === 0} loading={busy === 'save'} onClick={() => void save()} data-testid="last-year-save">
                {changed.length ? `${t('assessment.reporting.save')} (${changed.length})` : t('assessment.reporting.save')}
              </Button>
            )}
          </Flex>
        }
      >
        {request.error !== null && <LoadError error={request.error} onRetry={request.reload} />}
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('assessment.lastYear.hint')} />
        {table && !table.canEdit && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('assessment.lastYear.readOnly')} />}
        <Table<Item>
          data-testid="last-year-table"
          rowKey="unitId"
          size="small"
          loading={request.loading && !table}
          columns={columns}
          dataSource={table?.items ?? []}
          pagination={false}
          scroll={{ y: 420 }}
        />
      </Modal>
      <ImportErrorsModal errors={importErrors} onClose={() => setImportErrors(null)} />
    </>
  );
}
