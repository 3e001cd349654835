import type { Transporter } from 'nodemailer';
import { config } from '../config';
import type { Db } from '../db';
import { queueAddressConfirmations } from './confirm';
import { queueEditorDigest, queueReplyNotifications } from './queue';
import { sendPendingMail, transportFromUrl, type SendReport } from './send';

export interface FlushReport {
  digests: number;
  replyNotifications: number;
  /** Confirmation mails asked for by readers who want reply notifications. */
  confirmations: number;
  delivery: SendReport | 'no-smtp';
}

/** The site URL used in links inside messages. */
export function mailSiteUrl(): string {
  return config().SITE_URL;
}

/** The sender address; defaults to the desk at the site's host. */
export function mailFrom(siteUrl = mailSiteUrl()): string {
  return config().MAIL_FROM ?? `Dear PurseBop <desk@${new URL(siteUrl).hostname}>`;
}

let cachedTransport: { url: string; transport: Transporter } | undefined;

function transportFor(url: string): Transporter {
  if (cachedTransport?.url !== url) cachedTransport = { url, transport: transportFromUrl(url) };
  return cachedTransport.transport;
}

/**
 * One notification run: batch what is new for the editors, queue reply notifications and
 * address confirmations,
 * then send through SMTP when configured (otherwise the messages wait in the desk's outbox).
 */
export async function flushNotifications(
  db: Db,
  options: { siteUrl?: string; smtpUrl?: string | undefined; transport?: Transporter; now?: number } = {},
): Promise<FlushReport> {
  const siteUrl = options.siteUrl ?? mailSiteUrl();
  const now = options.now ?? Date.now();
  const digests = await queueEditorDigest(db, siteUrl, now);
  const replyNotifications = await queueReplyNotifications(db, siteUrl, now);
  const confirmations = await queueAddressConfirmations(db, siteUrl, now);
  const smtpUrl = 'smtpUrl' in options ? options.smtpUrl : config().SMTP_URL;
  const transport = options.transport ?? (smtpUrl ? transportFor(smtpUrl) : undefined);
  const delivery = transport ? await sendPendingMail(db, transport, { from: mailFrom(siteUrl) }) : 'no-smtp';
  return { digests, replyNotifications, confirmations, delivery };
}
