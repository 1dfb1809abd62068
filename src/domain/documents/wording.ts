// The wording a notice's generated placeholders are filled with: the reply's outcome groups, finding and
// decision per outcome, the remedy paragraph (行政复议法 第二十三条), 第三十六条第（五）项's responsible
// organ, consultation letters and fee notices. Pure.

import { OUTCOMES } from '../applications/types.ts';
import type { Outcome } from '../applications/types.ts';
import type { FeeMethod } from '../fees/fees.ts';

/** Whom a consultation letter goes to: a third party (条例第三十二条) or a co-making organ (第三十四条). */
export type Consultee = 'third_party' | 'agency';

// ---------------------------------------------------------------------------------------------
// Replies: outcome groups, wording per outcome, the remedy paragraph

/** The groups of outcomes a reply template has a section for. */
export type ReplyGroup = 'open' | 'partial' | 'deny' | 'unable' | 'reject' | 'other';

export const REPLY_GROUPS: readonly ReplyGroup[] = ['open', 'partial', 'deny', 'unable', 'reject', 'other'];

export const REPLY_GROUP_LABELS: Record<ReplyGroup, string> = {
  open: '予以公开',
  partial: '部分公开',
  deny: '不予公开',
  unable: '无法提供',
  reject: '不予处理',
  other: '其他处理',
};

export function replyGroup(outcome: Outcome): ReplyGroup {
  if (outcome === 'PARTIAL') return 'partial';
  if (outcome.startsWith('OPEN_')) return 'open';
  if (outcome.startsWith('DENY_')) return 'deny';
  if (outcome.startsWith('REJECT_')) return 'reject';
  if (outcome === 'NOT_HELD' || outcome === 'NEEDS_CREATION' || outcome === 'UNCLEAR_AFTER_CORRECTION') return 'unable';
  return 'other';
}

