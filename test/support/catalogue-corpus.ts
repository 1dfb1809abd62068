// A deterministic corpus of catalogue items for the relevance test and the search bench: titles and
// bodies made from templates of the kinds of notices a county government publishes (关于印发…办法的通知,
// 补助资金, 行政处罚决定书, 政府采购公告, 招聘公告, 统计公报, 预算公开, 应急预案, 政策解读, 工作动态)
// across departments' topics, with 文号 sharing years and differing by number (3号, 13号, 30号),
// dates over 2019–2025, and attachments whose text holds words found nowhere else (village names,
// equipment). All texts are made up here. Plus the queries with their relevant items (by `key`),
// computed from the generated fields, so the truth follows the generator.

export interface CorpusAttachment {
  fileName: string;
  text: string;
}

export interface CorpusItem {
  /** stable key: 'c' + position */
  key: string;
  indexNumber: string;
  title: string;
  summary: string;
  docNumber: string;
  publisher: string;
  category: string;
  docType: string;
  state: 'published' | 'draft';
  writtenOn: string;
  publishedOn: string | null;
  body: string;
  attachments: CorpusAttachment[];
}

export interface CorpusQuery {
  query: string;
  /** what the query exercises */
  kind: string;
  /** the keys of the relevant items (published ones: the test searches as the public) */
  relevant: string[];
}

/** mulberry32: a small seeded generator (same seed, same corpus). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Topic {
  dept: string;
  prefix: string;
  subjects: string[];
}

export const TOPICS: readonly Topic[] = [
  { dept: '示范县农业农村局', prefix: '示范农发', subjects: ['耕地地力保护补贴', '农机购置补贴', '高标准农田建设', '农村危房改造', '生猪养殖', '农业保险', '动物防疫', '种粮大户补贴'] },
  { dept: '示范县自然资源局', prefix: '示范自然资发', subjects: ['国土空间规划', '土地征收', '矿产资源开发', '不动产登记', '耕地保护', '地质灾害防治'] },
  { dept: '示范县教育局', prefix: '示范教发', subjects: ['学前教育', '义务教育', '学生资助', '校舍安全', '营养改善计划', '教师培训'] },
  { dept: '示范县卫生健康局', prefix: '示范卫健发', subjects: ['基本公共卫生服务', '家庭医生签约', '疫苗接种', '传染病防控', '妇幼保健', '医疗机构监管'] },
  { dept: '示范县住房和城乡建设局', prefix: '示范住建发', subjects: ['老旧小区改造', '保障性住房', '建筑施工安全', '物业管理', '城市燃气', '危房鉴定'] },
  { dept: '示范县人力资源和社会保障局', prefix: '示范人社发', subjects: ['就业创业补贴', '社会保险', '职业技能培训', '农民工工资', '事业单位工作人员'] },
  { dept: '示范县交通运输局', prefix: '示范交发', subjects: ['农村公路养护', '桥梁维修', '客运班线', '超限超载治理', '5G基站建设'] },
  { dept: '示范县应急管理局', prefix: '示范应急发', subjects: ['防汛抗旱', '森林防火', '安全生产', '危险化学品'] },
  { dept: '示范县生态环境分局', prefix: '示范环发', subjects: ['大气污染防治', '水污染防治', 'PM2.5监测', '排污许可'] },
];

const VILLAGES = ['白杨村', '青石村', '柳湾村', '桃源村', '石门村', '杏花村', '龙井村', '枫林村', '竹溪村', '梅岭村', '金沙村', '云雾村'];
const EQUIPMENT = ['交换机', '服务器', '投影仪', '打印机', '无人机', '消毒柜', '显微镜', '发电机'];
const COMPANIES = ['示范县宏达建材有限公司', '示范县兴农饲料厂', '示范县顺风运输有限公司', '示范县绿源化工有限公司', '示范县安康药房', '示范县鑫盛砂石场'];
const OFFICES = ['各乡镇人民政府', '县直各有关单位', '各街道办事处'];
const FILLER = [
  '请各单位高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。',
  '执行中遇到的问题，请及时向县有关部门反映。',
  '各地要严格按照规定程序办理，做好信息公开和档案管理工作。',
  '本通知自印发之日起施行，有效期五年。',
  '会议强调，要坚持问题导向，压实工作责任，推动工作取得实效。',
  '联系人：县政府办公室，联系电话：0571-12345678。',
  '欢迎社会各界监督，如有异议请在公示期内向有关部门反映。',
];

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
/** 文号 numbers drawn more often: 3, 13 and 30 share digits, so a tail lookup must not confuse them */
const NUMBERS = [3, 13, 30, 1, 2, 5, 8, 11, 21, 31, 33, 43];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function date(r: () => number, year: number): string {
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function fillers(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, FILLER);
  return s;
}

