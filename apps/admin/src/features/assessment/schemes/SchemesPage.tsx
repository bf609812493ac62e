import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { BranchesOutlined, CloudUploadOutlined, FileTextOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../../api/api-error';
import { useRequest } from '../../../api/use-request';
import { PAGE_PATHS, canWriteUnits } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth-context';
import { formatDateTime } from '../../../components/format';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { SchemeStatusTag } from '../shared/workflow-labels';
import { SchemeExportButton } from './SchemeExportButton';
import { SchemeIssuesModal } from './SchemeIssuesModal';
import { schemeIssues, schemesApi, type SchemeDto, type SchemeIssue } from './schemes.api';

/** Schemes are written by the same roles that keep the units: the performance office and admin. */
export const canWriteSchemes = canWriteUnits;

/** Every scheme version: import from YAML/JSON/Excel, export, publish, start a new version. */
export function SchemesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canWrite = canWriteSchemes(user.role);
  const schemes = useRequest(schemesApi.list, 'schemes');
  const [issues, setIssues] = useState<SchemeIssue[] | null>(null);
  const [importing, setImporting] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);

  // A code with a draft cannot start another version.
  const codesWithDraft = useMemo(() => new Set((schemes.data ?? []).filter((s) => s.status === 'draft').map((s) => s.code)), [schemes.data]);

  const upload = async (file: File) => {
    const pending = schemesApi.importFile(file);
    if (!pending) {
      void message.error(t('assessment.schemes.importWrongType', { file: file.name }));
      return;
    }
    setImporting(true);
    try {
      const s = await pending;
      void message.success(t('assessment.schemes.imported', { name: s.name, version: s.version }));
      schemes.reload();
    } catch (err) {
      const found = err instanceof ApiError ? schemeIssues(err.details) : [];
      if (found.length > 0) setIssues(found);
      else void message.error(errorMessage(err));
    } finally {
      setImporting(false);
    }
  };

  const act = async (s: SchemeDto, run: () => Promise<SchemeDto>, done: (r: SchemeDto) => string) => {
    setBusyId(s.id);
    try {
      const result = await run();
      void message.success(done(result));
      schemes.reload();
    } catch (err) {
      const found = err instanceof ApiError ? schemeIssues(err.details) : [];
      if (found.length > 0) setIssues(found);
      else void message.error(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<SchemeDto> = [
    { title: t('assessment.schemes.year'), dataIndex: 'year', width: 80 },
    {
      title: t('assessment.schemes.name'),
      key: 'name',
      render: (_: unknown, s) => (
        <Space orientation="vertical" size={0}>
          <Link to={`${PAGE_PATHS.assessmentSchemes}/${s.id}`} data-testid={`scheme-link-${s.id}`}>
            {s.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('assessment.schemes.version'), dataIndex: 'version', width: 80, render: (v: number) => t('assessment.schemes.versionValue', { version: v }) },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (status: SchemeDto['status']) => <SchemeStatusTag status={status} /> },
    { title: t('assessment.schemes.leaves'), dataIndex: 'leafCount', width: 100, align: 'right' },
    {
      title: t('assessment.schemes.publishedAt'),
      key: 'at',
      width: 160,
      render: (_: unknown, s) => formatDateTime(s.publishedAt ?? null, t('common.none')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 300 : 180,
      render: (_: unknown, s) => (
        <Space size={4} wrap>
          <Link to={`${PAGE_PATHS.assessmentSchemes}/${s.id}`}>
            <Button size="small" icon={<FileTextOutlined />}>
              {t('assessment.schemes.view')}
            </Button>
          </Link>
          <SchemeExportButton scheme={s} size="small" />
          {canWrite && s.status === 'draft' && (
            <Popconfirm
              title={t('assessment.schemes.publish')}
              description={<div style={{ maxWidth: 360 }}>{t('assessment.schemes.publishConfirm', { name: s.name, version: s.version })}</div>}
              okText={t('assessment.schemes.publish')}
              cancelText={t('common.cancel')}
              onConfirm={() => act(s, () => schemesApi.publish(s.id), (r) => t('assessment.schemes.published', { name: r.name, version: r.version }))}
            >
              <Button size="small" type="primary" icon={<SendOutlined />} loading={busyId === s.id} data-testid={`scheme-publish-${s.id}`}>
                {t('assessment.schemes.publish')}
              </Button>
            </Popconfirm>
          )}
          {canWrite && s.status === 'published' && !codesWithDraft.has(s.code) && (
            <Popconfirm
              title={t('assessment.schemes.newVersion')}
              description={t('assessment.schemes.newVersionConfirm', { version: s.version })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => act(s, () => schemesApi.newVersion(s.id), (r) => t('assessment.schemes.versionCreated', { version: r.version }))}
            >
              <Button size="small" icon={<BranchesOutlined />} loading={busyId === s.id} data-testid={`scheme-version-${s.id}`}>
                {t('assessment.schemes.newVersion')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('assessment.schemes.title')}
        subtitle={t('assessment.schemes.subtitle')}
        extra={
          canWrite && (
            <>
              <Button href="/api/schemas/scheme.json" target="_blank" icon={<FileTextOutlined />}>
                {t('assessment.schemes.jsonSchema')}
              </Button>
              <Upload
                accept=".yaml,.yml,.json,.xlsx"
                showUploadList={false}
                maxCount={1}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button type="primary" icon={<UploadOutlined />} loading={importing} data-testid="scheme-import" title={t('assessment.schemes.importHint')}>
                  {t('assessment.schemes.import')}
                </Button>
              </Upload>
            </>
          )
        }
      />
      {schemes.error !== null && <LoadError error={schemes.error} onRetry={schemes.reload} />}
      <Card>
        <Table<SchemeDto>
          data-testid="schemes-table"
          rowKey="id"
          size="middle"
          loading={schemes.loading}
          dataSource={schemes.data ?? []}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{
            emptyText: (
              <Empty
                image={<CloudUploadOutlined style={{ fontSize: 40, color: 'rgba(0,0,0,0.25)' }} />}
                description={canWrite ? t('assessment.schemes.empty') : t('assessment.scheme.none')}
              />
            ),
          }}
        />
      </Card>
      <SchemeIssuesModal issues={issues} onClose={() => setIssues(null)} />
    </>
  );
}
