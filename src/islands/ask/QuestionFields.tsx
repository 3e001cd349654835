import { QUESTION_LIMITS as L } from '../../lib/question-rules';
import { countOf } from '../../lib/plural';
import { countWords } from '../../lib/word-count';
import { describedBy, FieldError } from './FieldError';
import type { AskErrors, AskValues, TopicOption } from '../../lib/ask-form';

interface Props {
  values: AskValues;
  errors: AskErrors;
  topics: TopicOption[];
  onChange: (patch: Partial<AskValues>) => void;
  /** `next` is where focus went, so a move to the send button can be told apart. */
  onBlur: (field: keyof AskValues, next: EventTarget | null) => void;
}

/** The visible fields of the ask form; names match the action's input so a plain post works. */
export function QuestionFields({ values, errors, topics, onChange, onBlur }: Props) {
  const words = countWords(values.body);
  const outOfRange = words > L.wordsMax || (words > 0 && words < L.wordsMin);
  return (
    <>
      <div className="ask-field">
        <label htmlFor="ask-pseudonym">Sign your letter as</label>
        <p id="ask-pseudonym-hint" className="ask-hint">
          A made-up name, {L.pseudonymMin}–{L.pseudonymMax} characters, e.g. “Second Guesser”.
        </p>
        <input
          id="ask-pseudonym"
          name="pseudonym"
          type="text"
          required
          minLength={L.pseudonymMin}
          maxLength={L.pseudonymMax}
          autoComplete="off"
          value={values.pseudonym}
          aria-invalid={errors.pseudonym ? true : undefined}
          aria-describedby={describedBy('ask-pseudonym-hint', 'ask-pseudonym-error', errors.pseudonym)}
          onChange={(e) => {
            onChange({ pseudonym: e.target.value });
          }}
          onBlur={(e) => {
            onBlur('pseudonym', e.relatedTarget);
          }}
        />
        <FieldError id="ask-pseudonym-error" message={errors.pseudonym} />
      </div>
      <div className="ask-field">
        <label htmlFor="ask-email">Email (optional)</label>
        <p id="ask-email-hint" className="ask-hint">
          Never published. We only use it if PurseBop needs to ask you something.
        </p>
        <input
          id="ask-email"
          name="email"
          type="email"
          maxLength={L.emailMax}
          autoComplete="email"
          value={values.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy('ask-email-hint', 'ask-email-error', errors.email)}
          onChange={(e) => {
            onChange({ email: e.target.value });
          }}
          onBlur={(e) => {
            onBlur('email', e.relatedTarget);
          }}
        />
        <FieldError id="ask-email-error" message={errors.email} />
      </div>
      <div className="ask-field">
        <label htmlFor="ask-topic">Topic</label>
        <select
          id="ask-topic"
          name="topic"
          required
          value={values.topic}
          aria-invalid={errors.topic ? true : undefined}
          aria-describedby={describedBy(undefined, 'ask-topic-error', errors.topic)}
          onChange={(e) => {
            onChange({ topic: e.target.value });
          }}
          onBlur={(e) => {
            onBlur('topic', e.relatedTarget);
          }}
        >
          <option value="">Choose a topic</option>
          {topics.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <FieldError id="ask-topic-error" message={errors.topic} />
      </div>
      <div className="ask-field">
        <label htmlFor="ask-body">Your question</label>
        <p id="ask-body-hint" className="ask-hint">
          Between {L.wordsMin} and {L.wordsMax} words.{' '}
          <span className={outOfRange ? 'ask-count is-off' : 'ask-count'}>{countOf(words, 'word', 'words')}</span>
        </p>
        <textarea
          id="ask-body"
          name="body"
          required
          rows={12}
          maxLength={L.charsMax}
          value={values.body}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={describedBy('ask-body-hint', 'ask-body-error', errors.body)}
          onChange={(e) => {
            onChange({ body: e.target.value });
          }}
          onBlur={(e) => {
            onBlur('body', e.relatedTarget);
          }}
        />
        <FieldError id="ask-body-error" message={errors.body} />
      </div>
    </>
  );
}
