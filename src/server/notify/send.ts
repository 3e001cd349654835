import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db';
import { claimPendingMail, markMailFailed, markMailSent } from './outbox';

export interface SendReport {
  sent: number;
  failed: number;
}

export function transportFromUrl(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
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
  const report: SendReport = { sent: 0, failed: 0 };
  const messages = await claimPendingMail(db, options.batch ?? 50, options.now ?? Date.now());
  for (const m of messages) {
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
      await markMailSent(db, m.id);
      report.sent++;
    } catch (err) {
      await markMailFailed(db, m.id, err instanceof Error ? err.message : String(err));
      report.failed++;
    }
  }
  return report;
}
