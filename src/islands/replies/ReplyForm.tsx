import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { REPLY_LIMITS } from '../../lib/reply-rules';
import type { FieldErrors } from '../../lib/reply-form-errors';

interface Props {
  letterId: string;
  parentId?: number | undefined;
  stamp: string;
  /** Posts the form; resolves to errors to show, or undefined once accepted. */
  onPost: (form: FormData) => Promise<FieldErrors | undefined>;
  onCancel?: (() => void) | undefined;
  /** Move the focus into the form when it opens (a reply form opened from a Reply button). */
  takeFocus?: boolean;
}

/** The reply form; the same fields as the no-JavaScript page, so either can post. */
export function ReplyForm({ letterId, parentId, stamp, onPost, onCancel, takeFocus = false }: Props) {
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // A reply form opened from a "Reply" button takes the focus, so keyboard users land in it.
  useEffect(() => {
    if (takeFocus) formRef.current?.querySelector<HTMLElement>('[name="name"]')?.focus();
  }, [takeFocus]);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    const result = await onPost(new FormData(form));
    setBusy(false);
    setErrors(result ?? {});
    if (!result) {
      form.reset();
      return;
    }
    // Put the reader on the first field that needs attention.
    const first = (['name', 'email', 'body'] as const).find((f) => result[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  const field = (name: 'name' | 'email' | 'body') => ({
    id: `${id}-${name}`,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
  });
  const error = (name: 'name' | 'email' | 'body') =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;
  const formError = errors.form ?? errors.parentId;

  return (
    <form ref={formRef} className="reply-form" method="post" onSubmit={(e) => void submit(e)} noValidate>
      <input type="hidden" name="letterId" value={letterId} />
      {parentId !== undefined && <input type="hidden" name="parentId" value={parentId} />}
      <input type="hidden" name="stamp" value={stamp} />
      <div className="hp" aria-hidden="true">
        <label htmlFor={`${id}-website`}>Leave empty</label>
        <input id={`${id}-website`} name="website" tabIndex={-1} autoComplete="off" />
      </div>
      <label htmlFor={`${id}-name`}>Name</label>
      <input {...field('name')} required maxLength={REPLY_LIMITS.nameMax} autoComplete="nickname" />
      {error('name')}
      <label htmlFor={`${id}-email`}>Email (optional)</label>
      <input {...field('email')} type="email" autoComplete="email" />
      {error('email')}
      <label className="check">
        <input type="checkbox" name="notify" value="true" /> Email me when someone replies to my reply
      </label>
      <label htmlFor={`${id}-body`}>Your reply</label>
      <textarea {...field('body')} required maxLength={REPLY_LIMITS.bodyMax} rows={5} />
      {error('body')}
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="reply-form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          Post reply
        </button>
        {onCancel && (
          <button type="button" className="reply-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
