// The rule every new password passes (setup, a user created or reset by an administrator, a change of
// one's own password, `gongkai user`): 10 to 256 characters, not containing the username, and hard to
// guess — zxcvbn-ts score 3 or more ("safely unguessable", ~10^8 guesses) against its common-password
// and word lists and keyboard patterns. Its feedback is shown in Chinese (the translations below).

import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import type * as LanguageCommon from '@zxcvbn-ts/language-common';
import { loadPackage } from '../../domain/packages.ts';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's score (0–4) a password must reach. */
export const MIN_PASSWORD_SCORE = 3;

const translations = {
  warnings: {
    straightRow: '键盘上连成一排的按键很容易被猜中。',
    keyPattern: '简短的键盘图案很容易被猜中。',
    simpleRepeat: '重复的字符（如“aaa”）很容易被猜中。',
    extendedRepeat: '重复的字符组合（如“abcabcabc”）很容易被猜中。',
    sequences: '常见的字符顺序（如“abc”“123”）很容易被猜中。',
    recentYears: '最近的年份很容易被猜中。',
    dates: '日期很容易被猜中。',
    topTen: '这是最常用的密码之一。',
    topHundred: '这是非常常用的密码。',
    common: '这是常用的密码。',
    similarToCommon: '这与常用的密码很相似。',
    wordByItself: '单个单词很容易被猜中。',
    namesByThemselves: '单独的姓名很容易被猜中。',
    commonNames: '常见的姓名很容易被猜中。',
    userInputs: '密码中不应包含个人信息或与本平台相关的内容。',
    pwned: '这个密码曾在网上泄露的数据中出现过。',
  },
  suggestions: {
    l33t: '避免可预测的字母替换，如用“@”代替“a”。',
    reverseWords: '避免把常用单词倒过来拼写。',
    allUppercase: '部分字母大写即可，不必全部大写。',
    capitalization: '除首字母外，也把其他字母改为大写。',
    dates: '避免使用与您有关的日期和年份。',
    recentYears: '避免使用最近的年份。',
    associatedYears: '避免使用与您有关的年份。',
    sequences: '避免使用常见的字符顺序。',
    repeated: '避免重复的单词和字符。',
    longerKeyboardPattern: '使用更长的键盘图案，并多次改变方向。',
    anotherWord: '再加几个不常见的词。',
    useWords: '使用多个词语组合，但避免常见的短语。',
    noNeed: '不必使用符号、数字或大写字母，也能设出强密码。',
    pwned: '如果您在别处也用了这个密码，请一并修改。',
  },
  timeEstimation: {
    ltSecond: '不到1秒',
    second: '{base}秒',
    seconds: '{base}秒',
    minute: '{base}分钟',
    minutes: '{base}分钟',
    hour: '{base}小时',
    hours: '{base}小时',
    day: '{base}天',
    days: '{base}天',
    month: '{base}个月',
    months: '{base}个月',
    year: '{base}年',
    years: '{base}年',
    centuries: '数百年',
  },
};

let factory: ZxcvbnFactory | undefined;

/** zxcvbn's verdict (the library and its lists load once, on first use: ~0.2 s no start pays). */
export function passwordStrength(password: string, userInputs: string[] = []): ZxcvbnResult {
  if (factory === undefined) {
    const { ZxcvbnFactory: Factory } = loadPackage<{ ZxcvbnFactory: typeof ZxcvbnFactory }>('@zxcvbn-ts/core');
    const { adjacencyGraphs, dictionary } = loadPackage<typeof LanguageCommon>('@zxcvbn-ts/language-common');
    factory = new Factory({ translations, graphs: adjacencyGraphs, dictionary: { ...dictionary } });
  }
  return factory.check(password, userInputs);
}

/** What is wrong with a new password for this username (a Chinese sentence or two), or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}个字符`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码最长${MAX_PASSWORD_LENGTH}个字符`;
  const name = username.trim().toLowerCase();
  // a name of two letters ("li") is part of too many good passwords to refuse them all
  if (name.length >= 3 && password.toLowerCase().includes(name)) return '密码不能包含用户名';
  if (name !== '' && password.trim().toLowerCase() === name) return '密码不能与用户名相同';
  const verdict = passwordStrength(password, name === '' ? [] : [name]);
  if (verdict.score >= MIN_PASSWORD_SCORE) return null;
  const { warning, suggestions } = verdict.feedback;
  const why = [warning ?? '', ...suggestions].filter((s) => s !== '').join('');
  return `密码太容易被猜中。${why}建议用几个不相关的词语或一句话的拼音加数字组合，例如“Qing-Shan-Lv-Shui-2046”这样的形式（请勿照抄）。`;
}
