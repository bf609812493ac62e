import { useRef, useState } from 'react';
import { App, Button, Flex, Image, Tag, Typography } from 'antd';
import { CameraOutlined, EnvironmentOutlined, FieldTimeOutlined, PictureOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../api/api-error';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import { inspectionsApi, type MediaDto } from './inspections.api';

const MB = 1024 * 1024;
/** The types and caps the server takes for inspection media (files.ts): photos ≤ 15 MB, MP4 video ≤ 100 MB. */
const LIMITS: Record<string, number> = { 'image/jpeg': 15 * MB, 'image/png': 15 * MB, 'image/webp': 15 * MB, 'video/mp4': 100 * MB };
const ACCEPT = 'image/*,video/*';

/**
 * The photos and videos of one finding: what the file says about when and where, the thumbnail, and
 * buttons to take or choose more (`compact`: icons only, for a narrow column).
 */
export function MediaPanel({ findingId, media, editable, compact = false, onAdded }: { findingId: number; media: MediaDto[]; editable: boolean; compact?: boolean; onAdded(m: MediaDto): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const camera = useRef<HTMLInputElement>(null);
  const gallery = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);

  const send = async (file: File) => {
    const cap = LIMITS[file.type];
    if (file.type && cap === undefined) {
      void message.error(t('inspections.media.badType', { file: file.name }));
      return;
    }
    if (cap !== undefined && file.size > cap) {
      void message.error(t('inspections.media.tooLarge', { file: file.name, mb: cap / MB }));
      return;
    }
    setBusy((n) => n + 1);
    try {
      // The phone's idea of when: used only where the file has no time of its own.
      const m = await inspectionsApi.addMedia(findingId, file, file.lastModified ? { takenAt: new Date(file.lastModified).toISOString() } : {});
      onAdded(m);
      void message.success(t('inspections.media.uploaded', { file: file.name }));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy((n) => n - 1);
    }
  };

  const pick = (input: HTMLInputElement | null) => {
    const files = Array.from(input?.files ?? []);
    if (input) input.value = '';
    for (const f of files) void send(f);
  };

  return (
    <Flex vertical gap={8}>
      {media.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={10} wrap>
            {media.map((m) => (
              <MediaCard key={m.id} m={m} />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {editable && (
        <Flex gap={8} wrap align="center">
          <input ref={camera} type="file" accept={ACCEPT} capture="environment" hidden onChange={(e) => pick(e.currentTarget)} data-testid={`media-camera-${findingId}`} />
          <input ref={gallery} type="file" accept={ACCEPT} multiple hidden onChange={(e) => pick(e.currentTarget)} data-testid={`media-input-${findingId}`} />
          <Button icon={<CameraOutlined />} loading={busy > 0} onClick={() => camera.current?.click()} title={t('inspections.media.take')} aria-label={t('inspections.media.take')}>
            {!compact && t('inspections.media.take')}
          </Button>
          <Button icon={<PictureOutlined />} loading={busy > 0} onClick={() => gallery.current?.click()} title={t('inspections.media.choose')} aria-label={t('inspections.media.choose')}>
            {!compact && t('inspections.media.choose')}
          </Button>
          {!compact && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('inspections.media.limits')}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Flex>
  );
}

/** One photo (thumbnail, full size on click) or video, with the time and place taken and where they came from. */
function MediaCard({ m }: { m: MediaDto }) {
  const { t } = useI18n();
  const source = (s: 'file' | 'client' | null) =>
    s && (
      <Tag color={s === 'file' ? 'green' : 'default'} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
        {t(`inspections.media.from.${s}`)}
      </Tag>
    );
  return (
    <Flex vertical gap={2} style={{ width: 168, maxWidth: '100%' }} data-testid={`media-card-${m.id}`} data-media-id={m.id}>
      {m.thumbnailUrl ? (
        <Image src={m.thumbnailUrl} preview={{ src: m.url }} width="100%" height={126} style={{ objectFit: 'cover', borderRadius: 4 }} alt={m.filename} />
      ) : (
        <video src={m.url} controls preload="metadata" style={{ width: '100%', height: 126, borderRadius: 4, background: '#000' }} />
      )}
      <Flex gap={4} align="center" wrap data-testid={`media-time-${m.id}`}>
        <FieldTimeOutlined />
        <Typography.Text style={{ fontSize: 12 }}>{m.takenAt ? formatDateTime(m.takenAt) : t('inspections.media.noTime')}</Typography.Text>
        {source(m.takenAtSource)}
      </Flex>
      <Flex gap={4} align="center" wrap data-testid={`media-place-${m.id}`}>
        <EnvironmentOutlined />
        <Typography.Text style={{ fontSize: 12 }}>
          {m.latitude !== null && m.longitude !== null ? `${m.latitude.toFixed(5)}, ${m.longitude.toFixed(5)}` : t('inspections.media.noPlace')}
        </Typography.Text>
        {source(m.locationSource)}
      </Flex>
    </Flex>
  );
}
