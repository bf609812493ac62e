import { MEETING_KIND_LABELS, type MeetingKind } from '@kaoping/shared';
import { PERFORMANCE_OFFICE, type DocBlock, type OfficialDocument } from '../../lib/documents/index.js';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (i: number) => (i < 10 ? NUMERALS[i]! : i < 20 ? `十${NUMERALS[i - 10] ?? ''}` : String(i + 1));

export interface MinutesInput {
  kind: MeetingKind;
  title: string;
  heldOn: string;
  venue: string;
  videoNote: string;
  minutesNo: string | null;
  issuedOn: string;
  leaders: string[];
  presenters: { unit: string; mainPoints: string; comments: { kind: 'comment' | 'commitment'; speaker: string; body: string }[] }[];
  tasks: { id: number; title: string; unit: string; leader: string; deadline: string }[];
}

const chineseDay = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * 会议纪要 of a review meeting in the GB/T 9704 纪要 form: the red 纪要 mark and number, what the meeting
 * was, the main points each presenter made with the leaders' comments and the commitments, then
 * 议定事项 — every task the meeting assigned, with its number — and 出席 / 列席.
 */
export function minutesDocument(m: MinutesInput): OfficialDocument {
  const kind = MEETING_KIND_LABELS[m.kind].zh;
  const body: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `${chineseDay(m.heldOn)}，市委、市政府${m.venue ? `在${m.venue}` : ''}召开${m.title}${m.videoNote ? `（${m.videoNote}）` : ''}。会议通报了各单位绩效考评和督查情况，${m.presenters.map((p) => p.unit).join('、')}作汇报发言，市领导逐一点评。现将会议主要精神纪要如下：`,
    },
  ];
  m.presenters.forEach((p, i) => {
    body.push({ kind: 'heading', level: 1, text: `${numeral(i)}、${p.unit}` });
    body.push({ kind: 'paragraph', text: `汇报要点：${p.mainPoints.trim() || '（未记录）'}` });
    const comments = p.comments.filter((c) => c.kind === 'comment');
    const commitments = p.comments.filter((c) => c.kind === 'commitment');
    comments.forEach((c, j) => body.push({ kind: 'paragraph', text: `${j === 0 ? '点评意见：' : ''}${c.speaker}指出，${c.body.trim()}` }));
    commitments.forEach((c, j) => body.push({ kind: 'paragraph', text: `${j === 0 ? '表态承诺：' : ''}${c.speaker}表示，${c.body.trim()}` }));
  });
  body.push({ kind: 'heading', level: 1, text: `${numeral(m.presenters.length)}、议定事项` });
  if (m.tasks.length === 0) body.push({ kind: 'paragraph', text: '本次会议无议定交办事项。' });
  m.tasks.forEach((t, i) =>
    body.push({ kind: 'paragraph', text: `${i + 1}.${t.title}（督办编号 ${t.id}）。牵头单位：${t.unit}；责任领导：${t.leader}；办理期限：${chineseDay(t.deadline)}。` }),
  );
  if (m.tasks.length) body.push({ kind: 'paragraph', text: '以上事项由市督查室跟踪督办，办理情况在下次点评会上通报。' });
  return {
    style: 'minutes',
    issuerMark: PERFORMANCE_OFFICE,
    docNumber: m.minutesNo,
    title: `${kind}会议纪要`,
    addressees: [],
    body,
    attendance: { present: m.leaders, attending: [...m.presenters.map((p) => `${p.unit}主要负责人`), '市绩效办', '市督查室'] },
    signature: { issuer: PERFORMANCE_OFFICE, date: m.issuedOn },
    copyTo: ['各县市区人民政府', '各园区管委会'],
    printed: { by: PERFORMANCE_OFFICE, date: m.issuedOn },
    draft: m.minutesNo === null,
  };
}