/** The standard finding (审查认定) and decision (处理决定) of each outcome; '' = to be typed (OTHER). */
export const OUTCOME_WORDING: Record<Outcome, { finding: string; decision: string }> = {
  OPEN_ALREADY_PUBLIC: { finding: '您申请获取的政府信息本机关已经主动公开', decision: '现告知您获取该政府信息的方式和途径' },
  OPEN_PROVIDE: { finding: '您申请获取的政府信息属于可以公开的政府信息', decision: '本机关决定予以公开' },
  OPEN_THIRD_PARTY_OVERRIDE: {
    finding: '您申请获取的政府信息涉及第三方合法权益，本机关已依法书面征求第三方意见，经审查认为不公开可能对公共利益造成重大影响',
    decision: '本机关决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方',
  },
  PARTIAL: {
    finding: '您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理',
    decision: '本机关决定部分公开：向您提供可以公开的政府信息内容，对其余内容不予公开',
  },
  DENY_STATE_SECRET: { finding: '您申请获取的政府信息属于国家秘密', decision: '本机关决定不予公开' },
  DENY_LAW_PROHIBITS: { finding: '您申请获取的政府信息属于法律、行政法规禁止公开的政府信息', decision: '本机关决定不予公开' },
  DENY_THREE_SECURITY_ONE_STABILITY: { finding: '您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定', decision: '本机关决定不予公开' },
  DENY_THIRD_PARTY: { finding: '您申请获取的政府信息涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的内容', decision: '本机关决定不予公开' },
  DENY_INTERNAL_AFFAIRS: { finding: '您申请获取的政府信息属于本机关人事管理、后勤管理、内部工作流程等方面的内部事务信息', decision: '本机关决定不予公开' },
  DENY_PROCESS_INFO: {
    finding: '您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
    decision: '本机关决定不予公开',
  },
  DENY_ENFORCEMENT_FILE: { finding: '您申请获取的政府信息属于行政执法案卷信息', decision: '本机关决定不予公开' },
  DENY_ADMIN_QUERY: {
    finding: '您申请获取的信息属于工商、不动产登记资料等行政查询事项，有关法律、行政法规对该信息的获取有特别规定',
    decision: '本机关决定不予公开，请您依照有关法律、行政法规的规定办理',
  },
  NOT_HELD: { finding: '经检索，本机关没有您申请获取的政府信息，该政府信息不存在', decision: '本机关无法向您提供该政府信息' },
  NOT_RESPONSIBLE: { finding: '您申请获取的政府信息不属于本机关负责公开', decision: '本机关无法向您提供该政府信息' },
  NEEDS_CREATION: { finding: '您申请获取的信息需要本机关对现有政府信息进行加工、分析后另行制作', decision: '本机关不予提供' },
  UNCLEAR_AFTER_CORRECTION: { finding: '本机关已告知您对申请作出补正，补正后您的申请内容仍不明确，本机关无法据此确定您所需要的政府信息', decision: '本机关无法向您提供该政府信息' },
  REJECT_PETITION: { finding: '您提出的申请实质上是以政府信息公开申请的形式进行信访、投诉、举报等活动', decision: '本机关不作为政府信息公开申请处理，您可以通过相应渠道提出' },
  REJECT_REPEAT: { finding: '本机关已就您提出的政府信息公开申请作出答复，您本次重复申请公开相同的政府信息', decision: '本机关不予重复处理' },
  REJECT_PUBLICATION: { finding: '您申请获取的是政府公报、报刊、书籍等公开出版物', decision: '本机关不作为政府信息公开申请处理，您可以通过公开出版物的发行渠道获取' },
  REJECT_MASS_REPEAT: { finding: '您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，本机关认为申请理由不合理', decision: '本机关不予处理' },
  REJECT_CONFIRM_REISSUE: { finding: '您的申请系要求本机关确认或者重新出具您已获取的信息，不属于申请获取政府信息', decision: '本机关不作为政府信息公开申请处理' },
  OTHER_NO_CORRECTION: { finding: '本机关已告知您对申请作出补正，您无正当理由逾期未补正，视为放弃申请', decision: '本机关不再处理您的该政府信息公开申请' },
  OTHER_NO_FEE: { finding: '本机关已向您发出收费通知，您逾期未按收费通知要求缴纳信息处理费，视为放弃申请', decision: '本机关不再处理您的该政府信息公开申请' },
  OTHER: { finding: '', decision: '' },
};

/** The 复议前置 remedy paragraph (行政复议法 第二十三条) for a 不予公开 reply; {reviewBody} and {court} are substituted. */
export const REMEDY_RECONSIDERATION_FIRST =
  '如对本答复不服，可以自收到本答复之日起六十日内向{reviewBody}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向{court}提起行政诉讼。根据《中华人民共和国行政复议法》第二十三条的规定，对本机关不予公开政府信息的决定不服的，应当先申请行政复议。';

/** The same for 部分公开: 复议前置 concerns the part withheld (DERIVED, domain.md §1.4). */
export const REMEDY_RECONSIDERATION_FIRST_PARTIAL =
  '如对本答复不服，可以自收到本答复之日起六十日内向{reviewBody}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向{court}提起行政诉讼。根据《中华人民共和国行政复议法》第二十三条的规定，对本机关不予公开部分政府信息的决定不服的，应当先申请行政复议。';

/** The ordinary remedy paragraph: 复议 within 60 days (行政复议法 第二十条) or suit within 6 months (行政诉讼法 第四十六条). */
export const REMEDY_ORDINARY =
  '如对本答复不服，可以自收到本答复之日起六十日内向{reviewBody}申请行政复议，或者自收到本答复之日起六个月内依法向{court}提起行政诉讼。';

/**
 * The remedy paragraph of a reply with `outcome`, naming `reviewBody` (the 行政复议机关) and `court` (the
 * 人民法院 with jurisdiction; "人民法院" when the agency has not named it).
 */
