import { describe, expect, it } from 'vitest';
import { requestLang } from './language.js';

describe("the caller's language", () => {
  it('is the first of Chinese and English the caller names, by weight, and Chinese otherwise', () => {
    expect(requestLang(undefined)).toBe('zh');
    expect(requestLang('en-US')).toBe('en');
    expect(requestLang('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(requestLang('fr-FR, en;q=0.5, zh;q=0.4')).toBe('en');
    expect(requestLang('zh;q=0.2, en-GB;q=0.9')).toBe('en');
    expect(requestLang('en;q=0, de')).toBe('zh');
    expect(requestLang('*')).toBe('zh');
  });
});
