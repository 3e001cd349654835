import { useEffect, useRef, useState } from 'react';
import type { ReplyNode } from '../../lib/reply-tree';
import type { FieldErrors } from './errors';
import { formText } from './form-text';
import { ReplyForm } from './ReplyForm';

/** Everything a reply needs from the thread around it. */
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

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function ReplyItem({ node, h }: { node: ReplyNode; h: ThreadHandlers }) {
  const { reply } = node;
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [editError, setEditError] = useState<string>();
  const mine = h.editable(reply.id);
  const editRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (editing) editRef.current?.focus();
  }, [editing]);

  async function saveEdit(form: FormData) {
    const message = await h.edit(reply.id, formText(form, 'body'));
    setEditError(message);
    if (!message) setEditing(false);
  }

  return (
    <li id={`reply-${String(reply.id)}`} className="reply" tabIndex={-1} data-depth={reply.depth}>
      {reply.deleted ? (
        <p className="reply-deleted">This reply was deleted.</p>
      ) : (
        <article aria-label={`Reply from ${reply.authorName}`}>
          <header>
            <strong className="reply-author">{reply.authorName}</strong>
            {reply.isColumnist && <span className="badge">Columnist</span>}{' '}
            <time dateTime={new Date(reply.createdAt).toISOString()}>{dateFormat.format(reply.createdAt)}</time>
            {reply.edited && <span className="reply-edited"> (edited)</span>}
            {reply.held && <span className="reply-held"> — awaiting moderation</span>}
          </header>
          {editing ? (
            <form
              className="reply-edit"
              onSubmit={(e) => {
                e.preventDefault();
                void saveEdit(new FormData(e.currentTarget));
              }}
            >
              <label htmlFor={`edit-${String(reply.id)}`}>Edit your reply</label>
              <textarea
                id={`edit-${String(reply.id)}`}
                name="body"
                defaultValue={reply.bodyMarkdown ?? ''}
                rows={5}
                maxLength={5000}
                aria-invalid={editError ? true : undefined}
                ref={editRef}
              />
              {editError && <p className="field-error">{editError}</p>}
              <button type="submit">Save</button>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setEditing(false);
                }}
              >
                Cancel
              </button>
            </form>
          ) : (
            <div className="reply-body" dangerouslySetInnerHTML={{ __html: reply.bodyHtml }} />
          )}
          <div className="reply-actions">
            {!reply.held && (
              <button
                type="button"
                aria-pressed={h.voted(reply.id)}
                disabled={h.voted(reply.id) || reply.id < 0}
                onClick={() => void h.vote(reply.id)}
              >
                Helpful ({reply.helpfulCount})
              </button>
            )}
            <button
              type="button"
              aria-expanded={replying}
              onClick={() => {
                setReplying(!replying);
              }}
              disabled={reply.id < 0}
            >
              Reply
            </button>
            {mine && !editing && (
              <>
                <button
                  type="button"
                  onClick={() => {
                    setEditing(true);
                  }}
                >
                  Edit
                </button>
                <button type="button" onClick={() => void h.remove(reply.id)}>
                  Delete
                </button>
              </>
            )}
          </div>
        </article>
      )}
      {replying && (
        <ReplyForm
          letterId={h.letterId}
          parentId={reply.id}
          stamp={h.stamp}
          takeFocus
          onCancel={() => {
            setReplying(false);
          }}
          onPost={async (form) => {
            const errors = await h.post(form);
            if (!errors) setReplying(false);
            return errors;
          }}
        />
      )}
      {node.children.length > 0 && (
        <ol className="replies-children">
          {node.children.map((child) => (
            <ReplyItem key={child.reply.id} node={child} h={h} />
          ))}
        </ol>
      )}
    </li>
  );
}
