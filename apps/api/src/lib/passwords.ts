import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN_LENGTH } from '@kaoping/shared';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';

// argon2id (the library's default algorithm) with its default cost: about 20 ms per hash here.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Hash to verify against when the user does not exist, so timing does not reveal which usernames exist. */
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword('not-a-real-password-0'));

/**
 * What Chinese users build passwords from and the English lists miss: the commonest surnames in
 * pinyin, 我爱你 and its numbers (520, 1314), and words of the place and the work.
 */
const PINYIN = [
  'woaini', 'aini', 'woaiwojia', '5201314', '1314520', '520520', '1314', 'zhang', 'wang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'zhou', 'sun', 'zhu',
  'guo', 'lin', 'luo', 'gao', 'zheng', 'liang', 'xie', 'song', 'tang', 'feng', 'deng', 'cao', 'peng', 'zeng', 'xiao', 'tian', 'dong', 'pan', 'yuan',
  'cai', 'jiang', 'cheng', 'shen', 'yao', 'fang', 'zhongguo', 'beijing', 'hunan', 'hengyang', 'zhengfu', 'jixiao', 'ducha', 'kaohe', 'mima', 'woshishei',
];

/**
 * zxcvbn's estimate, built on first use (its dictionaries take a tenth of a second to load): the
 * 30,000 commonest passwords, English words and names, keyboard walks, repeats, sequences, dates.
 */
let estimator: ZxcvbnFactory | undefined;
const strength = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary, pinyin: PINYIN },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  }));

/** zxcvbn's score 3: about 10¹⁰ guesses, out of reach of online guessing and costly against argon2id offline. */
const MIN_SCORE = 3;

/**
 * Why a new password is refused, or null when it is fine: too short, built on the account's own
 * name, or common or easy to guess (zxcvbn, told the account's names so it counts them as known).
 */
export function passwordProblem(password: string, account: { username: string; displayName?: string }): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符 / at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  const name = account.username.trim().toLowerCase();
  const bare = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if ((name.length > 0 && password.toLowerCase().includes(name)) || (bare(name).length >= 3 && bare(password).includes(bare(name)))) {
    return '密码不能包含用户名 / the password must not contain the username';
  }
  const names = [account.username, ...(account.displayName ?? '').split(/[\s（）()·.]+/)].filter((s) => s.length > 0);
  const result = strength().check(password.slice(0, 100), names);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '')})` : '';
  return `密码太常见或太容易猜到（如重复字符、连续数字、键盘顺序、常用密码或姓名），请换一个更长、不常见的词组 / this password is common or easy to guess${why}; use a longer, uncommon phrase`;
}
