interface Props {
  id: string;
  message: string | undefined;
}

/** The message under a field; its id is what the field's aria-describedby points to. */
export function FieldError({ id, message }: Props) {
  if (!message) return null;
  return (
    <p id={id} className="ask-error">
      {message}
    </p>
  );
}

/** aria-describedby for a field: its hint, plus its error when there is one. */
export function describedBy(hintId: string | undefined, errorId: string, message: string | undefined) {
  const ids = [hintId, message ? errorId : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
