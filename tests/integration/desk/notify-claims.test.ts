import type { Transporter } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import {
  enqueueMail,
  claimPendingMail,
  countPendingMail,
  CLAIM_MS,
  markMailFailed,
  markMailSent,
} from '../../../src/server/notify/outbox';
import { sendPendingMail } from '../../../src/server/notify/send';
import type { Db } from '../../../src/server/db';
import { describeEachDb } from '../db-harness';

async function queue(db: Db, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await enqueueMail(db, {
      kind: 'editor-digest',
      recipient: `ed${String(i)}@example.com`,
      subject: 's',
      bodyText: 'b',
    });
  }
}

/** A transport that records recipients and can run something in the middle of a send. */
function fakeTransport(during?: (sentSoFar: number) => Promise<void>): { transport: Transporter; to: string[] } {
  const to: string[] = [];
  const transport = {
    async sendMail(m: { to: string }) {
      to.push(m.to);
      await during?.(to.length);
      return {};
    },
  } as unknown as Transporter;
  return { transport, to };
}

describeEachDb('outbox claims', (target) => {
  it('a sender whose claim ran out can neither mark the message sent nor free it for others', async () => {
    const db = await target.open();
    await queue(db, 1);
    const t0 = Date.now();
    const [mine] = await claimPendingMail(db, 10, t0, 'first');
    expect(mine).toBeDefined();
    // The first sender stalls past its claim; a second one takes the message over.
    const later = t0 + CLAIM_MS + 1;
    expect(await claimPendingMail(db, 10, later, 'second')).toHaveLength(1);
    expect(await markMailFailed(db, mine?.id ?? 0, 'first', 'timeout')).toBe(false);
    expect(await claimPendingMail(db, 10, later + 1, 'third')).toHaveLength(0);
    expect(await markMailSent(db, mine?.id ?? 0, 'first', later)).toBe(false);
    expect(await markMailSent(db, mine?.id ?? 0, 'second', later)).toBe(true);
  });

  it('a slow batch never sends a message another sender took over meanwhile', async () => {
    const db = await target.open();
    await queue(db, 3);
    const other = fakeTransport();
    const slow = fakeTransport(async (sentSoFar) => {
      if (sentSoFar !== 1) return;
      // While the first message is with SMTP, the rest of this batch's claims run out and a
      // second sender (another instance, or a cron flush) claims and sends them.
      await db.run(
        'UPDATE outbox SET claimed_until = 1 WHERE sent_at IS NULL AND claimed_until > 0 AND id > (SELECT MIN(id) FROM outbox)',
      );
      const report = await sendPendingMail(db, other.transport, { from: 'desk@example.com' });
      expect(report.sent).toBe(2);
    });
    const report = await sendPendingMail(db, slow.transport, { from: 'desk@example.com' });
    expect(report).toMatchObject({ sent: 1, skipped: 2, lostClaims: 0 });
    expect([...slow.to, ...other.to].sort()).toEqual(['ed0@example.com', 'ed1@example.com', 'ed2@example.com']);
  });

  it('several senders at once deliver every message exactly once', async () => {
    const db = await target.open();
    await queue(db, 30);
    const senders = Array.from({ length: 4 }, () => fakeTransport());
    // Each round all four race for the same oldest messages; rounds go on until the outbox is empty.
    for (let round = 0; round < 10 && (await countPendingMail(db)) > 0; round++) {
      await Promise.all(senders.map((s) => sendPendingMail(db, s.transport, { from: 'desk@example.com', batch: 10 })));
    }
    const all = senders.flatMap((s) => s.to).sort();
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
  });
});

describe('SMTP transport', () => {
  it('is pooled', async () => {
    const { transportFromUrl } = await import('../../../src/server/notify/send');
    const t = transportFromUrl('smtp://127.0.0.1:2525');
    expect((t as unknown as { transporter: { name: string } }).transporter.name).toBe('SMTP (pool)');
    t.close();
  });
});