export function remedyNotice(outcome: Outcome, reviewBody: string, court = ''): string {
  const pattern = !OUTCOMES[outcome].reconsiderationFirst
    ? REMEDY_ORDINARY
    : outcome === 'PARTIAL'
      ? REMEDY_RECONSIDERATION_FIRST_PARTIAL
      : REMEDY_RECONSIDERATION_FIRST;
  return pattern.replace('{reviewBody}', reviewBody).replace('{court}', court.trim() === '' ? '人民法院' : court.trim());
}

/**
 * 条例第三十六条第（五）项: the organ responsible for disclosing the information, with its contact, when it
 * can be determined (能够确定的); otherwise that it cannot be.
 */
export function responsibleOrganNotice(organ: string, contact: string, unknown: boolean): string {
  if (unknown) return '本机关经核查，无法确定负责公开该政府信息的行政机关';
  return `该政府信息由${organ}负责公开，联系方式：${contact}。您可以向该机关咨询或者提出申请`;
}

/** A date a notice prints, or — when the date is provisional (暂定) or unknown — the statutory period in words. */
export function periodText(date: string | null, provisional: boolean, words: string, chinese: (iso: string) => string): string {
  if (date === null || provisional) return words;
  return `于${chinese(date)}前`;
}

// ---------------------------------------------------------------------------------------------
// Consultation letters and fee notices: generated wording

export const CONSULTATION_WORDING: Record<Consultee, { basis: string; consultationGround: string; consulteeTerm: string; consultationRules: string }> = {
  third_party: {
    basis: '《中华人民共和国政府信息公开条例》第三十二条',
    consultationGround: '涉及贵方的合法权益，公开可能损害贵方合法权益',
    consulteeTerm: '贵方',
    consultationRules:
      '逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方',
  },
  agency: {
    basis: '《中华人民共和国政府信息公开条例》第三十四条',
    consultationGround: '由本机关与贵机关共同制作',
    consulteeTerm: '贵机关',
    consultationRules: '逾期未提出意见的，视为同意公开',
  },
};

export const FEE_METHOD_LABELS: Record<FeeMethod, string> = { piece: '按件计收', page: '按量计收' };

/** 国办函〔2020〕109号 第四条 (按件) / 第五条 (按量), with 条例第四十二条. */
export const FEE_BASIS: Record<FeeMethod, string> = {
  piece: '《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第四条',
  page: '《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第五条',
};

export const FEE_STANDARD: Record<FeeMethod, string> = {
  piece:
    '按件计收，超额累进计算。同一申请人在一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，按100元/件收费；31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件',
  page: '按量计收，超额累进计算。同一申请件30页以下（含30页）的，不收费；31—100页（含100页）的部分，按10元/页收费；101—200页（含200页）的部分，按20元/页收费；200页以上的部分，按40元/页收费',
};

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万亿'];

/** A whole number of yuan in financial capitals (大写): 2000 → 贰仟元整, 100200 → 壹拾万零贰佰元整. */
export function capitalYuan(yuan: number): string {
  if (!Number.isSafeInteger(yuan) || yuan < 0 || yuan >= 1e16) throw new RangeError(`金额必须是0至1亿亿之间的整数元，收到${String(yuan)}。`);
  if (yuan === 0) return '零元整';
  const groups: number[] = [];
  for (let n = yuan; n > 0; n = Math.floor(n / 10000)) groups.push(n % 10000);
  let out = '';
  let zero = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const value = groups[g] as number;
    if (value === 0) {
      zero = out !== '';
      continue;
    }
    if (out !== '' && (zero || value < 1000)) out += '零';
    zero = false;
    let inner = '';
    let innerZero = false;
    for (let pos = 3; pos >= 0; pos--) {
      const d = Math.floor(value / 10 ** pos) % 10;
      if (d === 0) {
        innerZero = inner !== '';
        continue;
      }
      if (innerZero) inner += '零';
      innerZero = false;
      inner += (DIGITS[d] as string) + (SMALL_UNITS[pos] as string);
    }
    out += inner + (GROUP_UNITS[g] as string);
  }
  return `${out}元整`;
}

