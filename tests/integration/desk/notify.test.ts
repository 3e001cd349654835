import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/server/db';
import { checkConfirmToken, confirmAddress } from '../../../src/server/notify/confirm';
import { flushNotifications } from '../../../src/server/notify/flush';
import { claimPendingMail, countPendingMail, listOutbox } from '../../../src/server/notify/outbox';
import {
  emailFromUnsubscribeToken,
  isUnsubscribed,
  unsubscribeEmail,
  unsubscribeToken,
} from '../../../src/server/notify/unsubscribe';
import { describeEachDb } from '../db-harness';
import { makeEditor, makeQuestion, makeReply } from './helpers';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts. */
function startSmtp(): { server: SMTPServer; inbox: Received[]; url: () => string } {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  return {
    server,
    inbox,
    url: () => `smtp://127.0.0.1:${String((server.server.address() as AddressInfo).port)}`,
  };
}

/** Undoes header folding and quoted-printable soft line breaks so long URLs can be matched whole. */
function unfold(raw: string): string {
  return raw
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/=\r?\n/g, '')
    .replace(/=3D/g, '=');
}

const SITE = 'https://pursebop.example';

describe('unsubscribe tokens', () => {
  it('round-trip an address and refuse anything altered', () => {
    const token = unsubscribeToken('Reader@Example.com');
    expect(emailFromUnsubscribeToken(token)).toBe('reader@example.com');
    const [addr, sig] = token.split('.');
    expect(
      emailFromUnsubscribeToken(`${Buffer.from('other@example.com').toString('base64url')}.${sig ?? ''}`),
    ).toBeUndefined();
    expect(emailFromUnsubscribeToken(`${addr ?? ''}.x${sig ?? ''}`)).toBeUndefined();
    expect(emailFromUnsubscribeToken('')).toBeUndefined();
  });
});

