// The audit log in words: one entry as who (the display name), what (a Chinese sentence per kind of
// action, with the figures of its detail that say what changed), which object (a link to the
// application, the catalogue item, the case, the report …) and from where (本机 for the loopback
// address). Every action the code writes has its wording here (test/web/audit-words.test.ts finds them
// in the source and fails on one without); an action not known falls back to a readable line — never the
// raw JSON of its detail. Pure.

import { DELIVERY_METHOD_LABELS } from '../../../domain/documents/delivery.ts';
import type { DeliveryMethod } from '../../../domain/documents/delivery.ts';
import { AMENDMENT_DECISION_LABELS } from '../../../domain/amendments/vocab.ts';
import type { AmendmentDecision } from '../../../domain/amendments/vocab.ts';
import { COMPLAINT_RESULT_LABELS } from '../../../domain/complaints/vocab.ts';
import type { ComplaintResult } from '../../../domain/complaints/vocab.ts';
import { ROLE_LABELS } from '../../../services/accounts/roles.ts';
import type { Role } from '../../../services/accounts/roles.ts';
import { EVENT_LABELS } from '../../../domain/applications/transitions.ts';
import { OUTCOMES, STATE_LABELS } from '../../../domain/applications/types.ts';
import type { EventType, HandlingState, Outcome } from '../../../domain/applications/types.ts';
import { DOCUMENT_KIND_LABELS } from '../../../domain/documents/templates.ts';
import type { DocumentKind } from '../../../domain/documents/templates.ts';
import type { AuditEntry } from '../../../services/audit.ts';

export interface AuditLine {
  /** who: the display name, else the user name; the command line; an unknown visitor */
  who: string;
  /** what, as a sentence */
  what: string;
  /** which object, with the page to open it (null: no page, or the platform's log) */
  object: { text: string; href: string | null } | null;
  /** the address: 本机 for loopback, else as recorded; null when none was recorded */
  ip: string | null;
}

type Detail = Record<string, unknown>;

