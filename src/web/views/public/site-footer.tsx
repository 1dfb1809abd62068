// The footer every Chinese government site carries (国办发〔2017〕47号《政府网站发展指引》): 主办单位 and
// its contact details, 网站标识码, ICP备案号 (linked to the MIIT register), 公安机关备案号 (linked to the
// Ministry of Public Security's register). An unset field is left out, never shown empty. Pure.

import type { SiteProfile } from '../../../services/agency-site.ts';

/** The 公安 register's query page of a 公安机关备案号 (its 14 digits). */
export function policeRecordUrl(record: string): string {
  const digits = record.replace(/\D/g, '');
  return `https://beian.mps.gov.cn/#/query/webSearch?code=${digits}`;
}

export function SiteFooter(props: { site: SiteProfile | undefined; agencyName: string }) {
  const site = props.site;
  const contact = [
    site?.address ? `地址：${site.address}` : null,
    site?.postcode ? `邮编：${site.postcode}` : null,
    site?.phone ? `电话：${site.phone}` : null,
    site?.fax ? `传真：${site.fax}` : null,
  ].filter((p): p is string => p !== null);
  return (
    <>
      <p>主办单位：{site?.sponsor ?? props.agencyName}</p>
      {contact.length > 0 ? <p>{contact.join('　')}</p> : null}
      <p class="records">
        {site?.siteCode ? <span>网站标识码：{site.siteCode}</span> : null}
        {site?.icp ? (
          <a href="https://beian.miit.gov.cn/" rel="noopener noreferrer">
            {site.icp}
          </a>
        ) : null}
        {site?.policeRecord ? (
          <a href={policeRecordUrl(site.policeRecord)} rel="noopener noreferrer">
            {site.policeRecord}
          </a>
        ) : null}
      </p>
      <p>依据《中华人民共和国政府信息公开条例》提供服务</p>
    </>
  );
}