interface Draft {
  title: string;
  summary: string;
  body: string;
  docType: string;
  category: string;
  withDocNumber: boolean;
  attachments: CorpusAttachment[];
}

/** One item of a kind, about a subject of a topic. */
function draft(r: () => number, kind: number, topic: Topic, subject: string, year: number): Draft {
  const office = pick(r, OFFICES);
  const other = pick(r, pick(r, TOPICS).subjects);
  switch (kind) {
    case 0:
      return {
        title: `关于印发《示范县${subject}管理办法》的通知`,
        summary: `印发${subject}管理办法，明确适用范围、职责分工和监督管理。`,
        body: `${office}：\n现将《示范县${subject}管理办法》印发给你们，请认真贯彻执行。\n## 第一章 总则\n第一条 为规范${subject}工作，根据有关法律法规，结合本县实际，制定本办法。\n第二条 本办法适用于本县行政区域内的${subject}相关活动。${fillers(r, 2)}`,
        docType: '行政规范性文件',
        category: 'a20-1',
        withDocNumber: true,
        attachments: [],
      };
    case 1: {
      const villages = [pick(r, VILLAGES), pick(r, VILLAGES)];
      return {
        title: `关于下达${year}年${subject}补助资金的通知`,
        summary: `下达${year}年度${subject}补助资金，明确资金用途和绩效目标。`,
        body: `${office}：\n根据上级有关文件精神，现将${year}年${subject}补助资金下达给你们（分配情况见附件），请按规定用途使用，加强资金监管，严禁截留挪用。${fillers(r, 2)}`,
        docType: '其他文件',
        category: 'a20-7',
        withDocNumber: true,
        attachments: [{ fileName: '资金分配表.xlsx', text: `序号 乡镇 行政村 分配金额（万元）\n1 青山镇 ${villages[0]} 12.5\n2 河口乡 ${villages[1]} 8.0\n合计 20.5` }],
      };
    }
    case 2: {
      const company = pick(r, COMPANIES);
      return {
        title: `行政处罚决定书（${company}）`,
        summary: `${company}违反${subject}有关规定，依法作出行政处罚。`,
        body: `当事人：${company}\n经查，当事人在${subject}活动中存在违法行为，违反了有关法律法规的规定。依据有关规定，本机关决定给予当事人警告并处罚款人民币二万元的行政处罚。当事人如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。`,
        docType: '其他文件',
        category: 'a20-6',
        withDocNumber: false,
        attachments: [],
      };
    }
    case 3: {
      const gear = pick(r, EQUIPMENT);
      return {
        title: `${topic.dept}${subject}项目政府采购公告`,
        summary: `${subject}项目采用公开招标方式采购，欢迎合格供应商参加。`,
        body: `一、项目名称：${subject}项目\n二、采购方式：公开招标\n三、预算金额：${Math.floor(r() * 900) + 100}万元\n四、供应商资格要求：具有独立承担民事责任的能力。\n五、获取招标文件：自公告发布之日起五个工作日内。采购需求详见附件。`,
        docType: '通知公告',
        category: 'a20-9',
        withDocNumber: false,
        attachments: [{ fileName: '采购需求.pdf', text: `采购清单：${gear} 若干台，技术参数详见下表。质保期三年，含安装调试。` }],
      };
    }
    case 4:
      return {
        title: `示范县${year}年${topic.dept.replace('示范县', '')}所属事业单位公开招聘工作人员公告`,
        summary: `公开招聘事业单位工作人员${2 + Math.floor(r() * 20)}名。`,
        body: `根据《事业单位人事管理条例》等有关规定，经研究，决定面向社会公开招聘工作人员。一、招聘岗位及人数详见岗位表。二、报名条件：具有中华人民共和国国籍，遵守宪法和法律。三、报名时间和方式：网上报名。${fillers(r, 1)}`,
        docType: '人事信息',
        category: 'a20-14',
        withDocNumber: false,
        attachments: [{ fileName: '岗位表.xlsx', text: '岗位代码 岗位名称 招聘人数 学历要求 专业要求 专业技术岗位 本科及以上' }],
      };
    case 5:
      return {
        title: r() < 0.5 ? `示范县${year}年国民经济和社会发展统计公报` : `示范县${year}年${subject}统计公报`,
        summary: `发布${year}年全县有关统计数据。`,
        body: `${year}年，全县上下坚持稳中求进工作总基调，经济运行总体平稳。一、综合：全年地区生产总值增长${(Math.floor(r() * 60) / 10 + 2).toFixed(1)}%。二、农业：粮食总产量保持稳定。三、${subject}：各项指标稳步提升。`,
        docType: '统计数据',
        category: 'a20-4',
        withDocNumber: false,
        attachments: [],
      };
    case 6:
      return {
        title: `${topic.dept}${year}年部门${r() < 0.5 ? '预算' : '决算'}公开`,
        summary: `公开${year}年度部门收支总表、财政拨款收支表及三公经费情况说明。`,
        body: `一、部门主要职责。二、部门收支总体情况：收入预算合计${Math.floor(r() * 9000) + 1000}万元。三、“三公”经费情况说明。四、其他重要事项说明：重点项目包括${subject}。`,
        docType: '财政信息',
        category: 'a20-7',
        withDocNumber: false,
        attachments: [{ fileName: '部门预算公开表.pdf', text: '收支总表 收入总表 支出总表 财政拨款收支总表 一般公共预算财政拨款支出表' }],
      };
    case 7:
      return {
        title: `示范县${subject}应急预案`,
        summary: `明确${subject}突发事件的组织指挥、预警和应急响应。`,
        body: `1 总则 1.1 编制目的：为有效应对${subject}相关突发事件，最大程度减少人员伤亡和财产损失，制定本预案。2 组织体系：县人民政府设立应急指挥部。3 预警和响应：按照事件严重程度分为四级。${fillers(r, 1)}`,
        docType: '规划计划',
        category: 'a20-12',
        withDocNumber: true,
        attachments: [],
      };
    case 8:
      return {
        title: `《示范县${subject}管理办法》政策解读`,
        summary: `解读${subject}管理办法的出台背景、主要内容和适用范围。`,
        body: `一、出台背景：为进一步规范${subject}工作。二、主要内容：办法共五章二十条。三、适用范围：本县行政区域。四、与${other}工作的衔接。`,
        docType: '政策解读',
        category: 'a20-1',
        withDocNumber: false,
        attachments: [],
      };
    default:
      // 工作动态: bodies that name other subjects too (body-only matches a query must rank under title matches)
      return {
        title: r() < 0.5 ? `${topic.dept}召开${subject}工作推进会` : `县领导调研${subject}工作`,
        summary: '',
        body: `近日，${topic.dept}召开专题会议，研究部署${subject}工作。会议听取了${other}、${pick(r, pick(r, TOPICS).subjects)}等工作情况汇报，要求抓好${subject}和${other}各项任务落实。${fillers(r, 2)}`,
        docType: '工作动态',
        category: 'a20-15',
        withDocNumber: false,
        attachments: [],
      };
  }
}