const s = (d: Detail, key: string): string => {
  const v = d[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};
const n = (d: Detail, key: string): number | null => (typeof d[key] === 'number' ? (d[key] as number) : null);
/** 「text」 when there is text, else '' (for optional parts of a sentence). */
const q = (text: string, before = '', after = ''): string => (text === '' ? '' : `${before}${text}${after}`);
const role = (d: Detail): string => ROLE_LABELS[s(d, 'role') as Role] ?? s(d, 'role');
const stateOf = (d: Detail): string => STATE_LABELS[s(d, 'state') as HandlingState] ?? s(d, 'state');
const eventOf = (d: Detail): string => EVENT_LABELS[s(d, 'type') as EventType] ?? s(d, 'type');
const docKind = (d: Detail): string => DOCUMENT_KIND_LABELS[s(d, 'kind') as DocumentKind] ?? '文书';
const outcomeOf = (d: Detail): string => OUTCOMES[s(d, 'outcome') as Outcome]?.label ?? '';
const reviewed = (d: Detail): string => q(s(d, 'stage'), '（', '）') + q(s(d, 'comment'), '，意见：');
const yearOf = (d: Detail): string => q(s(d, 'year'), '', '年度');

const LOGIN_FAILURES: Record<string, string> = {
  wrong_password: '密码错误',
  unknown_user: '用户名不存在',
  disabled: '账号已停用',
  backoff: '输错次数过多，暂停登录',
  wrong_current_password: '修改密码时原密码错误',
};

/** The sentence of each action the code writes. */
export const AUDIT_WORDS: Readonly<Record<string, (d: Detail) => string>> = {
  // accounts and sign-in
  login: () => '登录工作平台',
  login_failed: (d) => `登录失败${q(LOGIN_FAILURES[s(d, 'reason')] ?? '', '（', '）')}`,
  login_backoff: (d) => `连续输错密码${q(s(d, 'failures'), '', '次')}，暂停登录${q(s(d, 'seconds'), '', '秒')}`,
  account_locked: () => '账号被锁定',
  logout: () => '退出工作平台',
  'password.change': () => '修改本人密码',
  'user.create': (d) => `新增用户${d['platformAdmin'] === true ? '（平台管理员）' : ''}${q(role(d), '，角色：')}`,
  'membership.add': (d) => `给用户增加角色：${role(d)}`,
  'membership.remove': (d) => `取消用户的角色：${role(d)}`,
  'user.password_reset': (d) => `重置密码${n(d, 'sessionsEnded') ? `，结束其${n(d, 'sessionsEnded')}个登录会话` : ''}`,
  'user.unlock': () => '解除用户的登录锁定',
  'user.disable': () => '停用账号',
  'user.enable': () => '启用账号',
  'user.platform_admin.grant': () => '设为平台管理员',
  'user.platform_admin.revoke': () => '取消平台管理员',
  'api_token.create': (d) => `创建接口令牌${q(s(d, 'name'), '“', '”')}`,
  'api_token.revoke': () => '撤销接口令牌',
  // the platform and the agency
  setup: () => '完成初始设置，创建第一个机关和管理员',
  'agency.create': (d) => `创建机关${q(s(d, 'name'), '“', '”')}`,
  'agency.update': () => '修改本机关信息',
  'site.update': () => '修改网站标识与联系方式（页脚和告知书的联系方式）',
  'site.emblem.set': () => '更换专栏页头标识',
  'site.emblem.remove': () => '删除专栏页头标识',
  'agency.parent': (d) => `设置上级机关：${s(d, 'to') || '无'}${q(s(d, 'from'), '（原为', '）')}`,
  'calendar.year': (d) => `录入${yearOf(d) || '某年'}节假日安排`,
  'calendar.rest_day': (d) => `增加本地休息日${q(s(d, 'date'))}${q(s(d, 'name'), '（', '）')}`,
  'calendar.import': (d) => {
    const years = Array.isArray(d['years']) ? (d['years'] as unknown[]).filter((y) => typeof y === 'number').join('、') : '';
    const days = n(d, 'localRestDays');
    const what = [years ? `${years}年的节假日安排` : '', days ? `${days}个本地休息日` : ''].filter((x) => x !== '').join('和');
    return `${d['via'] === 'start' ? '启动时将旧的日历文件导入数据库' : '导入工作日历'}${q(what, '：')}`;
  },
  'limits.update': (d) => {
    const changed = Array.isArray(d['changed']) ? (d['changed'] as { label?: unknown; to?: { count?: unknown; minutes?: unknown } }[]) : [];
    const words = changed.filter((x) => typeof x.label === 'string').map((x) => `${String(x.label)}改为每${String(x.to?.minutes ?? '')}分钟最多${String(x.to?.count ?? '')}次`);
    return `修改公众访问的次数限制${q(words.join('；'), '：')}`;
  },
  'limits.trusted': (d) => {
    const list = (key: string) => (Array.isArray(d[key]) ? (d[key] as unknown[]).filter((x) => typeof x === 'string').join('、') : '');
    return `修改不受地址限制的可信地址${q(list('added'), '，增加 ')}${q(list('removed'), '，删除 ')}${n(d, 'count') !== null ? `，现共${n(d, 'count')}项` : ''}`;
  },
  'column.page': (d) => `修改公开栏目页面${d['restoredDefault'] === true ? '（恢复默认内容）' : ''}`,
  'review_chain.update': () => '修改审核流程',
  // applications
  'application.register': (d) => `登记申请${q(s(d, 'number'), ' ')}`,
  // 更正申请 (条例第四十一条)
  'amendment.register': (d) => `登记更正申请${q(s(d, 'number'), ' ')}${q(s(d, 'receivedOn'), '，收到日期')}`,
  'amendment.decide': (d) => `办结更正申请${q(s(d, 'number'), ' ')}${q(AMENDMENT_DECISION_LABELS[s(d, 'decision') as AmendmentDecision] ?? '', '：')}${q(s(d, 'authority'), '（', '）')}${q(s(d, 'noticeNumber'), '，告知书 ')}`,
  // 投诉、举报 (条例第五十一条)
  'complaint.file': (d) => `收到投诉、举报${q(s(d, 'number'), ' ')}${q(s(d, 'against'), '（被投诉、举报的机关：', '）')}`,
  'complaint.assign': (d) => `交办投诉、举报${q(s(d, 'number'), ' ')}${q(s(d, 'assignee'), '，承办人')}`,
  'complaint.answer': (d) => `答复投诉、举报${q(s(d, 'number'), ' ')}${q(COMPLAINT_RESULT_LABELS[s(d, 'result') as ComplaintResult] ?? '', '：')}${d['accountability'] === true ? '，有责任追究' : ''}`,
  'complaint.period': (d) => `修改投诉、举报的答复期限${q(String(d['to'] ?? ''), '为', '个工作日')}`,
  'application.event': (d) => `记录办理步骤：${eventOf(d)}${q(stateOf(d), '（', '）')}${q(s(d, 'occurredOn'), '，日期')}`,
  'document.issue': (d) => `制作${docKind(d)}${q(s(d, 'number'), ' ')}`,
  'document.deliver': (d) => `登记文书${q(s(d, 'number'), ' ')}的送达${q(DELIVERY_METHOD_LABELS[s(d, 'method') as DeliveryMethod] ?? '', '（', '）')}${q(s(d, 'deliveredOn'), '，送达日期')}${d['automatic'] === true ? '（申请人在本平台查看答复时自动登记）' : ''}`,
  'document.pdf': (d) => `生成文书${q(s(d, 'number'), ' ')}的 PDF 文件（首次下载时生成并保存${s(d, 'via') === 'online' ? '，由申请人下载' : ''}）`,
  'id_number.view': (d) => `查看申请${q(s(d, 'number'), ' ', ' ')}的完整证件号码`,
  'identity_proof.view': (d) => `查看申请${q(s(d, 'number'), ' ', ' ')}的身份证明文件${q(s(d, 'fileName'), '“', '”')}`,
  'query_password.reset': (d) => `重置申请${q(s(d, 'number'), ' ', ' ')}的查询密码（原查询密码失效，新密码只向经办人显示一次）`,
  'application_scan.add': (d) => `附上申请${q(s(d, 'number'), ' ', ' ')}的申请书扫描件${q(s(d, 'fileName'), '“', '”')}`,
  'application_correction.view': (d) => `查看申请人在线补正的文件${q(s(d, 'fileName'), '“', '”')}`,
  'application_scan.view': (d) => `查看申请${q(s(d, 'number'), ' ', ' ')}的申请书扫描件${q(s(d, 'fileName'), '“', '”')}`,
  'ledger.export': (d) => `导出台账（${s(d, 'format').toUpperCase() || '文件'}，${d['full'] === true ? '含完整证件号码' : '证件号码已隐藏'}${q(s(d, 'rows'), '，', '行')}）`,
  'applications.export': (d) => `导出申请列表（${s(d, 'format').toUpperCase() || '文件'}，${d['full'] === true ? '含完整证件号码' : '证件号码已隐藏'}${q(s(d, 'rows'), '，', '件')}）`,
  // the catalogue
  'catalogue.from_application': (d) => `将依申请公开的信息转为主动公开${q(s(d, 'applicationNumber'), '（申请', '）')}${q(s(d, 'title'), '：“', '”')}${q(s(d, 'indexNumber'), '，索引号 ')}`,
  'withheld.review': (d) => `评估审查不予公开的信息${q(s(d, 'label'), '“', '”')}${q(s(d, 'outcome'), '：')}${q(s(d, 'reviewedOn'), '，审查日期')}`,
  'catalogue.create': (d) => `新建公开目录信息${q(s(d, 'title'), '“', '”')}`,
  'catalogue.update': (d) => `修改公开目录信息${q(s(d, 'version'), '（第', '版）')}`,
  'catalogue.attach': (d) => `上传附件${q(s(d, 'fileName'), '“', '”')}`,
  'catalogue.detach': (d) => `删除附件${q(s(d, 'fileName'), '“', '”')}`,
  'catalogue.import': (d) => `导入公开目录${q(s(d, 'imported'), '，共', '条')}`,
  'catalogue.settings': () => '修改公开目录设置',
  'catalogue.disclosure': (d) => `确定公开属性${q(s(d, 'disclosure'), '：')}`,
  'catalogue.secrecy_review': () => '登记保密审查意见',
  'catalogue.submit': () => '提交审核',
  'catalogue.review.approve': (d) => `审核同意${reviewed(d)}`,
  'catalogue.review.return': (d) => `审核退回${reviewed(d)}`,
  'catalogue.schedule': (d) => `定时发布${q(s(d, 'publishAt'), '：')}`,
  'catalogue.unschedule': () => '取消定时发布',
  'catalogue.publish': (d) => `发布公开信息${q(s(d, 'publishedOn'), '，发布日期')}`,
  'catalogue.withdraw': (d) => `撤回公开信息${q(s(d, 'reason'), '，理由：')}`,
  'catalogue.correct': (d) => `更正公开信息${q(s(d, 'note'), '：')}`,
  'catalogue.cleanup': () => '按清理结论处理公开信息',
  'cleanup.create': (d) => `发起文件清理${q(s(d, 'title'), '“', '”')}`,
  'cleanup.conclusion': () => '登记清理结论',
  'cleanup.conclude': () => '完成文件清理',
  // the annual report
  'report.submit': (d) => `提交${yearOf(d)}年度报告送审`,
  'report.review.approve': (d) => `审核同意${yearOf(d)}年度报告${reviewed(d)}`,
  'report.review.return': (d) => `审核退回${yearOf(d)}年度报告${reviewed(d)}`,
  'report.recall': (d) => `撤回送审的${yearOf(d)}年度报告`,
  'report.correct_start': (d) => `开始更正已发布的${yearOf(d)}年度报告`,
  'report.publish': (d) => `发布${yearOf(d)}年度报告`,
  'report.replace': (d) => `更正${yearOf(d)}年度报告${q(s(d, 'changeNote'), '：')}`,
  'report.withdraw': (d) => `撤回已发布的${yearOf(d)}年度报告`,
  'report_fact.create': (d) => `录入${yearOf(d)}年报素材`,
  'report_fact.update': (d) => `修改${yearOf(d)}年报素材`,
  'report_fact.delete': (d) => `删除${yearOf(d)}年报素材`,
  'report_fact.carry': () => '沿用上年年报素材',
  'report_draft.edit': () => '修改年度报告草稿文字',
  'report_draft.revert': () => '恢复年度报告草稿的原文字',
  // 年报数据 (table 二, table 四)
  'records.counts': () => '录入年报数据（行政许可、处罚等数量）',
  'records.import': (d) => `导入年报数据${q(s(d, 'file'), '“', '”')}`,
  'records.case.create': (d) => `登记行政复议、行政诉讼案件${q(s(d, 'caseNumber'), ' ')}`,
  'records.case.update': (d) => `修改案件${q(s(d, 'caseNumber'), ' ')}`,
  'records.case.delete': (d) => `删除案件${q(s(d, 'caseNumber'), ' ')}${q(s(d, 'reason'), '，理由：')}`,
  'records.case.document.add': (d) => `上传案件文书${q(s(d, 'title'), '“', '”')}`,
  'records.case.document.delete': (d) => `删除案件文书${q(s(d, 'title'), '“', '”')}`,
  // 政务公开监督
  'oversight.upload': (d) => `上传下级机关的${yearOf(d)}年度报告${Array.isArray(d['files']) ? `${d['files'].length}份` : ''}`,
  'oversight.file': (d) => `确认${yearOf(d)}年度报告文件${q(s(d, 'fileName'), '“', '”')}所属机关`,
  'oversight.discard': (d) => `舍弃年度报告文件${q(s(d, 'fileName'), '“', '”')}`,
  'oversight.enter': (d) => `据原件录入${yearOf(d)}年度报告`,
  'oversight.published_on': (d) => `录入年度报告发布日期${q(s(d, 'to'), '：')}`,
  'oversight.exclude': (d) => `${yearOf(d)}年度报告不纳入汇总${q(s(d, 'reason'), '，理由：')}`,
  'oversight.include': (d) => `${yearOf(d)}年度报告重新纳入汇总`,
  'oversight.settings': () => '修改监督设置（评分细则、乡镇街道截止日期）',
  'oversight.remind': (d) => `催报${yearOf(d)}年度报告${d['email'] === true || s(d, 'emailTo') !== '' ? '（平台内并发送邮件）' : '（平台内）'}`,
  'oversight.remind.email': (d) => `发送催报邮件${s(d, 'status') === 'sent' ? '' : '（未发出）'}`,
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost|local)$/i;

/** 本机 for the loopback address (and 'local': no socket, client-address.ts), else the address as recorded. */
export function ipWords(ip: string | null): string | null {
  if (ip === null || ip === '') return null;
  return LOOPBACK.test(ip) ? '本机' : ip;
}

/** The object of the entry and its page, from its target (`kind:id`) and detail. */
export function auditObject(entry: Pick<AuditEntry, 'target' | 'detail'>, base: string | null): AuditLine['object'] {
  const target = entry.target ?? '';
  const d = entry.detail;
  const colon = target.indexOf(':');
  const kind = colon < 0 ? target : target.slice(0, colon);
  const id = colon < 0 ? '' : target.slice(colon + 1);
  const numeric = /^[1-9][0-9]*$/.test(id);
  const link = (text: string, path: string | null) => ({ text, href: base !== null && path !== null ? `${base}${path}` : null });
  switch (kind) {
    case 'application':
      return link(`申请 ${s(d, 'number') || id}`, numeric ? `/applications/${id}` : null);
    case 'amendment':
      return link(`更正申请 ${s(d, 'number') || id}`, numeric ? `/amendments/${id}` : null);
    case 'complaint':
      return link(`投诉、举报 ${s(d, 'number') || id}`, numeric ? `/complaints/${id}` : null);
    case 'document':
      return link(`${docKind(d)} ${s(d, 'number') || id}`, numeric ? `/documents/${id}` : null);
    case 'upload': {
      const app = n(d, 'applicationId');
      return link(`申请 ${s(d, 'number') || (app ?? '')} 的文件`, app !== null ? `/applications/${app}` : null);
    }
    case 'catalogue':
      return link(`公开目录 ${s(d, 'indexNumber') || s(d, 'title') || id}`, numeric ? `/catalogue/${id}` : null);
    case 'review_case':
      return link(`案件 ${s(d, 'caseNumber') || id}`, numeric ? `/records/cases/${id}` : null);
    case 'report':
      return link(`${id}年度报告`, /^\d{4}$/.test(id) ? `/report/${id}` : null);
    case 'report_fact':
    case 'report_facts':
    case 'report_draft':
      return link(`${s(d, 'year') || id}年报素材`, null);
    case 'cleanup':
      return link(`文件清理 ${s(d, 'title') || id}`, numeric ? `/register/cleanup/${id}` : null);
    case 'user':
      return { text: `用户 ${id}`, href: null };
    case 'agency':
      return { text: `机关 ${s(d, 'name') || s(d, 'agency') || id}`, href: null };
    case 'calendar':
      return { text: id === 'import' ? '工作日历' : `工作日历 ${id}`, href: null };
    case 'settings':
      return { text: id === 'trusted_addresses' ? '访问限制：可信地址' : id === 'rate_limits' ? '访问限制：次数限制' : `设置 ${id}`, href: null };
    case 'api_token':
      return { text: '接口令牌', href: null };
    case 'oversight':
    case 'oversight-file':
      return { text: `${s(d, 'year') || id}年度报告${q(s(d, 'fileName'), '文件“', '”')}`, href: null };
    case 'review_chain':
      return { text: '审核流程', href: null };
    case 'ledger.csv':
    case 'ledger.xlsx':
      return { text: '台账', href: null };
    case 'applications.xlsx':
      return link('申请列表', '/applications');
    case '':
      return null;
    default:
      return { text: target, href: null };
  }
}

/** One entry in words; `base` is the agency's workspace path (null on the platform's log: no links). */
export function auditLine(entry: AuditEntry, base: string | null): AuditLine {
  const d = entry.detail ?? {};
  const words = AUDIT_WORDS[entry.action];
  const who = entry.displayName || entry.username || (d['via'] === 'cli' ? '命令行' : d['via'] === 'start' ? '平台启动' : entry.userId === null ? '未登录的访问者' : `用户 ${entry.userId}`);
  const what = words ? words(d) : `其他操作（${entry.action}）`;
  const via = d['via'] === 'api' ? '（通过接口）' : d['via'] === 'cli' && (entry.displayName || entry.username) ? '（通过命令行）' : '';
  return { who, what: `${what}${via}`, object: auditObject(entry, base), ip: ipWords(entry.ip) };
}
