import { useState } from 'preact/hooks';
import { formatDateTime } from '../format';
import type { StoredReceipt } from '../storage';
import { ticketPath, ViewHeading } from './common';

/** Copies text with the Clipboard API where allowed, else through a selected textarea (older WeChat). */
export function copyText(text: string): Promise<boolean> {
  const nav = navigator as Navigator & { clipboard?: Clipboard };
  if (nav.clipboard && window.isSecureContext) return nav.clipboard.writeText(text).then(() => true, () => legacyCopy(text));
  return Promise.resolve(legacyCopy(text));
}

function legacyCopy(text: string): boolean {
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.className = 'offscreen';
  document.body.appendChild(ta);
  ta.select();
  ta.setSelectionRange(0, text.length);
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  document.body.removeChild(ta);
  return ok;
}

/** The ticket code, large, with a copy button and a spoken confirmation. */
export function TicketCode({ code }: { code: string }) {
  const [copied, setCopied] = useState<'' | 'ok' | 'fail'>('');
  return (
    <div class="ticket-box">
      <p class="ticket-label">
        回执编号
      </p>
      <p class="ticket-code" data-testid="ticket-code">
        {code}
      </p>
      <button type="button" class="btn" onClick={() => void copyText(code).then((ok) => setCopied(ok ? 'ok' : 'fail'))}>
        复制回执编号
      </button>
      <p class="hint" role="status">
        {copied === 'ok' ? '已复制到剪贴板。' : copied === 'fail' ? '无法自动复制，请长按编号手动复制或截图保存。' : ''}
      </p>
    </div>
  );
}

/** After a successful submission: the receipt and how to read the replies later. */
export function ReceiptView({ slug, receipt, timeZone }: { slug: string; receipt: StoredReceipt; timeZone: string }) {
  const path = ticketPath(slug, receipt.receipt);
  return (
    <>
      <ViewHeading>提交成功，感谢您的参与</ViewHeading>
      <p>
        您于 {formatDateTime(receipt.submittedAt, timeZone)} 提交了对 <strong>{receipt.units}</strong> 个单位的评价
        {receipt.suggestions > 0 ? (
          <>
            和 <strong>{receipt.suggestions}</strong> 条意见建议
          </>
        ) : null}
        。
      </p>
      <TicketCode code={receipt.receipt} />
      <p class="note">请截图或抄下回执编号。它不包含您的任何个人信息，也是您已参加本次评估的凭证。</p>
      <section class="card" aria-labelledby="next-title">
        <h2 id="next-title">如何查看办理进度和答复</h2>
        {receipt.suggestions > 0 ? (
          <p>
            您的意见建议将由考评办分类后转交责任单位办理，单位答复经考评办审核后公开给您。请凭回执编号在「意见建议办理进度」页面查询，网址：
          </p>
        ) : (
          <p>本次您没有填写意见建议。如需查询提交记录，可凭回执编号在「意见建议办理进度」页面查询，网址：</p>
        )}
        <p class="url">{window.location.host + ticketPath(slug)}</p>
        <a class="btn btn-block" href={path}>
          查看办理进度
        </a>
      </section>
    </>
  );
}
