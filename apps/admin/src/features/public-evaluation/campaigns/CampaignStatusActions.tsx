import { App, Button } from 'antd';
import { PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import { campaignsApi, type CampaignDto } from '../campaigns.api';

/** Opens a draft or closes an open campaign after a confirmation that says what follows. */
export function CampaignStatusActions({ campaign, onChanged, size }: { campaign: CampaignDto; onChanged(): void; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const name = campaign.name;

  const change = useAction(
    async (action: 'open' | 'close') => {
      if (action === 'open') {
        await campaignsApi.open(campaign.id);
        void message.success(t('pe.campaigns.opened', { name }));
      } else {
        const result = await campaignsApi.close(campaign.id);
        void message.success(result.scoreRun ? t('pe.campaigns.closedRescored', { name, run: result.scoreRun.id }) : t('pe.campaigns.closed', { name }));
      }
      onChanged();
    },
    { onError: (m) => void message.error(m) },
  );

  const confirm = (action: 'open' | 'close') =>
    void modal.confirm({
      title: t(action === 'open' ? 'pe.campaigns.openConfirmTitle' : 'pe.campaigns.closeConfirmTitle', { name }),
      content:
        action === 'open'
          ? t('pe.campaigns.openConfirm')
          : campaign.schemeCode
            ? t('pe.campaigns.closeConfirm', { scheme: campaign.schemeCode })
            : t('pe.campaigns.closeConfirmNoScheme'),
      okText: t(action === 'open' ? 'pe.campaigns.open' : 'pe.campaigns.close'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: action === 'close', 'data-testid': 'campaign-confirm' } as never,
      width: 480,
      onOk: () => change.run(action),
    });

  if (campaign.status === 'draft')
    return (
      <Button size={size} type="primary" icon={<PlayCircleOutlined />} loading={change.running} onClick={() => confirm('open')} data-testid="campaign-open">
        {t('pe.campaigns.open')}
      </Button>
    );
  if (campaign.status === 'open')
    return (
      <Button size={size} danger icon={<StopOutlined />} loading={change.running} onClick={() => confirm('close')} data-testid="campaign-close">
        {t('pe.campaigns.close')}
      </Button>
    );
  return null;
}
