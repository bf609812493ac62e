import { chineseDate, PERFORMANCE_OFFICE, type DocBlock, type OfficialDocument } from '../../lib/documents/index.js';
import type { NoticeRow } from './suggestions.repository.js';


const chinaDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const sourceOf = (s: NoticeRow) => (s.source === 'open311' ? '市民诉求平台' : (s.campaign_name ?? '公众评估'));

/**
 * The 《绩效改进通知书》 as a 公文: numbered, addressed to the unit, quoting each suggestion the citizens
 * made, what the unit must do and by when. Built from the suggestions that share its number.
 */
export function noticeDocument(rows: NoticeRow[]): OfficialDocument {
  const first = rows[0]!;
  const deadline = chineseDate(first.deadline ?? '');
  const issued = chinaDate(first.forwarded_at ? new Date(first.forwarded_at) : new Date(first.updated_at));
  const sources = [...new Set(rows.map(sourceOf))].join('、');
  const body: DocBlock[] = [
    { kind: 'paragraph', text: `在${sources}中，群众对你单位提出了以下意见建议。现将有关意见建议转你单位办理，请认真研究，切实整改，按期反馈。` },
    { kind: 'heading', level: 1, text: '一、群众意见建议' },
    ...rows.map((s, i): DocBlock => ({ kind: 'paragraph', text: `${i + 1}.${s.body.trim()}（编号${s.id}，来源：${sourceOf(s)}${s.address ? `，地点：${s.address}` : ''}）` })),
    { kind: 'heading', level: 1, text: '二、整改要求' },
    { kind: 'paragraph', text: '（一）逐条核实群众反映的问题，能立即解决的立即解决，一时难以解决的制定整改计划，明确责任人和完成时限。' },
    { kind: 'paragraph', text: '（二）办理情况由单位主要负责人审签后，通过考评平台“意见建议”逐条答复；答复内容经市绩效办审核通过后向群众公开。' },
    { kind: 'paragraph', text: '（三）办理情况纳入年度绩效考核，对敷衍塞责、逾期未办的，按考核办法扣分并予以通报。' },
    { kind: 'heading', level: 1, text: '三、办理时限' },
    { kind: 'paragraph', text: `请于${deadline}前完成办理并答复。` },
  ];
  return {
    style: 'document',
    issuerMark: PERFORMANCE_OFFICE,
    docNumber: first.notice_no,
    title: '绩效改进通知书',
    addressees: [first.unit_name],
    body,
    signature: { issuer: PERFORMANCE_OFFICE, date: issued },
    copyTo: [],
    printed: { by: PERFORMANCE_OFFICE, date: issued },
  };
}
