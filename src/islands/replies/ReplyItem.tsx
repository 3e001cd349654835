import { useEffect, useRef, useState } from 'react';
import { REPLY_LIMITS } from '../../lib/reply-rules';
import { formatReplyTime, type ReplyNode } from '../../lib/reply-tree';
import type { FieldErrors } from '../../lib/reply-form-errors';
import { formText } from './form-text';
import { ReplyForm } from './ReplyForm';

/** Everything a live reply needs from the island around it. */
export interface ThreadHandlers {
  letterId: string;
  stamp: string;
  /** Ids this browser may still edit or delete. */
  editable: (id: number) => boolean;
  voted: (id: number) => boolean;
  post: (form: FormData) => Promise<FieldErrors | undefined>;
  edit: (id: number, body: string) => Promise<string | undefined>;
  remove: (id: number) => Promise<void>;
  vote: (id: number) => Promise<void>;
}

/** What the server-rendered thread needs: links and plain forms instead of buttons. */
export interface PlainThread {
  /** The no-JavaScript page's own address, for the per-reply "Reply" and "Edit" links. */
  base: string;
  /** Reply id → token, for this reader's replies still inside the edit window. */
  changeable: Readonly<Record<number, string>>;
  /** Where a plain "Delete" form posts. */
  deleteAction: string;
}

interface Props {
  node: ReplyNode;
  live?: ThreadHandlers | undefined;
  plain?: PlainThread | undefined;
}

export function ReplyItem({ node, live, plain }: Props) {
  const { reply } = node;
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [editError, setEditError] = useState<string>();
  const editRef = useRef<HTMLTextAreaElement>(null);
  const voted = live?.voted(reply.id) ?? false;

  useEffect(() => {
    if (editing) editRef.current?.focus();
  }, [editing]);

  async function saveEdit(form: FormData) {
    if (!live) return;
    const message = await live.edit(reply.id, formText(form, 'body'));
    setEditError(message);
    if (!message) setEditing(false);
  }

  const editId = `edit-${String(reply.id)}`;
  const liveActions = live && (
    <>
      {!reply.held && (
        <button
          type="button"
          className="reply-button"
          aria-pressed={voted}
          disabled={voted || reply.id < 0}
          onClick={() => void live.vote(reply.id)}
        >
          Helpful ({reply.helpfulCount})
        </button>
      )}
      {voted && <span className="reply-voted">You found this helpful</span>}
      <button
        type="button"
        className="reply-button"
        aria-expanded={replying}
        onClick={() => {
          setReplying(!replying);
        }}
        disabled={reply.id < 0}
      >
        Reply
      </button>
      {live.editable(reply.id) && !editing && (
        <>
          <button
            type="button"
            className="reply-button"
            onClick={() => {
              setEditing(true);
            }}
          >
            Edit
          </button>
          <button type="button" className="reply-button" onClick={() => void live.remove(reply.id)}>
            Delete
          </button>
        </>
      )}
    </>
  );
  const token = plain?.changeable[reply.id];
  const plainActions = plain && (
    <>
      <span className="reply-helpful">Helpful ({reply.helpfulCount})</span>
      <a className="reply-button" href={`${plain.base}?parent=${String(reply.id)}#reply-form`}>
        Reply
      </a>
      {token !== undefined && (
        <>
          <a className="reply-button" href={`${plain.base}?edit=${String(reply.id)}#edit-form`}>
            Edit
          </a>
          <form method="post" action={plain.deleteAction} className="inline-form">
            <input type="hidden" name="id" value={reply.id} />
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="reply-button">
              Delete
            </button>
          </form>
        </>
      )}
    </>
  );

  return (
    <li
      id={`reply-${String(reply.id)}`}
      className={reply.isColumnist ? 'reply reply-columnist' : 'reply'}
      tabIndex={live ? -1 : undefined}
      data-depth={reply.depth}
    >
      {reply.deleted ? (
        <p className="reply-deleted">This reply was deleted.</p>
      ) : (
        <article aria-label={`Reply from ${reply.authorName}`}>
          <header className="reply-meta">
            <strong className="reply-author">{reply.authorName}</strong>
            {reply.isColumnist && <span className="badge">Columnist</span>}{' '}
            <time dateTime={new Date(reply.createdAt).toISOString()}>{formatReplyTime(reply.createdAt)}</time>
            {reply.edited && <span className="reply-edited"> (edited)</span>}
            {reply.held && <span className="reply-held"> — awaiting moderation</span>}
          </header>
          {editing ? (
            <form
              className="reply-edit"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void saveEdit(new FormData(e.currentTarget));
              }}
            >
              <label htmlFor={editId}>Edit your reply</label>
              <textarea
                id={editId}
                name="body"
                defaultValue={reply.bodyMarkdown ?? ''}
                rows={5}
                maxLength={REPLY_LIMITS.bodyMax}
                aria-invalid={editError ? true : undefined}
                aria-describedby={editError ? `${editId}-error` : undefined}
                ref={editRef}
              />
              {editError && (
                <p id={`${editId}-error`} className="field-error">
                  {editError}
                </p>
              )}
              <div className="reply-form-actions">
                <button type="submit" className="button-primary">
                  Save
                </button>
                <button
                  type="button"
                  className="reply-button"
                  onClick={() => {
                    setEditing(false);
                  }}
                >
                  Cancel
                </button>
              </div>
            </form>
          ) : (
            <div className="reply-body" dangerouslySetInnerHTML={{ __html: reply.bodyHtml }} />
          )}
          <div className="reply-actions">{liveActions ?? plainActions}</div>
        </article>
      )}
      {live && replying && (
        <ReplyForm
          letterId={live.letterId}
          parentId={reply.id}
          stamp={live.stamp}
          takeFocus
          onCancel={() => {
            setReplying(false);
          }}
          onPost={async (form) => {
            const errors = await live.post(form);
            if (!errors) setReplying(false);
            return errors;
          }}
        />
      )}
      {node.children.length > 0 && (
        <ol className="replies-children">
          {node.children.map((child) => (
            <ReplyItem key={child.reply.id} node={child} live={live} plain={plain} />
          ))}
        </ol>
      )}
    </li>
  );
}
