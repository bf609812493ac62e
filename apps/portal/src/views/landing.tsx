import type { Mode, PublicCampaign } from '../api';
import { formatDateTime, formatEnd } from '../format';
import { Alert, Paragraphs, ticketPath, ViewHeading } from './common';

export type InvitationState = { status: 'none' } | { status: 'checking' } | { status: 'valid' } | { status: 'invalid' } | { status: 'used' } | { status: 'error'; message: string };

interface Props {
  campaign: PublicCampaign;
  invitation: InvitationState;
  /** Units already answered in a kept draft. */
  drafted: number;
  onStart(): void;
}

const unitCount = (c: PublicCampaign) => c.groups.reduce((n, g) => n + g.units.length, 0);

function howToVerify(c: PublicCampaign, invitation: InvitationState): string[] {
  if (invitation.status === 'valid') return ['您通过邀请链接参加（市民代表）。每个邀请链接只能提交一次，请勿转发他人。'];
  const open: Mode[] = c.modes.filter((m) => m !== 'invitation');
  const lines: string[] = [];
  if (open.indexOf('sms') >= 0) lines.push('提交前需用手机号接收一次性短信验证码（10 分钟内有效），每个手机号只能提交一次。手机号仅以加密摘要保存。');
  if (open.indexOf('open') >= 0) lines.push('也可以不验证手机号直接参加：本设备只能提交一次。');
  if (open.length === 0) lines.push('本次评估仅限受邀市民参加：请点击邀请短信中的链接或扫描邀请函上的二维码进入。');
  return lines;
}

/** The first view: what this is, when it runs, how to take part. */
export function Landing({ campaign: c, invitation, drafted, onStart }: Props) {
  const now = Date.now();
  const notYet = now < new Date(c.startsAt).getTime();
  const invitedOnly = c.modes.length === 1 && c.modes[0] === 'invitation';
  const blockedByInvitation = invitation.status === 'invalid' || invitation.status === 'used' || invitation.status === 'error' || (invitedOnly && invitation.status === 'none');
  const canStart = c.accepting && !blockedByInvitation && invitation.status !== 'checking';
  const total = unitCount(c);

  return (
    <>
      <ViewHeading>{c.name}</ViewHeading>
      <p class="window">
        <span class="label">评估时间</span> <span class="nowrap">{formatDateTime(c.startsAt, c.timeZone)}</span> 至 <span class="nowrap">{formatEnd(c.endsAt, c.timeZone)}</span>
      </p>

      {!c.accepting && (
        <Alert kind="warning">{notYet ? `本次评估尚未开始，将于 ${formatDateTime(c.startsAt, c.timeZone)} 开始，欢迎届时参加。` : '本次评估已结束，感谢您的关注。'}</Alert>
      )}
      {invitation.status === 'checking' && <Alert kind="info">正在核对邀请链接…</Alert>}
      {invitation.status === 'invalid' && (
        <Alert>
          <strong>邀请链接无效。</strong>请核对链接是否完整，可以重新点击邀请短信中的链接或扫描邀请函上的二维码。
        </Alert>
      )}
      {invitation.status === 'error' && <Alert>{invitation.message}</Alert>}

      {c.questionnaire.intro && (
        <section class="card intro" aria-labelledby="intro-title">
          <h2 id="intro-title">致市民朋友</h2>
          <Paragraphs text={c.questionnaire.intro} />
        </section>
      )}

      {canStart && (
        <div class="actions">
          <button type="button" class="btn btn-primary btn-block" onClick={onStart}>
            {drafted > 0 ? `继续评价（已评价 ${drafted} 个单位）` : '开始评价'}
          </button>
        </div>
      )}

      <section class="card" aria-labelledby="how-title">
        <h2 id="how-title">怎样参加</h2>
        <ol class="steps">
          <li>
            本次共有 {total} 个单位接受评价，分为 {c.groups.length} 组。您可以只评价自己了解的单位，每个单位可以查看其主要职责和年度工作亮点。
          </li>
          <li>每个单位从「{c.questionnaire.answers.satisfied}」「{c.questionnaire.answers.basicallySatisfied}」「{c.questionnaire.answers.dissatisfied}」「{c.questionnaire.answers.unaware}」中选择一项{c.questionnaire.reasonOnDissatisfied ? `；选择「${c.questionnaire.answers.dissatisfied}」时请写明原因` : ''}。</li>
          <li>可以对单位提出意见建议，它们会转交单位办理；提交后凭回执编号查看办理进度和答复。</li>
          {howToVerify(c, invitation).map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ol>
        <p class="note">填写内容会自动保存在本机，关闭页面后再打开可以继续填写。评价结果在评估结束前不公开，被评价单位看不到您的身份。</p>
      </section>

      <p class="center">
        <a href={ticketPath(c.slug)}>已提交过？查询意见建议办理进度</a>
      </p>
    </>
  );
}
