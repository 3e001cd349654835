import type { SimilarLetter } from './use-similar-letters';

interface Props {
  letters: SimilarLetter[];
}

/** "Already answered?" — kept in a polite live region so screen readers hear when suggestions arrive. */
export function SimilarLetters({ letters }: Props) {
  return (
    <div className="ask-similar" aria-live="polite">
      {letters.length > 0 && (
        <section aria-labelledby="ask-similar-heading">
          <h2 id="ask-similar-heading">Already answered?</h2>
          <p>These letters may cover the same ground. Have a look before you send:</p>
          <ul>
            {letters.map((l) => (
              <li key={l.url}>
                <a href={l.url}>{l.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