describeEachDb('notifications', (target) => {
  const smtp = startSmtp();
  beforeAll(async () => {
    smtp.server.listen(0, '127.0.0.1');
    await once(smtp.server.server, 'listening');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      smtp.server.close(() => {
        resolve();
      });
    });
    await target.cleanup();
  });

  it('without SMTP, batches new questions and held replies into one digest per editor that waits in the outbox', async () => {
    const db = await target.open();
    await makeQuestion(db, { pseudonym: 'Worried Buyer' });
    // No editor yet: nothing is queued and nothing is forgotten.
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined })).digests).toBe(0);
    await makeEditor(db, 'Alice');
    await makeEditor(db, 'Bob');
    await makeQuestion(db, { pseudonym: 'Second Asker' });
    await makeReply(db, { name: 'Held Person', status: 'held' });
    await makeReply(db, { name: 'Published Person', status: 'published' });

    const report = await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined });
    expect(report).toEqual({ digests: 2, replyNotifications: 0, confirmations: 0, delivery: 'no-smtp' });
    const waiting = await listOutbox(db, { pending: true, limit: 10, offset: 0 });
    expect(waiting).toHaveLength(2);
    const digest = waiting[0];
    expect(digest?.subject).toBe('Dear PurseBop desk: 2 new questions, 1 held reply');
    expect(digest?.bodyText).toContain('Worried Buyer');
    expect(digest?.bodyText).toContain('Held Person');
    expect(digest?.bodyText).not.toContain('Published Person');
    expect(digest?.bodyText).toContain(`${SITE}/desk/replies?status=held`);

    // Nothing new: the next run queues nothing.
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined })).digests).toBe(0);
    await makeQuestion(db, { pseudonym: 'Third Asker' });
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined })).digests).toBe(2);
    const latest = (await listOutbox(db, { pending: true, limit: 1, offset: 0 }))[0];
    expect(latest?.subject).toBe('Dear PurseBop desk: 1 new question, 0 held replies');
    expect(latest?.bodyText).toContain('Third Asker');
    expect(latest?.bodyText).not.toContain('Worried Buyer');
  });

  it('two flushes at once queue the digest only once', async () => {
    const db = await target.open();
    await makeEditor(db);
    await makeQuestion(db);
    const [a, b] = await Promise.all([
      flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined }),
      flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined }),
    ]);
    expect(a.digests + b.digests).toBe(1);
    expect(await countPendingMail(db)).toBe(1);
  });

  /** The token from the confirmation link in the newest pending message to `email`. */
  async function confirmationToken(db: Db, email: string): Promise<string> {
    const pending = await listOutbox(db, { pending: false, limit: 100, offset: 0 });
    const mail = pending.find((m) => m.kind === 'address-confirmation' && m.recipient === email);
    const link = /(https:\S+\/notify\/confirm\?t=\S+)/.exec(mail?.bodyText ?? '')?.[1] ?? '';
    return new URL(link).searchParams.get('t') ?? '';
  }

  it('sends one message per reply to a reader who opted in and confirmed, through real SMTP with a working one-click unsubscribe', async () => {
    const db = await target.open();
    smtp.inbox.length = 0;
    const parent = await makeReply(db, {
      name: 'Opted In',
      email: 'Opted@Example.com',
      notify: true,
      status: 'published',
    });
    const quiet = await makeReply(db, {
      name: 'Quiet',
      email: 'quiet@example.com',
      notify: false,
      status: 'published',
    });
    // Before the address is confirmed, the only mail is the confirmation itself, without visitor text.
    await makeReply(db, { name: 'Answerer', parentId: parent.id, depth: 2, status: 'published', body: 'First answer' });
    const before = await flushNotifications(db, { siteUrl: SITE, smtpUrl: smtp.url() });
    expect(before).toMatchObject({ replyNotifications: 0, confirmations: 1, delivery: { sent: 1, failed: 0 } });
    expect(smtp.inbox.map((m) => m.to)).toEqual([['opted@example.com']]);
    const confirmation = unfold(smtp.inbox[0]?.raw ?? '');
    expect(confirmation).toMatch(/Subject: Please confirm your email address for Dear PurseBop/);
    expect(confirmation).not.toContain('Opted In');
    expect(confirmation).not.toContain('Answerer');
    expect(confirmation).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const token = await confirmationToken(db, 'opted@example.com');
    expect(await checkConfirmToken(db, token)).toMatchObject({ ok: true, email: 'opted@example.com' });
    expect(await confirmAddress(db, token)).toMatchObject({ ok: true });
    smtp.inbox.length = 0;

    await makeReply(db, { name: 'Second', parentId: parent.id, depth: 2, status: 'published', body: 'Second answer' });
    const held = await makeReply(db, { name: 'Held', parentId: parent.id, depth: 2, status: 'held' });
    await makeReply(db, { name: 'Other', parentId: quiet.id, depth: 2, status: 'published' });
    // Answering yourself sends nothing.
    await makeReply(db, { name: 'Opted In', parentId: parent.id, depth: 2, status: 'published' });

    const report = await flushNotifications(db, { siteUrl: SITE, smtpUrl: smtp.url() });
    expect(report.replyNotifications).toBe(2);
    expect(report.delivery).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.inbox).toHaveLength(2);
    for (const m of smtp.inbox) expect(m.to).toEqual(['opted@example.com']);
    const raw = unfold(smtp.inbox[0]?.raw ?? '');
    expect(raw).toMatch(/Subject: New reply to your reply on Dear PurseBop\r?\n/);
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const header = /List-Unsubscribe:\s*<([^>]+)>/.exec(raw)?.[1] ?? '';
    expect(header.startsWith(`${SITE}/desk/unsubscribe?t=`)).toBe(true);
    expect(raw).toContain(header);
    expect(await countPendingMail(db)).toBe(0);

    // The held reply is announced once it is published, and only once.
    await db.run("UPDATE replies SET status = 'published' WHERE id = ?", [held.id]);
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: smtp.url() })).replyNotifications).toBe(1);
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: smtp.url() })).replyNotifications).toBe(0);
    expect(smtp.inbox).toHaveLength(3);

    // Following the link's token unsubscribes the address; later replies send nothing.
    const email = emailFromUnsubscribeToken(new URL(header).searchParams.get('t') ?? '');
    expect(email).toBe('opted@example.com');
    await unsubscribeEmail(db, email ?? '');
    expect(await isUnsubscribed(db, 'OPTED@example.com')).toBe(true);
    await makeReply(db, { name: 'Late', parentId: parent.id, depth: 2, status: 'published' });
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: smtp.url() })).replyNotifications).toBe(0);
    expect(smtp.inbox).toHaveLength(3);
  });

  it('is no phishing relay: a typed address, an unapproved reply or a chosen name never reaches an inbox', async () => {
    const db = await target.open();
    smtp.inbox.length = 0;
    const victim = 'victim@example.com';
    // A stranger's reply naming the victim's address, still held: nothing at all is sent.
    const heldBait = await makeReply(db, { name: 'Bait', email: victim, notify: true, status: 'held' });
    await makeReply(db, {
      name: 'Your bank: verify now',
      parentId: heldBait.id,
      depth: 2,
      status: 'published',
      body: 'Log in at https://bank.example.net/verify',
    });
    // The same with a published parent: only a confirmation mail, with no text the stranger chose.
    const bait = await makeReply(db, {
      name: 'Bait Two',
      email: 'VICTIM@example.com',
      notify: true,
      status: 'published',
    });
    await makeReply(db, {
      name: 'Your bank: verify now',
      parentId: bait.id,
      depth: 2,
      status: 'published',
      body: 'Log in at https://bank.example.net/verify',
    });
    // A held answer to an opted-in reply is never announced.
    await makeReply(db, { name: 'Held bank', parentId: bait.id, depth: 2, status: 'held', body: 'https://x.example' });
    const report = await flushNotifications(db, { siteUrl: SITE, smtpUrl: smtp.url() });
    expect(report).toMatchObject({ replyNotifications: 0, confirmations: 1 });
    expect(smtp.inbox).toHaveLength(1);
    const raw = unfold(smtp.inbox[0]?.raw ?? '');
    for (const chosen of ['Your bank', 'bank.example.net', 'Bait', 'verify now']) expect(raw).not.toContain(chosen);

    // A second reply naming the address within a day asks nothing more.
    await makeReply(db, { name: 'Bait Three', email: victim, notify: true, status: 'published' });
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: smtp.url() })).confirmations).toBe(0);
    expect(smtp.inbox).toHaveLength(1);

    // Even confirmed, the subject never carries a visitor's name.
    await confirmAddress(db, await confirmationToken(db, victim));
    await makeReply(db, { name: 'Your bank: verify now', parentId: bait.id, depth: 2, status: 'published' });
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: smtp.url() })).replyNotifications).toBe(2);
    for (const m of smtp.inbox.slice(1)) {
      expect(unfold(m.raw)).toMatch(/Subject: New reply to your reply on Dear PurseBop\r?\n/);
    }
  });

  it('a confirmation covers the author key that posted the reply, not every reply naming the address', async () => {
    const db = await target.open();
    const owner = await makeReply(db, { name: 'Owner', email: 'owner@example.com', notify: true, status: 'published' });
    await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined });
    await confirmAddress(db, await confirmationToken(db, 'owner@example.com'));
    // Someone else types the owner's address on their own reply, which gets an answer.
    const impostor = await makeReply(db, {
      name: 'Impostor',
      email: 'Owner@Example.com',
      notify: true,
      status: 'published',
    });
    await makeReply(db, { name: 'Answer A', parentId: impostor.id, depth: 2, status: 'published' });
    await makeReply(db, { name: 'Answer B', parentId: owner.id, depth: 2, status: 'published' });
    const report = await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined });
    expect(report.replyNotifications).toBe(1);
    const sent = await listOutbox(db, { pending: true, limit: 10, offset: 0 });
    const notes = sent.filter((m) => m.kind === 'reply-notification');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.bodyText).toContain('Answer B');
  });

  it('refuses a changed, foreign or expired confirmation token, and never mails an unsubscribed address', async () => {
    const db = await target.open();
    const r = await makeReply(db, { name: 'Tok', email: 'tok@example.com', notify: true, status: 'published' });
    await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined });
    const token = await confirmationToken(db, 'tok@example.com');
    const [id, at, sig] = token.split('.');
    const other = await makeReply(db, { name: 'Other', email: 'other@example.com', status: 'published' });
    expect(await checkConfirmToken(db, `${String(other.id)}.${at ?? ''}.${sig ?? ''}`)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await checkConfirmToken(db, `${id ?? ''}.${String(Number(at) + 1)}.${sig ?? ''}`)).toMatchObject({
      ok: false,
    });
    expect(await checkConfirmToken(db, 'garbage')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await checkConfirmToken(db, token, Number(at) + 8 * 24 * 60 * 60 * 1000)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(r.id).toBe(Number(id));

    await unsubscribeEmail(db, 'gone@example.com');
    await makeReply(db, { name: 'Gone', email: 'GONE@example.com', notify: true, status: 'published' });
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined })).confirmations).toBe(0);
  });

  it('keeps a message that SMTP refused, with its error, and retries it later', async () => {
    const db = await target.open();
    await makeEditor(db);
    await makeQuestion(db);
    const report = await flushNotifications(db, { siteUrl: SITE, smtpUrl: 'smtp://127.0.0.1:1' });
    expect(report.delivery).toMatchObject({ sent: 0, failed: 1 });
    const [kept] = await listOutbox(db, { pending: true, limit: 1, offset: 0 });
    expect(kept?.attempts).toBe(1);
    expect(kept?.lastError).toBeTruthy();
    smtp.inbox.length = 0;
    const retry = await flushNotifications(db, { siteUrl: SITE, smtpUrl: smtp.url() });
    expect(retry.delivery).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0]?.raw).not.toContain('List-Unsubscribe');
  });

  it('a claimed message is not claimed again by another sender', async () => {
    const db = await target.open();
    await makeEditor(db);
    await makeQuestion(db);
    await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined });
    const now = Date.now();
    expect(await claimPendingMail(db, 10, now)).toHaveLength(1);
    expect(await claimPendingMail(db, 10, now + 1)).toHaveLength(0);
  });
});
