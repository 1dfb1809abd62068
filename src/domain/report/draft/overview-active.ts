// 一、总体情况 (一) 主动公开政府信息情况 and (四) 政府信息公开平台建设情况: the catalogue's items published
// in the year (how many, through which platform, about what), the public-participation events, the
// finance items, table 二's decisions and fees (overview-decisions.ts); the platforms and the chain through which items are reviewed and published. Pure.

import type { EventData, FactOf, PlatformData, ReportFact } from '../facts/kinds.ts';
import { decisionsItem } from './overview-decisions.ts';
import type { ChainFacts, DraftGap, DraftInput, DraftParagraph, DraftSentence, DraftSource } from './types.ts';
import { bare, listOf, monthDay, numbered, sentence, stageWho, unquoted, type Names } from './words.ts';

/** 第二十条第（七）项 财政预算、决算信息 and 第（九）项 政府集中采购: stated in a sentence of their own. */
export const FINANCE_CATEGORIES = ['a20-7', 'a20-9'];
/** Short names of 第二十条's categories, for a list of counts (the agency's own categories keep their names). */
export const SHORT_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  'a20-1': '规章和规范性文件',
  'a20-2': '机构职能',
  'a20-3': '规划信息',
  'a20-4': '统计信息',
  'a20-5': '行政许可和服务事项',
  'a20-6': '行政处罚和行政强制',
  'a20-7': '财政预决算',
  'a20-8': '行政事业性收费',
  'a20-9': '政府集中采购',
  'a20-10': '重大建设项目',
  'a20-11': '民生政策',
  'a20-12': '突发公共事件应对',
  'a20-13': '监督检查',
  'a20-14': '公务员招考',
  'a20-15': '其他法定主动公开信息',
};

/** how many 主题分类 "主要涉及" names at most */
const TOPICS_NAMED = 5;

const factSource = (f: ReportFact, label: string): DraftSource => ({ kind: 'fact', label, factId: f.id, factKind: f.kind });
const factsOf = <K extends ReportFact['kind']>(facts: readonly ReportFact[], kind: K): FactOf<K>[] => facts.filter((f): f is FactOf<K> => f.kind === kind);

/** The platforms through which the catalogue's items are published, as words, with their sources. */
export function cataloguePlatforms(input: DraftInput): { words: string; sources: DraftSource[]; recorded: boolean } {
  const platforms = factsOf(input.facts, 'platform').filter((p) => p.data.catalogue);
  if (platforms.length === 0) return { words: '政府信息公开专栏', sources: [], recorded: false };
  return { words: listOf(platforms.map((p) => p.data.name)), sources: platforms.map((p) => factSource(p, `公开平台：${p.data.name}`)), recorded: true };
}

