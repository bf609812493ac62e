import { DatePicker, Flex, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { UnitDto, UserDto } from '@kaoping/shared';
import { unitOptions } from '../../components/unit-options';
import { useI18n } from '../../i18n/i18n-context';
import { AUDIT_ENTITIES, entityLabelKey } from './audit-entities';

export interface AuditFilterValues {
  userId?: number;
  unitId?: number;
  entity?: string;
  action?: string;
  range?: [Dayjs, Dayjs] | null;
}

interface Props {
  value: AuditFilterValues;
  onChange(next: AuditFilterValues): void;
  /** Null when the user may not list accounts: then a user ID is typed in. */
  users: UserDto[] | null;
  units: UnitDto[];
}

/** User, unit, entity, action and time-range filters of the audit log. */
export function AuditFilterBar({ value, onChange, users, units }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });

  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="audit-filters">
      {users ? (
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.user')}
          aria-label={t('audit.user')}
          style={{ width: 170 }}
          value={value.userId}
          onChange={(userId) => set({ userId })}
          options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
        />
      ) : (
        <InputNumber<number>
          min={1}
          precision={0}
          placeholder={t('audit.userId')}
          aria-label={t('audit.userId')}
          style={{ width: 140 }}
          value={value.userId ?? null}
          onChange={(userId) => set({ userId: userId ?? undefined })}
        />
      )}
      <Select<number>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('audit.unit')}
          aria-label={t('audit.unit')}
        style={{ width: 180 }}
        value={value.unitId}
        onChange={(unitId) => set({ unitId })}
        options={unitOptions(units)}
      />
      <Select<string>
        allowClear
        placeholder={t('audit.entity')}
          aria-label={t('audit.entity')}
        style={{ width: 130 }}
        value={value.entity}
        onChange={(entity) => set({ entity })}
        options={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(entityLabelKey(e)) }))}
      />
      <Input.Search
        allowClear
        placeholder={t('audit.actionPlaceholder')}
          aria-label={t('audit.actionPlaceholder')}
        style={{ width: 230 }}
        defaultValue={value.action}
        onSearch={(action) => set({ action: action.trim() || undefined })}
      />
      <DatePicker.RangePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        placeholder={[t('audit.startTime'), t('audit.endTime')]}
        aria-label={t('audit.timeRange')}
        style={{ width: 310 }}
        value={value.range ?? null}
        onChange={(range) => set({ range: range && range[0] && range[1] ? [range[0], range[1]] : null })}
      />
    </Flex>
  );
}
