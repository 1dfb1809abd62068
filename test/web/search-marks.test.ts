// The search page's marks (views/public/search.tsx): the engine's marked words over the whole title,
// the guide's markup marks out of snippets; segments stay text.

import { describe, expect, it } from 'vitest';
import { markTitle, plainSnippet } from '../../src/web/views/public/search.tsx';

describe('search result marks', () => {
  it('marks the engine’s words across the whole title, longest first, as text segments', () => {
    expect(markTitle('关于耕地保护补贴的通知：耕地', [{ text: '…', mark: false }, { text: '耕地', mark: true }, { text: '保护', mark: false }])).toEqual([
      { text: '关于', mark: false },
      { text: '耕地', mark: true },
      { text: '保护补贴的通知：', mark: false },
      { text: '耕地', mark: true },
    ]);
    expect(markTitle('<b>标题</b>', [])).toEqual([{ text: '<b>标题</b>', mark: false }]);
  });

  it('drops the guide’s heading and list marks from a snippet', () => {
    expect(plainSnippet([{ text: '概述 ## 第一章 总则 - 补贴对象', mark: false }, { text: '补贴', mark: true }])).toEqual([
      { text: '概述 第一章 总则 补贴对象', mark: false },
      { text: '补贴', mark: true },
    ]);
  });
});
