import { describe, expect, it } from 'vitest';
import { hashAuditRow } from './audit.service.js';

const row = {
  id: 7,
  at: new Date('2021-12-15T08:00:00.000Z'),
  actor_id: 2,
  actor_name: 'office',
  action: 'unit.update',
  entity: 'unit',
  entity_id: '3',
  unit_id: 3,
  before: { name: '衡山县', shortName: null },
  after: { name: '衡山县', shortName: '衡山' },
  request_id: 'r1',
  ip: '127.0.0.1',
  prev_hash: 'abc',
};

describe('hashAuditRow', () => {
  it('is stable under key order and changes with any field or with the previous link', () => {
    const h = hashAuditRow(row);
    expect(hashAuditRow({ ...row, after: { shortName: '衡山', name: '衡山县' } })).toBe(h);
    expect(hashAuditRow({ ...row, actor_name: 'mallory' })).not.toBe(h);
    expect(hashAuditRow({ ...row, after: { name: '衡山县', shortName: '篡改' } })).not.toBe(h);
    expect(hashAuditRow({ ...row, prev_hash: 'abd' })).not.toBe(h);
    expect(hashAuditRow({ ...row, at: new Date('2021-12-15T08:00:00.001Z') })).not.toBe(h);
  });
});
