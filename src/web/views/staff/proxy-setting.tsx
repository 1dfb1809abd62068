// 平台管理 → 反向代理: the current GONGKAI_TRUST_PROXY, read-only (it is the server's configuration, set
// where the platform is started), and what it is for.

import type { TrustProxy } from '../../../config.ts';

function current(trust: TrustProxy): string {
  if (trust.kind === 'hops') return `信任 ${trust.hops} 层反向代理（GONGKAI_TRUST_PROXY=${trust.hops}）：访问者的地址取自代理转发的 X-Forwarded-For 请求头中由这 ${trust.hops} 层代理添加的记录。`;
  if (trust.kind === 'proxies') return `信任以下反向代理服务器（GONGKAI_TRUST_PROXY=${trust.proxies.join(',')}）：${trust.proxies.join('、')}。来自这些地址的请求，访问者的地址取自 X-Forwarded-For 请求头。`;
  return '未设置 GONGKAI_TRUST_PROXY：不信任任何反向代理，访问者的地址就是与本服务器直接连接的地址，X-Forwarded-For 请求头一概不予采信。';
}

export function ProxySetting(props: { trust: TrustProxy }) {
  return (
    <section aria-labelledby="proxy-title">
      <h2 id="proxy-title">反向代理</h2>
      <p>
        <strong>当前设置：</strong>
        {current(props.trust)}
      </p>
      <p>
        登录、在线申请和查询办理进度的次数限制，按访问者的地址计算。平台部署在反向代理（如负责 HTTPS 的 Nginx）之后时，所有访问者在平台看来都来自代理服务器的地址：一个人触发限制，所有人都会受影响。
      </p>
      <p>
        此时，请负责服务器的运维人员在启动平台的环境中设置环境变量 GONGKAI_TRUST_PROXY，然后重新启动平台：填反向代理的层数（1 至 10，只有一层代理时填 1），或填代理服务器的地址或网段，多个以英文逗号分隔（例如 127.0.0.1 或 10.0.0.0/8）。设置有误时平台不会启动，并说明错误所在。
      </p>
      <p>没有经过反向代理时不要设置：否则访问者可以在请求头中伪造自己的地址，绕过次数限制。此项只能在服务器上设置，不能在网页上修改。</p>
      <p>政务服务大厅等众多群众共用一个出口地址的场所，不属于反向代理：请在平台管理的“访问限制”页面把该地址列为可信地址。</p>
    </section>
  );
}