const KIND_WEIGHTS = [3, 2, 2, 2, 1, 1, 1, 1, 1, 4];

/** `count` items, deterministic for a seed. Index numbers `ORG/YEAR-SEQ` unique per year. */
export function generateCorpus(count: number, seed = 11, org = '11330000MB0000000X'): CorpusItem[] {
  return [...corpusItems(count, seed, org)];
}

/** The same items one at a time (a million do not fit in memory at once). */
export function* corpusItems(count: number, seed = 11, org = '11330000MB0000000X'): Generator<CorpusItem> {
  const r = rng(seed);
  const totalWeight = KIND_WEIGHTS.reduce((a, b) => a + b, 0);
  const seq = new Map<number, number>();
  const docSeq = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    let w = r() * totalWeight;
    let kind = 0;
    while (w >= KIND_WEIGHTS[kind]!) w -= KIND_WEIGHTS[kind++]!;
    const topic = pick(r, TOPICS);
    const subject = pick(r, topic.subjects);
    const year = pick(r, YEARS);
    const d = draft(r, kind, topic, subject, year);
    let docNumber = '';
    if (d.withDocNumber) {
      // numbers from NUMBERS first (3, 13, 30 …) then on from 50, unique per prefix and year
      const k = `${topic.prefix}${year}`;
      const i = docSeq.get(k) ?? 0;
      docSeq.set(k, i + 1);
      docNumber = `${topic.prefix}〔${year}〕${i < NUMBERS.length ? NUMBERS[i] : 50 + i}号`;
    }
    const s = (seq.get(year) ?? 0) + 1;
    seq.set(year, s);
    const writtenOn = date(r, year);
    const state = r() < 0.03 ? 'draft' : 'published';
    yield {
      key: `c${n}`,
      indexNumber: `${org}/${year}-${String(s).padStart(5, '0')}`,
      title: d.title,
      summary: d.summary,
      docNumber,
      publisher: topic.dept,
      category: d.category,
      docType: d.docType,
      state,
      writtenOn,
      publishedOn: state === 'published' ? writtenOn : null,
      body: d.body,
      attachments: d.attachments,
    };
  }
}

