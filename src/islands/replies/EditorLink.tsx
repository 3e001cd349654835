import { useEffect, useState } from 'react';

interface DeskSession {
  signedIn: boolean;
  name: string | null;
}

/**
 * For a signed-in editor only: the way from the letter page to answering as the columnist.
 * The desk's cookie is scoped to /desk, so the page asks the desk who is signed in.
 */
export function EditorLink({ letterId }: { letterId: string }) {
  const [session, setSession] = useState<DeskSession>();
  useEffect(() => {
    fetch('/desk/session.json', { credentials: 'same-origin' })
      .then((r) => (r.ok ? (r.json() as Promise<DeskSession>) : undefined))
      .then(setSession)
      .catch(() => undefined);
  }, []);
  if (!session?.signedIn) return null;
  return (
    <p className="replies-editor">
      Signed in to the desk{session.name ? ` as ${session.name}` : ''}:{' '}
      <a href={`/desk/replies/new?letter=${encodeURIComponent(letterId)}`}>Reply as the columnist</a>
    </p>
  );
}
