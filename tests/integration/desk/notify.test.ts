import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(report).toEqual({ digests: 2, replyNotifications: 0, delivery: 'no-smtp' });
    const waiting = await listOutbox(db, { pending: true, limit: 10, offset: 0 });
    expect(waiting).toHaveLength(2);
    const digest = waiting[0];
    expect(digest?.subject).toContain('2 new question(s), 1 held reply(ies)');
    expect(digest?.bodyText).toContain('Worried Buyer');
    expect(digest?.bodyText).toContain('Held Person');
    expect(digest?.bodyText).not.toContain('Published Person');
    expect(digest?.bodyText).toContain(`${SITE}/desk/replies?status=held`);

    // Nothing new: the next run queues nothing.
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined })).digests).toBe(0);
    await makeQuestion(db, { pseudonym: 'Third Asker' });
    expect((await flushNotifications(db, { siteUrl: SITE, smtpUrl: undefined })).digests).toBe(2);
    const latest = (await listOutbox(db, { pending: true, limit: 1, offset: 0 }))[0];
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

  it('sends one message per reply to a reader who opted in, through real SMTP with a working one-click unsubscribe', async () => {
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
    await makeReply(db, { name: 'Answerer', parentId: parent.id, depth: 2, status: 'published', body: 'First answer' });
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
    expect(raw).toMatch(/Subject: Answerer replied to you on Dear PurseBop/);
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
