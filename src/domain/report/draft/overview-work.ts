// 一、总体情况 (二) 依申请公开, (三) 政府信息管理, (五) 监督保障: the applications of table 三 and the
// cases of table 四 as the tables state them; 公开属性认定, 保密审查 and the register's 清理 rounds; the
// supervision, the review chains, the suggestions collected at events and their rectification, training.
// Every figure is the table's or the records'; a table cell the platform does not hold (null) is not
// stated but named as a gap. The wording keeps clear of P1's readings (check/prose.ts): catalogue counts
// are in 条, and no phrase reads like an application figure that it is not. Pure.

import { pathToString, REVIEW_GROUPS, type Path } from '../layout.ts';
import type { AnnualReport, ApplicantRow } from '../model.ts';
import { KIND_SPECS, SUPERVISION_TYPES, type FactOf, type ReportFact } from '../facts/kinds.ts';
import { REVIEW_SUBJECT_LABELS } from '../../review/chain.ts';
import type { DraftGap, DraftInput, DraftParagraph, DraftSentence, DraftSource } from './types.ts';
import { bare, listOf, month, numbered, sentence, stageWho, unquoted, type Names } from './words.ts';
import { complaintSentence } from '../../complaints/summary.ts';

const TOTAL = 6;
const R = ['applications', 'rows'] as const;

const factSource = (f: ReportFact, label: string): DraftSource => ({ kind: 'fact', label, factId: f.id, factKind: f.kind });
const factsOf = <K extends ReportFact['kind']>(facts: readonly ReportFact[], kind: K): FactOf<K>[] => facts.filter((f): f is FactOf<K> => f.kind === kind);
const byDate = (a: { id: number; data: { date: string } }, b: { id: number; data: { date: string } }) => (a.data.date < b.data.date ? -1 : a.data.date > b.data.date ? 1 : a.id - b.id);

const tableSource = (label: string, paths: Path[]): DraftSource => ({ kind: 'table', label, paths: paths.map(pathToString) });

