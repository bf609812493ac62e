import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords.js';

describe('passwordProblem', () => {
  const office = { username: 'office', displayName: '市绩效办（演示）' };

  it('refuses what the attack used: ten ones, the username inside, the username itself', () => {
    expect(passwordProblem('1111111111', office)).toContain('至少 12 个字符');
    expect(passwordProblem('111111111111', office)).toContain('太常见');
    expect(passwordProblem('office-secret-2021', office)).toContain('不能包含用户名');
    expect(passwordProblem('OFFICE', office)).toContain('至少 12 个字符');
    expect(passwordProblem('officeofficeoffice', office)).toContain('不能包含用户名');
  });

  it('refuses common passwords, keyboard walks and Chinese favourites', () => {
    for (const p of ['password1234', 'qwertyuiop12', 'abcdefghijkl', '123456789abc', 'woaini1314520', 'Hengyang@2021']) expect(passwordProblem(p, office), p).toContain('太常见');
  });

  it('takes a long uncommon phrase, and the documented demo password', () => {
    expect(passwordProblem('lantern-river-autumn', office)).toBeNull();
    expect(passwordProblem('kaoping-demo', { username: '430421-head' })).toBeNull();
  });
});
