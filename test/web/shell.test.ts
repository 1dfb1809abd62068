// Issue #14: the frame's small rules — the title is not repeated, the guide's links stay on the site.

import { describe, expect, it } from 'vitest';
import { documentTitle } from '../../src/web/views/layout.tsx';
import { Inline } from '../../src/web/views/public/column.tsx';
import { policeRecordUrl } from '../../src/web/views/public/site-footer.tsx';

const html = (text: string): string => String(Inline({ text }));

describe('the page title', () => {
  it('is "page - site", the site alone when they are the same', () => {
    expect(documentTitle('政府信息公开指南', '示范市自然资源和规划局政府信息公开')).toBe('政府信息公开指南 - 示范市自然资源和规划局政府信息公开');
    expect(documentTitle('政府信息公开', '政府信息公开')).toBe('政府信息公开');
    expect(documentTitle('', '政府信息公开工作平台')).toBe('政府信息公开工作平台');
  });
});

describe("the guide's links within the platform", () => {
  it('[text](/path) is a link; the rest stays text, escaped', () => {
    expect(html('本平台[“依申请公开”栏目](/demo/apply)；<b>电子邮箱</b>')).toBe('本平台<a href="/demo/apply">“依申请公开”栏目</a>；&lt;b&gt;电子邮箱&lt;/b&gt;');
  });
  it('never to another site: //host, /\\host, javascript: and full addresses stay text', () => {
    for (const text of ['[x](//evil.example/a)', '[x](/\\evil.example)', '[x](javascript:alert(1))', '[x](https://evil.example/)', '[x](/a"onmouseover="x)']) {
      expect(html(text), text).not.toContain('<a ');
    }
  });
});

describe('the 公安 register link', () => {
  it('queries the record by its 14 digits', () => {
    expect(policeRecordUrl('宁公网安备 64050202000123号')).toBe('https://beian.mps.gov.cn/#/query/webSearch?code=64050202000123');
  });
});