/** The 总计 of rows of 三, or null when any of them is not held. */
function totalOf(report: AnnualReport, ...rows: (ApplicantRow | null | undefined)[]): number | null {
  let sum = 0;
  for (const row of rows) {
    if (row === null || row === undefined) continue;
    const v = row[TOTAL];
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return report.applications ? sum : null;
}

/** （二）依申请公开政府信息情况 — table 三, and table 四 when the platform holds it. */
export function applicationsPart(input: DraftInput, names: Names, gaps: DraftGap[]): DraftParagraph {
  const { report, year } = input;
  const rows = report.applications.rows;
  const path = (...keys: string[]): Path => [...R, ...keys, TOTAL];
  const received = totalOf(report, rows.newReceived);
  const carried = totalOf(report, rows.carriedOver);
  const review = REVIEW_GROUPS.map((g) => (report.review as unknown as Record<string, (number | null)[]>)[g.key]?.[4] ?? null);
  const reviewHeld = review.every((v) => v !== null);
  const reviewPaths = REVIEW_GROUPS.map((g) => [...g.path, 4]);
  const reviewSource = tableSource('表四 行政复议、行政诉讼总计', reviewPaths);
  const [reconsideration, direct, after] = review as number[];
  const litigation = (direct ?? 0) + (after ?? 0);
  if (!reviewHeld) gaps.push({ section: 'overview', message: '（二）依申请公开：表四（行政复议、行政诉讼）在平台上还没有数据，草稿没有写复议、诉讼情况。请在表四有数据后重新生成，或自行补充。' });
  const out: DraftSentence[] = [];
  if (received === null || carried === null) {
    gaps.push({ section: 'overview', message: '（二）依申请公开：表三没有本年新收或上年结转的数据。' });
    return { heading: '（二）依申请公开政府信息情况', sentences: out };
  }
  const receivedSource = tableSource('表三 一、本年新收 二、上年结转（总计）', [path('newReceived'), path('carriedOver')]);
  if (received === 0 && carried === 0) {
    const noCases = reviewHeld && reconsideration === 0 && litigation === 0;
    out.push(sentence('overview.applications.received', `${names.self}未收到任何形式的政府信息公开申请${noCases ? '，不存在行政复议与行政诉讼情况' : ''}`, [receivedSource, ...(noCases ? [reviewSource] : [])]));
    if (reviewHeld && !noCases) out.push(reviewSentence(reconsideration ?? 0, litigation, reviewSource, year));
    return { heading: '（二）依申请公开政府信息情况', sentences: out };
  }
  out.push(sentence('overview.applications.received', `${year}年，${names.self}新收政府信息公开申请${received}件${carried > 0 ? `，上年结转${carried}件` : ''}`, [receivedSource]));
  const handled = totalOf(report, rows.totalHandled);
  const forward = totalOf(report, rows.carriedForward);
  if (handled !== null) {
    const groups: [string, number | null, Path[]][] = [
      ['予以公开', totalOf(report, rows.granted), [path('granted')]],
      ['部分公开', totalOf(report, rows.partlyGranted), [path('partlyGranted')]],
      ['不予公开', totalOf(report, ...Object.values(rows.denied)), Object.keys(rows.denied).map((k) => path('denied', k))],
      ['无法提供', totalOf(report, ...Object.values(rows.unableToProvide)), Object.keys(rows.unableToProvide).map((k) => path('unableToProvide', k))],
      ['不予处理', totalOf(report, ...Object.values(rows.notProcessed)), Object.keys(rows.notProcessed).map((k) => path('notProcessed', k))],
      ['其他处理', totalOf(report, rows.otherHandling.noCorrection, rows.otherHandling.unpaidFee, rows.otherHandling.other), ['noCorrection', 'unpaidFee', 'other'].filter((k) => rows.otherHandling[k as 'other'] !== null).map((k) => path('otherHandling', k))],
    ];
    const stated = groups.filter(([, n]) => n !== null && n > 0).map(([label, n]) => `${label}${n}件`);
    const text = handled === 0 ? '本年度未办结政府信息公开申请' : `本年度办结${handled}件${stated.length > 0 ? `，其中${stated.join('、')}` : ''}`;
    const tail = forward === null ? '' : `；结转下年度继续办理${forward}件`;
    out.push(sentence('overview.applications.results', `${text}${tail}`, [tableSource('表三 三、本年度办理结果 四、结转下年度继续办理（总计）', [path('totalHandled'), ...groups.flatMap(([, , p]) => p), path('carriedForward')])]));
  }
  if (reviewHeld) out.push(reviewSentence(reconsideration ?? 0, litigation, reviewSource, year));
  return { heading: '（二）依申请公开政府信息情况', sentences: out };
}

function reviewSentence(reconsideration: number, litigation: number, source: DraftSource, year: number): DraftSentence {
  const text = reconsideration === 0 && litigation === 0 ? `${year}年不存在因政府信息公开工作引起的行政复议与行政诉讼情况` : `${year}年因政府信息公开工作被申请行政复议${reconsideration}件，被提起行政诉讼${litigation}件`;
  return sentence('overview.applications.review', text, [source]);
}

/** （三）政府信息管理 — 公开属性认定 and 保密审查 of the catalogue, the 清理 rounds of the register. */
export function managementPart(input: DraftInput, names: Names, gaps: DraftGap[]): DraftParagraph {
  const items: DraftSentence[][] = [];
  const c = input.catalogue;
  const decided = new Map(c.disclosure.map((d) => [d.disclosure ?? '', d.count]));
  const formed = c.disclosure.reduce((s, d) => s + (d.disclosure === null ? 0 : d.count), 0);
  if (formed > 0 || c.secrecy.reviews > 0) {
    const parts: string[] = [];
    if (formed > 0) parts.push(`${input.year}年对${formed}条信息认定公开属性，其中主动公开${decided.get('主动公开') ?? 0}条、依申请公开${decided.get('依申请公开') ?? 0}条、不予公开${decided.get('不予公开') ?? 0}条`);
    if (c.secrecy.reviews > 0) parts.push(`对拟公开的${c.secrecy.items}条信息进行保密审查${c.secrecy.reviews}次`);
    items.push([
      sentence('overview.management.disclosure', `严格落实公文公开属性源头认定和保密审查制度，${parts.join('；')}，确保政府信息发布及时、准确、安全`, [
        { kind: 'catalogue', label: `${input.year}年形成的信息的公开属性和保密审查记录`, itemIds: [], count: formed },
      ]),
    ]);
  }
  const rounds = [...input.cleanup].sort((a, b) => a.id - b.id);
  for (const r of rounds) {
    const src: DraftSource = { kind: 'cleanup', label: `清理：${r.title}`, roundId: r.id };
    if (r.state === 'open') {
      items.push([sentence(`overview.management.cleanup.${r.id}`, `开展“${unquoted(r.title)}”，目前正在进行中`, [src])]);
      continue;
    }
    const until = `截至${Number(r.asOf.slice(0, 4))}年${Number(r.asOf.slice(5, 7))}月${Number(r.asOf.slice(8, 10))}日`;
    let text: string;
    if (r.entries === 0) text = `认真开展行政规范性文件清理，开展“${unquoted(r.title)}”，核查${until}现行有效的规章和行政规范性文件，${bare(r.summary) || '未发现行政规范性文件'}`;
    else {
      const parts = Object.entries(r.byConclusion).filter(([, n]) => n > 0).map(([k, n]) => `${k}${n}件`);
      text = `认真开展行政规范性文件清理，开展“${unquoted(r.title)}”，清理${until}现行有效的规章和行政规范性文件${r.entries}件，其中${parts.join('、')}`;
    }
    const item = [sentence(`overview.management.cleanup.${r.id}`, text, [src])];
    if (r.entries > 0 && bare(r.summary) !== '') item.push(sentence(`overview.management.cleanup.${r.id}.summary`, r.summary, [src]));
    items.push(item);
  }
  if (items.length === 0) gaps.push({ section: 'overview', message: `（三）政府信息管理：平台上没有${input.year}年公开属性认定、保密审查或规范性文件清理的记录。` });
  return { heading: '（三）政府信息管理', sentences: numbered(items) };
}

/** The chains of the agency as words, one per distinct wording, with the subjects that follow it. */
function chainItem(input: DraftInput, names: Names): DraftSentence[] {
  // the catalogue always follows its chain (the default one when none is set); the others only when set
  const chains = input.chains.filter((c) => c.subject === 'catalogue' || !c.isDefault);
  if (chains.length === 0) return [];
  const words = new Map<string, { subjects: string[]; stages: number; own: boolean }>();
  for (const c of chains) {
    const steps = c.stages.map((s) => `${stageWho(s.who, names)}${s.name}`).join('、');
    const entry = words.get(steps) ?? { subjects: [], stages: c.stages.length, own: c.stages.every((s) => s.agency === 'self') };
    entry.subjects.push(REVIEW_SUBJECT_LABELS[c.subject]);
    words.set(steps, entry);
  }
  // DERIVED: three stages of the agency's own are what reports call 三审三校 (domain.md §6.1)
  const threeStages = [...words.values()].some((w) => w.stages === 3 && w.own);
  const clauses = [...words.entries()].map(([steps, w]) => `${listOf(w.subjects)}发布严格履行${steps}流程`);
  const sources: DraftSource[] = chains.map((c) => ({ kind: 'chain', label: `${REVIEW_SUBJECT_LABELS[c.subject]}的审核流程${c.isDefault ? '（默认流程）' : ''}`, subject: c.subject }));
  return [sentence('overview.supervision.chains', `严格执行信息公开${threeStages ? '“三审三校”' : '审核'}制度，${clauses.join('，')}，确保发布的信息客观、公正、无差错`, sources)];
}

/** The suggestions of an event: collected, and what became of them. */
function suggestionItem(e: FactOf<'event'>, suggestions: FactOf<'suggestion'>[], names: Names, year: number): DraftSentence[] {
  const mine = suggestions.filter((s) => s.parentId === e.id);
  if (mine.length === 0) return [];
  const name = `“${unquoted(e.data.name)}”`;
  const count = (state: string) => mine.filter((s) => s.data.state === state).length;
  const done = count('已整改');
  const state =
    done === mine.length
      ? '已全部整改落实'
      : [done > 0 ? `已整改${done}条` : '', count('整改中') > 0 ? `正在整改${count('整改中')}条` : '', count('未整改') > 0 ? `尚未整改${count('未整改')}条` : ''].filter((p) => p !== '').join('，');
  const sources = [factSource(e, `公众参与活动：${unquoted(e.data.name)}（${e.data.date}）`), ...mine.map((s) => factSource(s, `意见建议：${s.data.text.slice(0, 30)}`))];
  return [
    sentence(`overview.supervision.event.${e.id}`, `通过${name}活动组织社会评议，收集人民群众意见建议`, sources.slice(0, 1)),
    sentence(`overview.supervision.event.${e.id}.result`, `${year}年${name}活动中，${names.self}收集意见建议${mine.length}条，${state}`, sources),
  ];
}

function trainingItem(trainings: FactOf<'training'>[]): DraftSentence[] {
  if (trainings.length === 0) return [];
  const sources = trainings.map((t) => factSource(t, `培训：${t.data.topic}（${t.data.date}）`));
  if (trainings.length === 1) {
    const t = trainings[0] as FactOf<'training'>;
    return [sentence('overview.supervision.training', `${month(t.data.date)}，组织开展${unquoted(t.data.topic)}培训，参训${t.data.participants}人${bare(t.data.note) === '' ? '' : `，${bare(t.data.note)}`}`, sources)];
  }
  const people = trainings.reduce((s, t) => s + t.data.participants, 0);
  return [sentence('overview.supervision.training', `组织开展政府信息公开业务培训${trainings.length}次，参训${people}人次，内容包括${listOf(trainings.map((t) => unquoted(t.data.topic)))}`, sources)];
}

/** The year's 投诉、举报 received as the office above (条例第五十一条): received, answered by result, 责任追究 (第五十条). */
function complaintItem(input: DraftInput, names: Names): DraftSentence[] {
  const y = input.complaints;
  if (!y) return [];
  const text = complaintSentence(y, names.self);
  return text === null ? [] : [sentence('overview.supervision.complaints', text, [{ kind: 'complaints', label: `${input.year}年收到的投诉、举报`, ids: y.ids }])];
}

/** （五）监督保障情况 */
export function supervisionPart(input: DraftInput, names: Names, gaps: DraftGap[]): DraftParagraph {
  const order = (t: string) => SUPERVISION_TYPES.indexOf(t as (typeof SUPERVISION_TYPES)[number]);
  const supervision = factsOf(input.facts, 'supervision').sort((a, b) => order(a.data.type) - order(b.data.type) || a.id - b.id);
  const suggestions = factsOf(input.facts, 'suggestion');
  const events = factsOf(input.facts, 'event').sort(byDate);
  const assessments = supervision.filter((s) => s.data.type === '工作考核');
  const items: DraftSentence[][] = [
    ...supervision.filter((s) => s.data.type !== '工作考核').map((s) => [supervisionSentence(s)]),
    chainItem(input, names),
    ...events.map((e) => suggestionItem(e, suggestions, names, input.year)),
    ...assessments.map((s) => [supervisionSentence(s)]),
    complaintItem(input, names),
    trainingItem(factsOf(input.facts, 'training').sort(byDate)),
  ].filter((i) => i.length > 0);
  if (supervision.length === 0) gaps.push({ section: 'overview', message: `（五）监督保障：没有登记${KIND_SPECS.supervision.label}（制度建设、监督检查、考核、社会评议、责任追究）。` });
  if (input.agency.level === 'government') {
    // 条例第五十条第（四）项: a government's report states the results of 考核, 社会评议 and 责任追究
    for (const type of ['工作考核', '社会评议', '责任追究'] as const) {
      const held = supervision.some((s) => s.data.type === type) || (type === '社会评议' && suggestions.length > 0) || (type === '责任追究' && (input.complaints?.accountability ?? 0) > 0);
      if (!held) gaps.push({ section: 'overview', message: `（五）监督保障：人民政府的年度报告应当写明${type}结果（条例第五十条第（四）项），尚未登记。` });
    }
  }
  return { heading: '（五）监督保障情况', sentences: numbered(items) };
}

function supervisionSentence(s: FactOf<'supervision'>): DraftSentence {
  const when = s.data.date === '' ? '' : `${month(s.data.date)}，`;
  const outcome = bare(s.data.outcome) === '' ? '' : `，${bare(s.data.outcome)}`;
  const { found, rectified } = s.data;
  const problems = found === 0 ? '' : `，发现问题${found}个，${rectified === found ? '已全部整改' : `已整改${rectified}个`}`;
  return sentence(`overview.supervision.${s.id}`, `${when}${bare(s.data.what)}${problems}${outcome}`, [factSource(s, `${s.data.type}：${s.data.what.slice(0, 30)}`)]);
}
