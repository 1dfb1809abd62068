// The demo's column pages: the default 政府信息公开指南 and 制度 with every blank filled with
// fictitious details, each page saying it is demo data.

import { defaultGuide, defaultRules, PLACEHOLDER_MARK } from '../column.ts';
import { DEMO_AGENCY, DEMO_OFFICE, DEMO_REVIEW_BODY } from './agency.ts';

const DEMO_NOTE = '【示范数据】本页由 gongkai demo 生成，机构名称、地址、电话、邮箱等均为虚构，仅供演示，请勿据此提出申请。';

/** The default guide with every 【待填写…】 filled with demo details (条例第十二条: 工作机构名称、地址、时间、电话、传真、互联网联系方式). */
export function demoGuide(): string {
  const fill = (hint: string): string => {
    if (hint.startsWith('本机关根据职能')) return '- 自然资源和国土空间规划：国土空间总体规划、详细规划及其批复，土地征收成片开发方案，征地批复及征收土地公告';
    if (hint.startsWith('本机关的其他公开途径')) return '- 本机关政务新媒体“示范自然资源”（示范数据）及设在示范市人民路1号的政府信息公开查阅点';
    if (hint.startsWith('政府信息公开工作机构名称')) return '示范市自然资源和规划局办公室（政务公开科）';
    if (hint.startsWith('办公地址')) return DEMO_OFFICE;
    if (hint.startsWith('邮政编码')) return '000001（示范数据）';
    if (hint.startsWith('如“工作日')) return '工作日上午9:00—12:00，下午13:30—17:30（法定节假日除外）';
    if (hint.startsWith('联系电话')) return '0000-12345678（演示号码）';
    if (hint.startsWith('传真号码')) return '0000-12345679（演示号码）';
    if (hint.startsWith('电子邮箱')) return '电子邮箱 gongkai@demo.example（演示地址）';
    if (hint.startsWith('上一级行政机关')) return '示范市人民政府办公室（政务公开办），电话0000-12340000（演示号码）';
    if (hint.startsWith('行政复议机关')) return DEMO_REVIEW_BODY;
    return '（示范数据）';
  };
  return `${DEMO_NOTE}\n\n${fillPlaceholders(defaultGuide(DEMO_AGENCY), fill)}`;
}

export function demoRules(): string {
  return `${DEMO_NOTE}\n\n${fillPlaceholders(defaultRules(DEMO_AGENCY), () =>
    '- 《示范市自然资源和规划局政府信息公开工作制度》（示自然资规发〔2024〕1号，示范数据）\n- 《示范市自然资源和规划局政府信息公开申请办理规程》（示自然资规发〔2024〕2号，示范数据）',
  )}`;
}

/** Replaces each 【待填写：hint】 (an agency's blank) with fill(hint); a whole-line blank by a whole line. */
function fillPlaceholders(body: string, fill: (hint: string) => string): string {
  return body.replace(new RegExp(`${PLACEHOLDER_MARK}[：:]?([^】]*)】`, 'g'), (_m, hint: string) => fill(hint.trim()));
}