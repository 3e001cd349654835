import { actions } from 'astro:actions';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { buildReplyTree, showingLabel, type PublicReply, type ReplySort } from '../lib/reply-tree';
import { EditorLink } from './replies/EditorLink';
import { fieldErrors, type FieldErrors } from '../lib/reply-form-errors';
import { formText } from './replies/form-text';
import { ReplyForm } from './replies/ReplyForm';
import { ReplyThread, type ThreadHandlers } from './replies/ReplyThread';
import { SortSwitch } from './replies/SortSwitch';
import { CONFIRM_NOTICE } from '../lib/reply-notices';
import { loadAuthorKey, loadTokens, loadVoted, saveAuthorKey, saveToken, saveVoted, voterId } from './replies/storage';

interface Props {
  letterId: string;
  letterTitle: string;
}

/** What GET /api/replies/<letter> answers. */
interface ThreadPage {
  replies: PublicReply[];
  total: number;
  page: number;
  pageCount: number;
}

const EDIT_WINDOW_MS = 15 * 60 * 1000;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

/** The live replies region: loads the thread when it scrolls into view and posts without reloading. */
export default function Replies({ letterId, letterTitle }: Props) {
  const [replies, setReplies] = useState<PublicReply[]>([]);
  const [total, setTotal] = useState(0);
  const [sort, setSort] = useState<ReplySort>('oldest');
  const [pages, setPages] = useState({ page: 1, count: 1 });
  const [stamp, setStamp] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [tokens, setTokens] = useState<Record<string, string>>({});
  const [voted, setVoted] = useState<number[]>([]);
  const [status, setStatus] = useState('');
  const [focusId, setFocusId] = useState<number>();

  const load = useCallback(
    async (nextSort: ReplySort, page: number) => {
      // The thread is a cacheable GET (revalidated with its ETag); only the stamp and the reader's own
      // held replies come from an action, and only with the first page.
      const query = new URLSearchParams({ sort: nextSort, page: String(page) });
      const [thread, mine] = await Promise.all([
        fetch(`/api/replies/${encodeURIComponent(letterId)}?${query.toString()}`)
          .then(async (response) => (response.ok ? ((await response.json()) as ThreadPage) : undefined))
          .catch(() => undefined),
        page === 1 ? actions.replies.session({ letterId, tokens: Object.values(loadTokens()) }) : undefined,
      ]);
      if (!thread || mine?.error) {
        setStatus(`Replies could not be loaded: ${mine?.error?.message ?? 'please try again later.'}`);
        return;
      }
      const held = mine?.data.held ?? [];
      setReplies((old) => (page === 1 ? [...thread.replies, ...held] : [...old, ...thread.replies]));
      setTotal(thread.total);
      setPages({ page: thread.page, count: thread.pageCount });
      if (mine?.data) setStamp(mine.data.stamp);
      setLoaded(true);
    },
    [letterId],
  );

  useEffect(() => {
    setTokens(loadTokens());
    setVoted(loadVoted());
    void load(sort, 1);
  }, [load, sort]);

  useEffect(() => {
    if (focusId !== undefined) document.getElementById(`reply-${String(focusId)}`)?.focus();
  }, [focusId]);

  const tree = useMemo(() => buildReplyTree(replies, sort), [replies, sort]);

  const post = async (form: FormData): Promise<FieldErrors | undefined> => {
    const tempId = -Date.now();
    const parent = Number(formText(form, 'parentId'));
    const optimistic: PublicReply = {
      id: tempId,
      parentId: parent > 0 ? parent : null,
      depth: 1,
      authorName: formText(form, 'name'),
      bodyHtml: `<p>${escapeHtml(formText(form, 'body'))}</p>`,
      isColumnist: false,
      helpfulCount: 0,
      createdAt: Date.now(),
      edited: false,
      held: false,
      deleted: false,
    };
    setReplies((old) => [...old, optimistic]);
    setStatus('Posting your reply…');
    const authorKey = loadAuthorKey();
    if (authorKey) form.set('authorKey', authorKey);
    const { data, error } = await actions.replies.create(form);
    if (error) {
      setReplies((old) => old.filter((r) => r.id !== tempId));
      setStatus('Your reply was not posted.');
      return fieldErrors(error);
    }
    setReplies((old) => old.map((r) => (r.id === tempId ? data.reply : r)));
    setTokens(saveToken(data.reply.id, data.token));
    if (data.authorKey) saveAuthorKey(data.authorKey);
    setStamp(data.stamp);
    setTotal((n) => n + 1);
    const confirm = data.confirmationNeeded ? ` ${CONFIRM_NOTICE}` : '';
    setStatus(`${data.reply.held ? 'Your reply is awaiting moderation.' : 'Your reply was posted.'}${confirm}`);
    setFocusId(data.reply.id);
    return undefined;
  };

  /** The form an author's change is sent as (the same fields the no-JavaScript page posts). */
  const ownerForm = (id: number, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set('id', String(id));
    form.set('token', tokens[String(id)] ?? '');
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return form;
  };

  const handlers: ThreadHandlers = {
    letterId,
    stamp,
    editable: (id) => {
      const createdAt = Number(tokens[String(id)]?.split('.')[1] ?? 0);
      return Date.now() - createdAt < EDIT_WINDOW_MS;
    },
    voted: (id) => voted.includes(id),
    post,
    async edit(id, body) {
      const { data, error } = await actions.replies.edit(ownerForm(id, { body }));
      if (error) return fieldErrors(error).body ?? error.message;
      setReplies((old) => old.map((r) => (r.id === id ? data : r)));
      setStatus(data.held ? 'Your reply was saved and is awaiting moderation.' : 'Your reply was saved.');
      return undefined;
    },
    async remove(id) {
      const { error } = await actions.replies.delete(ownerForm(id));
      if (error) {
        setStatus(`Your reply was not deleted: ${error.message}`);
        return;
      }
      setReplies((old) => old.map((r) => (r.id === id ? { ...r, deleted: true } : r)));
      setTotal((n) => n - 1);
      setStatus('Your reply was deleted.');
      document.getElementById('replies-heading')?.focus();
    },
    async vote(id) {
      const next = [...voted, id];
      setVoted(next);
      saveVoted(next);
      const { data, error } = await actions.replies.vote({ id, voterId: voterId() });
      if (error) {
        setStatus(`Your vote was not counted: ${error.message}`);
        return;
      }
      setReplies((old) => old.map((r) => (r.id === id ? { ...r, helpfulCount: data.helpfulCount } : r)));
      setStatus(data.counted ? 'Thanks, your vote was counted.' : 'You already found this reply helpful.');
    },
  };

  return (
    <div className="replies-live" aria-label={`Replies to “${letterTitle}”`} role="region">
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      <EditorLink letterId={letterId} />
      {loaded && (
        <>
          <p className="replies-count">{total > 0 ? showingLabel(total) : 'No replies yet — be the first'}</p>
          {total > 1 && <SortSwitch sort={sort} onChange={setSort} />}
          <ReplyThread tree={tree} live={handlers} />
          {pages.page < pages.count && (
            <button type="button" className="reply-button" onClick={() => void load(sort, pages.page + 1)}>
              Show more replies
            </button>
          )}
          <h3 className="replies-form-heading">Add your reply</h3>
          <ReplyForm letterId={letterId} stamp={stamp} onPost={post} />
        </>
      )}
    </div>
  );
}
