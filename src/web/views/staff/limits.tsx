// 访问限制 (平台管理): how many online applications, status queries and online 补正/撤回 one network
// address — and how many applications one applicant — may send within a time, and the trusted
// addresses (a 政务服务大厅's NAT address) exempt from the limits per address: two forms, two settings
// (services/limits/settings.ts). GONGKAI_TRUST_PROXY is shown, read-only, below. Pure.

import type { TrustProxy } from '../../../config.ts';
import { LIMIT_BOUNDS, LIMIT_LABELS, LIMIT_NAMES, MAX_TRUSTED } from '../../../services/limits/settings.ts';
import type { LimitName, RateLimits } from '../../../services/limits/settings.ts';
import { Csrf, errorFor, FormOutcome, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { PLATFORM_PATH, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { ProxySetting } from './proxy-setting.tsx';

export const LIMITS_PATH = `${PLATFORM_PATH}/limits`;

/** The ids of the controls (the service's field `<name>.count` → limitFieldId(name, 'count')). */
export const limitFieldId = (name: LimitName, part: 'count' | 'minutes'): string => `limit-${name}-${part}`;
export const TRUSTED_FIELD = 'trusted-addresses';

export interface LimitsPageProps {
  csrf: string;
  limits: RateLimits;
  trusted: readonly string[];
  /** the limits' form as typed (after a refusal): `<name>.count` → text */
  values: Record<string, string>;
  /** the trusted list as typed (after a refusal) */
  trustedText?: string;
  errors: FieldError[];
  done?: string;
  trustProxy: TrustProxy;
  /** the address this page was asked from, as the platform sees it */
  yourAddress: string;
}

const WHY: Readonly<Record<LimitName, string>> = {
  applyPerAddress: '防止从一个地址大量提交。政务服务大厅等多人共用一个出口地址的，请把该地址列为下方的可信地址，而不是调高此项。',
  applyPerApplicant: '按证件号码计数（只保存其加密摘要，不保存号码本身），对可信地址同样适用。只计已成功提交的申请。',
  statusPerAddress: '防止从一个地址反复猜测查询密码（每个回执码另有每小时5次失败的限制，不能修改）。',
  statusActionPerAddress: '在线提交补正材料或撤回申请的次数。',
};

function LimitFields(props: { name: LimitName; limits: RateLimits; values: Record<string, string>; errors: FieldError[] }) {
  const { name } = props;
  const value = (part: 'count' | 'minutes') => props.values[`${name}.${part}`] ?? String(props.limits[name][part]);
  return (
    <fieldset>
      <legend>{LIMIT_LABELS[name]}</legend>
      <p class="hint">{WHY[name]}</p>
      <TextField
        id={limitFieldId(name, 'minutes')}
        name={`${name}.minutes`}
        type="number"
        label="时间（分钟）"
        required
        min={LIMIT_BOUNDS.minutes.min}
        max={LIMIT_BOUNDS.minutes.max}
        value={value('minutes')}
        error={errorFor(props.errors, limitFieldId(name, 'minutes'))}
        hint={`${LIMIT_BOUNDS.minutes.min}至${LIMIT_BOUNDS.minutes.max}分钟（7天），例如 60 即1小时。`}
      />
      <TextField
        id={limitFieldId(name, 'count')}
        name={`${name}.count`}
        type="number"
        label="最多次数"
        required
        min={LIMIT_BOUNDS.count.min}
        max={LIMIT_BOUNDS.count.max}
        value={value('count')}
        error={errorFor(props.errors, limitFieldId(name, 'count'))}
        hint="在上述时间内最多允许的次数，超过后需等待，页面会说明等待多久。"
      />
    </fieldset>
  );
}

export function limitsPage(frame: StaffFrame, props: LimitsPageProps): string {
  return staffPage(
    frame,
    '访问限制',
    <>
      <h1>访问限制</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <p>
        公众在政府信息公开栏目在线提交申请、查询办理进度、在线补正或撤回，都有次数限制，以防止滥用。这些限制对平台上的所有机关、所有服务器进程同时生效，修改后立即生效。工作人员登录的次数限制不在此设置。
        <a href={PLATFORM_PATH}>返回平台管理</a>
      </p>

      <section aria-labelledby="limits-title">
        <h2 id="limits-title">次数限制</h2>
        <form method="post" action={LIMITS_PATH} novalidate>
          <Csrf token={props.csrf} />
          {LIMIT_NAMES.map((name) => (
            <LimitFields name={name} limits={props.limits} values={props.values} errors={props.errors} />
          ))}
          <button type="submit">保存次数限制</button>
        </form>
      </section>

      <section aria-labelledby="trusted-title">
        <h2 id="trusted-title">可信地址</h2>
        <p>
          来自以下地址或网段的访问不受“同一网络地址”的各项限制，适用于政务服务大厅、便民服务中心等众多群众通过同一个出口地址（NAT）访问平台的场所；“同一申请人”的限制仍然适用。只列确实由本单位或服务场所管理的地址：列入后，从该地址发起的大量请求不再被拦截。
        </p>
        <p>
          您当前的访问地址（平台所见）：<strong>{props.yourAddress}</strong>
        </p>
        {props.trusted.length === 0 ? (
          <p>目前没有可信地址。</p>
        ) : (
          <ul>
            {props.trusted.map((a) => (
              <li>{a}</li>
            ))}
          </ul>
        )}
        <form method="post" action={`${LIMITS_PATH}/trusted`} novalidate>
          <Csrf token={props.csrf} />
          <TextArea
            id={TRUSTED_FIELD}
            name="trusted"
            label="可信地址或网段"
            rows={6}
            maxlength={8000}
            value={props.trustedText ?? props.trusted.join('\n')}
            error={errorFor(props.errors, TRUSTED_FIELD)}
            hint={`每行一个，写 IPv4 或 IPv6 地址（如 203.0.113.10）或网段（如 203.0.113.0/28），最多${MAX_TRUSTED}项。全部删除即取消所有可信地址。`}
          />
          <button type="submit">保存可信地址</button>
        </form>
      </section>

      <ProxySetting trust={props.trustProxy} />
    </>,
  );
}
