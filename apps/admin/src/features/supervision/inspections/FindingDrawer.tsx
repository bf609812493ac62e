import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Flex, Form, Grid, Input, Select, Tag, Typography } from 'antd';
import { AimOutlined, CameraOutlined, FileAddOutlined, PictureOutlined } from '@ant-design/icons';
import type { UnitDto } from '@kaoping/shared';
import { errorMessage } from '../../../api/api-error';
import { unitOptions } from '../../../components/unit-options';
import { useI18n } from '../../../i18n/i18n-context';
import { inspectionsApi, type FindingDto } from './inspections.api';
import { MediaPanel } from './MediaPanel';

interface Values {
  title: string;
  description?: string;
  place?: string;
  unitId?: number;
}

/**
 * Entering a finding on the spot, made for a phone: what and where and which unit, then photos and
 * videos taken or chosen; the time and place each file holds are shown once it is uploaded.
 */
export function FindingDrawer({
  inspectionId,
  open,
  units,
  onChanged,
  onToProblem,
  onClose,
}: {
  inspectionId: number;
  open: boolean;
  units: UnitDto[];
  onChanged(): void;
  onToProblem(f: FindingDto): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [finding, setFinding] = useState<FindingDto | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Taken on the spot with the finding: where the phone is, and the photos chosen before saving.
  const [position, setPosition] = useState<{ latitude: number; longitude: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) return;
    setFinding(null);
    setError(null);
    setPosition(null);
    setFiles([]);
    form.resetFields();
  }, [open, form]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setError(t('inspections.finding.noLocation'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({ latitude: Math.round(p.coords.latitude * 1e6) / 1e6, longitude: Math.round(p.coords.longitude * 1e6) / 1e6 });
        setLocating(false);
      },
      () => {
        setError(t('inspections.finding.noLocation'));
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  const addFiles = (input: HTMLInputElement | null) => {
    const picked = Array.from(input?.files ?? []);
    if (input) input.value = '';
    setFiles((f) => [...f, ...picked]);
  };

  const save = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const f = await inspectionsApi.addFinding(inspectionId, {
        title: v.title.trim(),
        description: v.description ?? '',
        place: v.place?.trim() ?? '',
        ...(v.unitId ? { unitId: v.unitId } : {}),
        ...(position ?? {}),
        observedAt: new Date().toISOString(),
      });
      // The photos taken with it go up in the same step; one that fails is named and the others stay.
      const media = [...f.media];
      const failed: string[] = [];
      for (const file of files) {
        try {
          media.push(await inspectionsApi.addMedia(f.id, file, { ...(file.lastModified ? { takenAt: new Date(file.lastModified).toISOString() } : {}), ...(position ?? {}) }));
        } catch (err) {
          failed.push(`${file.name}: ${errorMessage(err)}`);
        }
      }
      setFiles([]);
      setFinding({ ...f, media });
      if (failed.length) setError(failed.join('；'));
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const unitName = (id: number | null) => units.find((u) => u.id === id)?.name ?? t('common.none');

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={finding ? t('inspections.finding.mediaTitle') : t('inspections.finding.new')}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      data-testid="finding-drawer"
      footer={
        finding ? (
          <Flex gap={8} justify="flex-end" wrap>
            <Button onClick={onClose} data-testid="finding-done">
              {t('inspections.finding.done')}
            </Button>
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => onToProblem(finding)} data-testid="finding-drawer-to-problem">
              {t('inspections.finding.toProblem')}
            </Button>
          </Flex>
        ) : (
          <Flex gap={8} justify="flex-end">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="finding-save">
              {t('inspections.finding.save')}
            </Button>
          </Flex>
        )
      }
    >
      {finding ? (
        <Flex vertical gap={16}>
          {error && <Alert type="warning" showIcon title={error} />}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('inspections.finding.title')}>{finding.title}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.col.place')}>{finding.place || t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.finding.unit')}>{unitName(finding.unitId)}</Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{t('inspections.media.hint')}</Typography.Text>
          <MediaPanel findingId={finding.id} media={finding.media} editable onAdded={(m) => {
            setFinding((f) => (f ? { ...f, media: [...f.media, m] } : f));
            onChanged();
          }} />
        </Flex>
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="finding-form">
          <Form.Item name="title" label={t('inspections.finding.title')} rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('inspections.finding.titleRule') }]}>
            <Input maxLength={200} placeholder={t('inspections.finding.titlePlaceholder')} data-testid="finding-title" />
          </Form.Item>
          <Form.Item name="description" label={t('inspections.finding.description')}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="finding-description" />
          </Form.Item>
          <Form.Item name="place" label={t('inspections.col.place')}>
            <Input maxLength={200} placeholder={t('inspections.finding.placePlaceholder')} data-testid="finding-place" />
          </Form.Item>
          <Form.Item name="unitId" label={t('inspections.finding.unit')} extra={t('inspections.finding.unitHint')}>
            <Select<number> showSearch={{ optionFilterProp: 'label' }} allowClear options={unitOptions(units)} data-testid="finding-unit" />
          </Form.Item>
          <Form.Item label={t('inspections.finding.where')}>
            <Flex gap={8} wrap align="center">
              <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="finding-locate">
                {t('inspections.finding.useLocation')}
              </Button>
              {position && <Tag color="blue" data-testid="finding-position">{`${position.latitude.toFixed(5)}, ${position.longitude.toFixed(5)}`}</Tag>}
            </Flex>
          </Form.Item>
          <Form.Item label={t('inspections.finding.photos')} extra={t('inspections.finding.photosHint')}>
            <input ref={camera} type="file" accept="image/*,video/*" capture="environment" hidden onChange={(e) => addFiles(e.currentTarget)} data-testid="finding-camera" />
            <input ref={gallery} type="file" accept="image/*,video/*" multiple hidden onChange={(e) => addFiles(e.currentTarget)} data-testid="finding-files" />
            <Flex gap={8} wrap align="center">
              <Button icon={<CameraOutlined />} onClick={() => camera.current?.click()}>
                {t('inspections.media.take')}
              </Button>
              <Button icon={<PictureOutlined />} onClick={() => gallery.current?.click()}>
                {t('inspections.media.choose')}
              </Button>
              {files.map((f, i) => (
                <Tag key={`${f.name}-${i}`} closable onClose={() => setFiles((all) => all.filter((_, j) => j !== i))} data-testid="finding-file">
                  {f.name}
                </Tag>
              ))}
            </Flex>
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      )}
    </Drawer>
  );
}