/** The queries and their relevant items over a corpus (computed from its fields). */
export function corpusQueries(items: readonly CorpusItem[]): CorpusQuery[] {
  const pub = items.filter((i) => i.state === 'published');
  const where = (kind: string, query: string, test: (i: CorpusItem) => boolean): CorpusQuery => ({ query, kind, relevant: pub.filter(test).map((i) => i.key) });
  const byDoc = (doc: string) => pub.find((i) => i.docNumber === doc);
  const some3 = pub.find((i) => i.docNumber.endsWith('〔2024〕3号') && i.title.includes('补助资金'));
  const indexed = pub[Math.floor(pub.length / 2)]!;
  const qs: CorpusQuery[] = [
    where('two characters', '危房', (i) => i.title.includes('危房')),
    where('two characters', '补贴', (i) => i.title.includes('补贴')),
    where('two characters', '招聘', (i) => i.title.includes('招聘')),
    where('two characters', '桥梁', (i) => i.title.includes('桥梁')),
    where('phrase', '耕地地力保护补贴', (i) => i.title.includes('耕地地力保护补贴')),
    where('phrase', '老旧小区改造', (i) => i.title.includes('老旧小区改造')),
    where('phrase', '基本公共卫生服务', (i) => i.title.includes('基本公共卫生服务')),
    where('phrase', '行政处罚决定书', (i) => i.title.includes('行政处罚决定书')),
    where('phrase', '政府采购', (i) => i.title.includes('政府采购')),
    where('phrase', '不动产登记', (i) => i.title.includes('不动产登记')),
    where('common words', '关于农村危房改造的通知', (i) => i.title.includes('危房改造') && i.title.includes('通知')),
    where('common words', '关于印发学生资助管理办法的通知', (i) => i.title.includes('学生资助管理办法') && i.title.startsWith('关于印发')),
    where('two words', '应急预案 防汛', (i) => i.title.includes('应急预案') && i.title.includes('防汛')),
    where('two words', '学生资助 政策解读', (i) => i.title.includes('学生资助') && i.docType === '政策解读'),
    where('one character', '桥', (i) => i.title.includes('桥')),
    where('文号 tail', '〔2024〕3号', (i) => i.docNumber.endsWith('〔2024〕3号')),
    where('文号 tail', '[2023]13号', (i) => i.docNumber.endsWith('〔2023〕13号')),
    where('文号 tail', '（2022）30号', (i) => i.docNumber.endsWith('〔2022〕30号')),
    where('文号', '示范农发〔2024〕3号', (i) => i.docNumber === '示范农发〔2024〕3号'),
    where('文号', '示范教发〔2021〕13号', (i) => i.docNumber === '示范教发〔2021〕13号'),
    where('文号', '示范住建发 [2020] 30 号', (i) => i.docNumber === '示范住建发〔2020〕30号'),
    where('文号 and words', `〔2024〕3号 补助资金`, (i) => i.docNumber.endsWith('〔2024〕3号') && i.title.includes('补助资金')),
    where('索引号', indexed.indexNumber, (i) => i.key === indexed.key),
    where('attachment only', '白杨村', (i) => i.attachments.some((a) => a.text.includes('白杨村'))),
    where('attachment only', '无人机', (i) => i.attachments.some((a) => a.text.includes('无人机'))),
    where('attachment only', '显微镜', (i) => i.attachments.some((a) => a.text.includes('显微镜'))),
    where('with a year', '2023年统计公报', (i) => i.title.includes('2023年') && i.title.includes('统计公报')),
    where('with a year', '2022年部门决算', (i) => i.title.includes('2022年部门决算')),
    where('Latin and numbers', '5G基站', (i) => i.title.includes('5G基站')),
    where('Latin and numbers', 'PM2.5监测', (i) => i.title.includes('PM2.5监测')),
  ];
  if (byDoc('示范农发〔2024〕3号') === undefined || some3 === undefined) throw new Error('corpus: the planted 文号 are missing (change the seed or size)');
  return qs.filter((q) => q.relevant.length > 0);
}
