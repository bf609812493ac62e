import { useEffect, useMemo } from 'react';
import { Alert, Button, Checkbox, Col, DatePicker, Divider, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { VERIFICATION_MODES, type Questionnaire, type UnitDto, type VerificationMode } from '@kaoping/shared';
import { useAction } from '../../../api/use-action';
import { unitOptions } from '../../../components/unit-options';
import { fromPicker, toPicker, todayInZone } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import type { SchemeDto } from '../../assessment/schemes/schemes.api';
import type { CampaignBody, CampaignDto, CampaignPatch } from '../campaigns.api';

/** The two published weightings (DOMAIN.md §3): the default and Shandong 2008. */
export const WEIGHT_PRESETS = {
  default: [100, 60, 0],
  shandong: [100, 75, 55],
} as const;
type Preset = keyof typeof WEIGHT_PRESETS | 'custom';

interface Values {
  slug: string;
  name: string;
  year: number;
  window: [Dayjs, Dayjs];
  modes: VerificationMode[];
  intro: string;
  preset: Preset;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  reasonOnDissatisfied: boolean;
  extraQuestions: { key: string; text: string; options: string[] }[];
  combine: 'pooled' | 'weighted';
  invitedWeight: number;
  schemeCode?: string;
  unitIds?: number[];
}

const presetOf = (w: readonly number[]): Preset =>
  (Object.entries(WEIGHT_PRESETS).find(([, p]) => p.every((x, i) => x === w[i]))?.[0] as Preset | undefined) ?? 'custom';

const round = (n: number) => Math.round(n * 100) / 100;

interface Props {
  open: boolean;
  campaign: CampaignDto | null;
  units: UnitDto[];
  schemes: SchemeDto[];
  onCreate(body: CampaignBody): Promise<void>;
  onUpdate(id: number, body: CampaignPatch): Promise<void>;
  onClose(): void;
}

/** Creates or edits a campaign; once it is open only the name, window and scheme can change. */
export function CampaignFormModal({ open, campaign, units, schemes, onCreate, onUpdate, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const preset = Form.useWatch('preset', form);
  const combine = Form.useWatch('combine', form);
  const invitedWeight = Form.useWatch('invitedWeight', form) ?? 0.5;
  const locked = campaign !== null && campaign.status !== 'draft';

  const schemeOptions = useMemo(() => {
    const byCode = new Map<string, SchemeDto>();
    for (const s of schemes) if (!byCode.has(s.code) || byCode.get(s.code)!.version < s.version) byCode.set(s.code, s);
    return [...byCode.values()].sort((a, b) => b.year - a.year).map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }));
  }, [schemes]);

  useEffect(() => {
    if (!open) return;
    submit.clearError();
    form.resetFields();
    const q = campaign?.questionnaire;
    const weights = q ? [q.answers.satisfied.weight, q.answers.basicallySatisfied.weight, q.answers.dissatisfied.weight] : [...WEIGHT_PRESETS.default];
    const year = campaign?.year ?? Number(todayInZone().slice(0, 4));
    form.setFieldsValue({
      slug: campaign?.slug ?? '',
      name: campaign?.name ?? '',
      year,
      // The picker shows the deployment's wall clock, whatever the browser's zone.
      window: campaign ? [toPicker(campaign.startsAt), toPicker(campaign.endsAt)] : [dayjs(`${year}-12-15T00:00`), dayjs(`${year}-12-24T23:59`)],
      modes: campaign?.modes ?? ['invitation', 'sms'],
      intro: q?.intro ?? '',
      preset: presetOf(weights),
      satisfied: weights[0],
      basicallySatisfied: weights[1],
      dissatisfied: weights[2],
      reasonOnDissatisfied: q?.reasonOnDissatisfied ?? true,
      extraQuestions: q?.extraQuestions ?? [],
      combine: campaign?.rule.combine ?? 'pooled',
      invitedWeight: campaign?.rule.classWeights?.invited ?? 0.5,
      schemeCode: campaign?.schemeCode ?? undefined,
      unitIds: [],
    });
  }, [open, campaign, form]);

  const applyPreset = (p: Preset) => {
    if (p === 'custom') return;
    const [s, b, d] = WEIGHT_PRESETS[p];
    form.setFieldsValue({ satisfied: s, basicallySatisfied: b, dissatisfied: d });
  };

  const submit = useAction(async (v: Values) => {
    const base = campaign?.questionnaire;
    const questionnaire: Questionnaire = {
      intro: v.intro ?? '',
      answers: {
        satisfied: { label: base?.answers.satisfied.label ?? '满意', weight: v.satisfied },
        basicallySatisfied: { label: base?.answers.basicallySatisfied.label ?? '基本满意', weight: v.basicallySatisfied },
        dissatisfied: { label: base?.answers.dissatisfied.label ?? '不满意', weight: v.dissatisfied },
        unaware: { label: base?.answers.unaware.label ?? '不了解' },
      },
      reasonOnDissatisfied: v.reasonOnDissatisfied,
      extraQuestions: v.extraQuestions ?? [],
    };
    const rule =
      v.combine === 'weighted' ? { combine: 'weighted' as const, classWeights: { invited: round(v.invitedWeight), open: round(1 - v.invitedWeight) } } : { combine: 'pooled' as const };
    const window = { startsAt: fromPicker(v.window[0]), endsAt: fromPicker(v.window[1]) };
    if (campaign) {
      const patch: CampaignPatch = { name: v.name, ...window, schemeCode: v.schemeCode ?? null };
      await onUpdate(campaign.id, locked ? patch : { ...patch, modes: v.modes, questionnaire, rule });
    } else {
      await onCreate({
        slug: v.slug,
        name: v.name,
        year: v.year,
        ...window,
        modes: v.modes,
        questionnaire,
        rule,
        schemeCode: v.schemeCode ?? null,
        unitIds: v.unitIds && v.unitIds.length > 0 ? v.unitIds : undefined,
      });
    }
  });

  return (
    <Modal
      open={open}
      width={820}
      title={campaign ? t('pe.campaigns.editTitle', { name: campaign.name }) : t('pe.campaigns.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.running}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'campaign-save' } as never}
      forceRender
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingInlineEnd: 8 } }}
    >
      {submit.error && <Alert type="error" showIcon title={submit.error} style={{ marginBottom: 16 }} />}
      {locked && <Alert type="info" showIcon title={t('pe.campaigns.lockedWhileOpen')} style={{ marginBottom: 16 }} />}
      <Form<Values> name="campaign" form={form} layout="vertical" onFinish={(v) => void submit.run(v)}>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('pe.campaigns.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={120} data-testid="campaign-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="year" label={t('pe.campaigns.year')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} disabled={campaign !== null} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item
              name="slug"
              label={t('pe.campaigns.slug')}
              extra={campaign ? undefined : t('pe.campaigns.slugRule')}
              rules={[
                { required: true, message: t('common.required') },
                { pattern: /^[a-z0-9][a-z0-9-]{2,39}$/, message: t('pe.campaigns.slugRule') },
              ]}
            >
              <Input prefix="/p/" disabled={campaign !== null} maxLength={40} data-testid="campaign-slug" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="window" label={t('pe.campaigns.window')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="modes" label={t('pe.campaigns.modes')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}>
          <Checkbox.Group disabled={locked} options={VERIFICATION_MODES.map((m) => ({ value: m, label: t(`pe.mode.${m}`) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="schemeCode" label={t('pe.campaigns.scheme')}>
              <Select allowClear placeholder={t('pe.campaigns.noScheme')} options={schemeOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unitIds" label={t('pe.campaigns.units')} extra={campaign ? undefined : t('pe.campaigns.unitsHint')} hidden={campaign !== null}>
              <Select
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('pe.campaigns.unitsCount', { count: units.length })}
                options={unitOptions(units)}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('pe.campaigns.weights')}
        </Divider>
        <Form.Item name="preset" extra={t('pe.campaigns.weightsHint')}>
          <Radio.Group
            disabled={locked}
            onChange={(e) => applyPreset(e.target.value as Preset)}
            options={[
              { value: 'default', label: t('pe.campaigns.preset.default') },
              { value: 'shandong', label: t('pe.campaigns.preset.shandong') },
              { value: 'custom', label: t('pe.campaigns.preset.custom') },
            ]}
            data-testid="campaign-preset"
          />
        </Form.Item>
        <Flex gap={16} wrap>
          {(['satisfied', 'basicallySatisfied', 'dissatisfied'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`pe.answer.${k}`)} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={0} max={100} disabled={locked || preset !== 'custom'} style={{ width: 120 }} />
            </Form.Item>
          ))}
        </Flex>

        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('pe.campaigns.rule')}
        </Divider>
        <Flex gap={24} align="baseline" wrap>
          <Form.Item name="combine">
            <Radio.Group
              disabled={locked}
              options={[
                { value: 'pooled', label: t('pe.rule.pooled') },
                { value: 'weighted', label: t('pe.rule.weighted') },
              ]}
            />
          </Form.Item>
          {combine === 'weighted' && (
            <Flex gap={12} align="baseline">
              <Form.Item name="invitedWeight" label={t('pe.campaigns.invitedWeight')} layout="horizontal">
                <InputNumber min={0} max={1} step={0.1} disabled={locked} style={{ width: 100 }} />
              </Form.Item>
              <Typography.Text type="secondary">{t('pe.campaigns.openWeight', { weight: round(1 - invitedWeight) })}</Typography.Text>
            </Flex>
          )}
        </Flex>

        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('pe.campaigns.extraQuestions')}
        </Divider>
        <Form.Item name="intro" label={t('pe.campaigns.intro')}>
          <Input.TextArea rows={2} maxLength={2000} disabled={locked} />
        </Form.Item>
        <Form.Item name="reasonOnDissatisfied" valuePropName="checked" label={t('pe.campaigns.reasonOnDissatisfied')} layout="horizontal">
          <Switch disabled={locked} />
        </Form.Item>
        <Form.List name="extraQuestions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={[field.name, 'key']} rules={[{ required: true, pattern: /^[a-z][a-zA-Z0-9_]{0,30}$/, message: t('common.required') }]} style={{ width: 120 }}>
                    <Input placeholder={t('pe.campaigns.extraKey')} disabled={locked} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'text']} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1 }}>
                    <Input placeholder={t('pe.campaigns.extraText')} disabled={locked} maxLength={200} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'options']} rules={[{ required: true, type: 'array', min: 2, message: t('common.required') }]} style={{ flex: 1.4 }}>
                    <Select mode="tags" open={false} placeholder={t('pe.campaigns.extraOptions')} disabled={locked} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} disabled={locked} aria-label="remove" />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', text: '', options: [] })} disabled={locked || fields.length >= 10}>
                {t('pe.campaigns.addQuestion')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
