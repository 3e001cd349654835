import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db';
import { claimPendingMail, markMailFailed, markMailSent, newClaimId, renewMailClaim, SMTP_TIMEOUT_MS } from './outbox';

export interface SendReport {
  sent: number;
  failed: number;
  /** Messages another sender took over before this one reached them (so they were not sent here). */
  skipped: number;
  /** Sent, but the claim had passed to another sender before it could be marked (it may go out twice). */
  lostClaims: number;
}

/**
 * A pooled transport: a batch reuses a few open SMTP connections instead of one per
 * message, and every step is cut off before the outbox claim could run out mid-send.
 */
export function transportFromUrl(smtpUrl: string): Transporter {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 3,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
}

/**
 * Sends what waits in the outbox. Reply notifications carry RFC 8058 one-click
 * unsubscribe headers; a failure is recorded on the message and retried on a later run.
 */
export async function sendPendingMail(
  db: Db,
  transport: Transporter,
  options: { from: string; batch?: number; now?: number },
): Promise<SendReport> {
  const report: SendReport = { sent: 0, failed: 0, skipped: 0, lostClaims: 0 };
  const clock = () => options.now ?? Date.now();
  const claimId = newClaimId();
  const messages = await claimPendingMail(db, options.batch ?? 50, clock(), claimId);
  for (const m of messages) {
    // A slow batch may have lost a later message to another sender; never send what is not ours.
    if (!(await renewMailClaim(db, m.id, claimId, clock()))) {
      report.skipped++;
      continue;
    }
    try {
      await transport.sendMail({
        from: options.from,
        to: m.recipient,
        subject: m.subject,
        text: m.bodyText,
        ...(m.unsubscribeUrl
          ? {
              headers: {
                'List-Unsubscribe': `<${m.unsubscribeUrl}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              },
            }
          : {}),
      });
    } catch (err) {
      await markMailFailed(db, m.id, claimId, err instanceof Error ? err.message : String(err));
      report.failed++;
      continue;
    }
    report.sent++;
    // Renewal just before sending and the SMTP time limits make this rare: a stall longer than the claim.
    if (!(await markMailSent(db, m.id, claimId, clock()))) report.lostClaims++;
  }
  return report;
}
