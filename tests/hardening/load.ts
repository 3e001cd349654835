// Writers for the load, durability and concurrency sections: each posts unique replies and
// questions with properly aged form stamps and remembers exactly what the server acknowledged.
import { LETTER, Site, sleep, type Reply } from './harness';

const QUESTION =
  'I keep my everyday leather bag on the floor of the car and the base has started to scuff and darken, and I would like to know whether a careful cleaning and conditioning could fix it or whether it needs a workshop.';

/** Stamps issued ahead and aged past the minimum fill time; refilled (and re-aged) when they run out. */
export class Stamps {
  private reply: string[] = [];
  private question: string[] = [];
  constructor(private readonly site: Site) {}

  async fill(n: number): Promise<void> {
    const replies: string[] = [];
    const questions: string[] = [];
    for (let i = 0; i < n; i++) {
      replies.push(await this.site.freshStamp());
      questions.push(((await this.site.action('questions.stamp', {})).data as { stamp: string }).stamp);
    }
    await sleep(3_200);
    this.reply.push(...replies);
    this.question.push(...questions);
  }

  async take(kind: 'reply' | 'question'): Promise<string> {
    const pool = kind === 'reply' ? this.reply : this.question;
    while (pool.length === 0) await this.fill(20);
    return pool.shift() ?? '';
  }
}

export interface Tally {
  /** Unique texts the server acknowledged (200) as stored. */
  acknowledged: string[];
  fiveXx: number;
  /** 5xx bodies and any database error text that reached a client. */
  leaks: string[];
  refused: number;
  /** Requests that failed in transit (the server was killed under them). */
  lost: number;
  requests: number;
}

export function newTally(): Tally {
  return { acknowledged: [], fiveXx: 0, leaks: [], refused: 0, lost: 0, requests: 0 };
}

/**
 * Database trouble as the drivers word it, matched case-sensitively and with its spaces: bodies carry
 * random base64 tokens and stamps, in which a case-blind "pool" turns up by chance every few thousand
 * responses.
 */
const DB_ERRORS =
  /database is locked|SQLITE_[A-Z]+|too many clients|timeout exceeded when trying to connect|remaining connection slots|Connection terminated|[Pp]ool (?:is )?(?:draining|ended|exhausted)/;

function record(tally: Tally, res: Reply, marker: string): void {
  tally.requests++;
  if (res.status >= 500) {
    tally.fiveXx++;
    tally.leaks.push(`${String(res.status)} ${res.text.slice(0, 200)}`);
  } else if (DB_ERRORS.test(res.text)) tally.leaks.push(`${String(res.status)} ${res.text.slice(0, 200)}`);
  if (res.status === 200) tally.acknowledged.push(marker);
  else tally.refused++;
}

let counter = 0;

/** One writer: alternates replies and questions with unique texts until `until()` says stop. */
export async function writer(
  site: Site,
  stamps: Stamps,
  tally: Tally,
  id: number,
  until: () => boolean,
): Promise<void> {
  for (let i = 0; !until(); i++) {
    const marker = `w${String(id)}n${String(i)}c${String(++counter)}t${String(Date.now())}`;
    try {
      if (i % 3 === 2) {
        const stamp = await stamps.take('question');
        const res = await site.action('questions.submit', {
          pseudonym: `Writer ${String(id)}`,
          topic: 'care-repair',
          body: `${QUESTION} ${marker}`,
          consent: 'on',
          stamp,
        });
        record(tally, res, `q:${marker}`);
      } else {
        const stamp = await stamps.take('reply');
        const res = await site.action('replies.create', {
          letterId: LETTER,
          name: `Writer ${String(id)}`,
          body: `Load reply ${marker}`,
          stamp,
        });
        record(tally, res, `r:${marker}`);
      }
    } catch {
      tally.lost++;
      await sleep(50);
    }
  }
}

/** One reader: lists replies and loads pages until told to stop. */
export async function reader(site: Site, tally: Tally, until: () => boolean): Promise<void> {
  while (!until()) {
    try {
      const res = await site.action('replies.list', { letterId: LETTER, sort: 'newest' });
      tally.requests++;
      if (res.status >= 500 || DB_ERRORS.test(res.text)) {
        if (res.status >= 500) tally.fiveXx++;
        tally.leaks.push(`${String(res.status)} ${res.text.slice(0, 200)}`);
      }
    } catch {
      tally.lost++;
      await sleep(50);
    }
  }
}

/** Acknowledged texts that are not in the database. */
export async function missingWrites(site: Site, acknowledged: readonly string[]): Promise<string[]> {
  const replies = new Set(
    (
      await site.rows<{ body_markdown: string }>(
        "SELECT body_markdown FROM replies WHERE body_markdown LIKE 'Load reply %'",
      )
    ).map((r) => r.body_markdown.slice('Load reply '.length)),
  );
  const questions = new Set(
    (await site.rows<{ body: string }>('SELECT body FROM questions')).map((q) =>
      q.body.slice(q.body.lastIndexOf(' ') + 1),
    ),
  );
  return acknowledged.filter((m) => (m.startsWith('r:') ? !replies.has(m.slice(2)) : !questions.has(m.slice(2))));
}