function catalogueItem(input: DraftInput, names: Names, gaps: DraftGap[]): DraftSentence[] {
  const c = input.catalogue;
  const source: DraftSource = { kind: 'catalogue', label: `${input.year}年发布的主动公开信息（${c.published}条）`, itemIds: c.itemIds, count: c.published };
  const platforms = cataloguePlatforms(input);
  if (!platforms.recorded) gaps.push({ section: 'overview', message: '（一）主动公开：没有登记发布主动公开信息的平台（如“市人民政府网站”），草稿写作“政府信息公开专栏”。请在“公开平台”中登记，并勾选“主动公开目录中的信息通过它发布”。' });
  if (c.published === 0) {
    gaps.push({ section: 'overview', message: `（一）主动公开：${input.year}年没有在本平台的政府信息公开目录中发布信息。如通过其他渠道主动公开了信息，请在“其他内容”中补充。` });
    return [sentence('overview.active.catalogue', `${input.year}年，${names.self}未在政府信息公开目录中发布主动公开信息`, [source])];
  }
  const kind = input.agency.level === 'department' ? '部门信息' : '政府信息';
  const topics = new Map<string, number>();
  for (const g of c.groups) {
    if (FINANCE_CATEGORIES.includes(g.category) || g.topic === '' || g.topic === '其他') continue;
    topics.set(g.topic, (topics.get(g.topic) ?? 0) + g.count);
  }
  const named = [...topics.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOPICS_NAMED).map(([t]) => t);
  const about = named.length > 0 ? `，主要涉及${named.join('、')}等内容` : '';
  const out = [sentence('overview.active.catalogue', `依托${platforms.words}主动公开${kind}${c.published}条${about}`, [source, ...platforms.sources])];
  const categories = new Map<string, number>();
  for (const g of c.groups) {
    const label = SHORT_CATEGORY_LABELS[g.category] ?? g.categoryLabel;
    categories.set(label, (categories.get(label) ?? 0) + g.count);
  }
  if (categories.size >= 2) {
    const parts = [...categories.entries()].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label}${n}条`);
    out.push(sentence('overview.active.categories', `按信息类别分，${parts.join('、')}`, [source]));
  }
  return out;
}

function eventItem(e: FactOf<'event'>): DraftSentence[] {
  const d: EventData = e.data;
  const name = `“${unquoted(d.name)}”`;
  const theme = d.theme.trim() === '' ? '' : `以“${unquoted(d.theme)}”为主题的`;
  const who = d.invitees.trim() === '' ? '' : `邀请${bare(d.invitees)}等共计${d.participants}人，`;
  const tail = who === '' ? `，共计${d.participants}人参加` : '';
  const src = factSource(e, `公众参与活动：${unquoted(d.name)}（${d.date}）`);
  const out = [sentence(`overview.active.event.${e.id}`, `${monthDay(d.date)}，${who}开展了${theme}${name}活动${tail}`, [src])];
  const forms = d.forms.trim() === '' ? '' : `通过${bare(d.forms)}等形式`;
  const effect = bare(d.effect);
  if (forms !== '' || effect !== '') {
    const text = forms !== '' && effect !== '' ? `${forms}，${effect}` : forms !== '' ? `活动采取${bare(d.forms)}等形式` : effect;
    out.push(sentence(`overview.active.event.${e.id}.effect`, text, [src]));
  }
  return out;
}

/** 部门预算、决算、“三公”经费和政府采购 from the items' categories and titles. */
function financeItem(input: DraftInput, names: Names): DraftSentence[] {
  const items = input.catalogue.finance;
  if (items.length === 0) return [];
  const has = (word: string) => items.some((i) => i.title.includes(word));
  const parts: string[] = [];
  if (has('预算')) parts.push('部门预算');
  if (has('决算')) parts.push(parts.length > 0 ? '决算' : '部门决算');
  if (has('三公')) parts.push('“三公”经费');
  if (items.some((i) => i.category === 'a20-9') || has('采购')) parts.push('政府采购');
  if (parts.length === 0) parts.push('财政预算、决算');
  const platforms = cataloguePlatforms(input);
  const source: DraftSource = { kind: 'catalogue', label: `第二十条第（七）项、第（九）项的信息（${items.length}条）`, itemIds: items.map((i) => i.id).slice(0, 50), count: items.length };
  return [sentence('overview.active.finance', `依托${platforms.words}主动公开${listOf(parts)}等信息${items.length}条，主动接受社会监督，确保财务支出公开、透明`, [source, ...platforms.sources])];
}

/** 条例第四十四条: the information of applications made proactive in the year, and the applicants' suggestions. */
export function proactiveItem(input: DraftInput): DraftSentence[] {
  const p = input.proactive;
  if (!p || p.items === 0) return [];
  const source: DraftSource = { kind: 'catalogue', label: `由依申请公开转为主动公开的信息（${p.items}条）`, itemIds: p.itemIds, count: p.items };
  const suggested = p.suggestions > 0 ? `，登记申请人关于纳入主动公开范围的建议${p.suggestions}件` : '';
  return [sentence('overview.active.proactive', `本年度将${p.items}件依申请公开的政府信息转为主动公开${suggested}`, [source])];
}

/** （一）主动公开政府信息情况 */
export function activeDisclosurePart(input: DraftInput, names: Names, gaps: DraftGap[]): DraftParagraph {
  const events = factsOf(input.facts, 'event').sort((a, b) => (a.data.date < b.data.date ? -1 : a.data.date > b.data.date ? 1 : a.id - b.id));
  const items = [catalogueItem(input, names, gaps), ...events.map((e) => eventItem(e)), financeItem(input, names), proactiveItem(input), decisionsItem(input)].filter((i) => i.length > 0);
  return { heading: '（一）主动公开政府信息情况', sentences: numbered(items) };
}

/** "信息由中心拟定，经科室负责人初审后，由市人民政府政务公开服务中心审核发布" / "信息经…初审、…复审、…签发后发布" */
export function chainWords(chain: ChainFacts, names: Names, parentName: string | null): string {
  const step = (s: ChainFacts['stages'][number]) => `${stageWho(s.who, names)}${s.name}`;
  const own = chain.stages.filter((s) => s.agency === 'self');
  const parent = chain.stages.filter((s) => s.agency === 'parent');
  if (parent.length === 0) return `信息经${own.map(step).join('、')}后发布`;
  const first = own.length > 0 ? `，经${own.map(step).join('、')}后` : '';
  const by = parent[0] ? stageWho(parent[0].who, names) : (parentName ?? '上级机关');
  return `信息由${names.self}拟定${first}，由${by}${parent.map((s) => s.name).join('、')}`;
}

/** （四）政府信息公开平台建设情况 */
export function platformPart(input: DraftInput, names: Names, gaps: DraftGap[]): DraftParagraph {
  const out: DraftSentence[] = [];
  const platforms = factsOf(input.facts, 'platform');
  const catalogue = cataloguePlatforms(input);
  const chain = input.chains.find((c) => c.subject === 'catalogue');
  const chainSource: DraftSource[] = chain ? [{ kind: 'chain', label: `主动公开信息的审核流程${chain.isDefault ? '（默认流程）' : ''}`, subject: 'catalogue' }] : [];
  // the agency's own portal is named as it is; a column of another's site (the government above's, or
  // whose site it is not recorded) as its 相关栏目
  const own = platforms.filter((p) => p.data.catalogue).every((p) => p.data.hosting === 'own');
  const column = catalogue.recorded ? (own ? catalogue.words : `${catalogue.words}相关栏目`) : catalogue.words;
  const via = chain ? `，${chainWords(chain, names, input.agency.parentName)}` : '';
  out.push(sentence('overview.platform.catalogue', `${names.self}依托${column}发布政务公开信息${via}`, [...catalogue.sources, ...chainSource]));
  for (const p of platforms) {
    const d: PlatformData = p.data;
    const src = factSource(p, `公开平台：${d.name}`);
    if (d.catalogue) {
      if (bare(d.description) !== '') out.push(sentence(`overview.platform.${p.id}`, `${d.name}${bare(d.description)}`, [src]));
      continue;
    }
    const purpose = bare(d.purpose) === '' ? '' : `${bare(d.purpose)}，`;
    const verb = d.type === '政务新媒体' ? `开通了${d.name}` : `依托${d.name}开展政务公开工作`;
    const description = bare(d.description) === '' ? '' : `，${bare(d.description)}`;
    const posts = d.posts > 0 ? `，全年发布信息${d.posts}条` : '';
    out.push(sentence(`overview.platform.${p.id}`, `${purpose}${names.self}${verb}${description}${posts}`, [src]));
  }
  if (platforms.length === 0) gaps.push({ section: 'overview', message: '（四）平台建设：没有登记公开平台（政府网站、政务新媒体等）。请在“公开平台”中登记。' });
  return { heading: '（四）政府信息公开平台建设情况', sentences: out };
}
