import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { ConsentField } from './ask/ConsentField';
import { QuestionFields } from './ask/QuestionFields';
import { SimilarLetters } from './ask/SimilarLetters';
import { EMPTY_VALUES, validateAsk, type AskErrors, type AskValues, type TopicOption } from '../lib/ask-form';
import { useSimilarLetters } from './ask/use-similar-letters';
import { sendQuestion } from './ask/send-question';

interface Props {
  /** The form's action URL, so the same markup posts without JavaScript. */
  action: string;
  topics: TopicOption[];
  /** Signed "form shown at" stamp from the server. */
  stamp: string;
  /** What the visitor sent last time, when the server sends the form back with errors. */
  initialValues?: Partial<AskValues>;
  initialErrors?: AskErrors;
}

const ORDER = ['pseudonym', 'email', 'topic', 'body', 'consent'] as const;

/** The ask form: a plain post without JavaScript; inline checks, word count and suggestions with it. */
export default function AskForm({ action, topics, stamp: firstStamp, initialValues, initialErrors = {} }: Props) {
  const [values, setValues] = useState<AskValues>({ ...EMPTY_VALUES, ...initialValues });
  const [errors, setErrors] = useState<AskErrors>(initialErrors);
  const [touched, setTouched] = useState<Partial<Record<keyof AskValues, boolean>>>({});
  const [stamp, setStamp] = useState(firstStamp);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const similar = useSimilarLetters(values.body);

  const recheck = (next: AskValues, fields: Partial<Record<keyof AskValues, boolean>>) => {
    const found = validateAsk(next);
    setErrors((old) => {
      const merged: AskErrors = {};
      for (const f of ORDER) {
        const message = fields[f] ? found[f] : old[f];
        if (message) merged[f] = message;
      }
      return merged;
    });
  };
  const change = (patch: Partial<AskValues>) => {
    const next = { ...values, ...patch };
    setValues(next);
    recheck(next, touched);
  };
  // A blur caused by pressing a pointer on another control must not show a message before the
  // click lands: the message would push that control (the consent box, the send button) away
  // from under the pointer. Such checks wait until the pointer is released.
  const pointerDown = useRef(false);
  const [deferredCheck, setDeferredCheck] = useState(0);
  useEffect(() => {
    const down = () => {
      pointerDown.current = true;
    };
    const up = () => {
      if (!pointerDown.current) return;
      pointerDown.current = false;
      // After the click this release belongs to has been handled.
      setTimeout(() => {
        setDeferredCheck((n) => n + 1);
      }, 0);
    };
    document.addEventListener('pointerdown', down, true);
    document.addEventListener('pointerup', up, true);
    document.addEventListener('pointercancel', up, true);
    return () => {
      document.removeEventListener('pointerdown', down, true);
      document.removeEventListener('pointerup', up, true);
      document.removeEventListener('pointercancel', up, true);
    };
  }, []);
  const latest = useRef({ values, touched });
  latest.current = { values, touched };
  useEffect(() => {
    if (deferredCheck > 0) recheck(latest.current.values, latest.current.touched);
    // Only a released pointer triggers this; the values come from the latest render.
  }, [deferredCheck]);
  const blur = (field: keyof AskValues, focusedNext: EventTarget | null) => {
    const next = { ...touched, [field]: true };
    setTouched(next);
    // Heading for the send button: submit checks everything, and a message appearing now would
    // push the button away from under the pointer before the click lands.
    if (focusedNext instanceof HTMLButtonElement && focusedNext.type === 'submit') return;
    if (pointerDown.current) return;
    recheck(values, next);
  };
  // Focus moves after React has drawn the messages, so a form-level error exists before it is focused.
  const [focusRequest, setFocusRequest] = useState<{ target: string } | undefined>();
  useEffect(() => {
    if (focusRequest) formRef.current?.querySelector<HTMLElement>(focusRequest.target)?.focus();
  }, [focusRequest]);
  const focusFirstProblem = (found: AskErrors) => {
    const first = ORDER.find((f) => found[f]);
    const target = first ? `#ask-${first}` : found.form ? '#ask-form-error' : undefined;
    if (target) setFocusRequest({ target });
  };

  const submit = async (event: SyntheticEvent<HTMLFormElement, SubmitEvent>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const found = validateAsk(values);
    setTouched({ pseudonym: true, email: true, topic: true, body: true, consent: true });
    if (Object.keys(found).some((k) => found[k as keyof AskErrors])) {
      setErrors(found);
      focusFirstProblem(found);
      return;
    }
    setSending(true);
    const outcome = await sendQuestion(new FormData(form));
    if (outcome.ok) {
      window.location.assign(`/ask/sent?token=${encodeURIComponent(outcome.token)}`);
      return;
    }
    setSending(false);
    if (outcome.freshStamp) setStamp(outcome.freshStamp);
    setErrors(outcome.errors);
    focusFirstProblem(outcome.errors);
  };

  return (
    <form
      ref={formRef}
      className="ask-form"
      method="post"
      action={action}
      noValidate
      aria-busy={sending}
      onSubmit={(e) => void submit(e)}
    >
      {errors.form && (
        <p id="ask-form-error" className="ask-error ask-form-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <QuestionFields values={values} errors={errors} topics={topics} onChange={change} onBlur={blur} />
      <SimilarLetters letters={similar} />
      <ConsentField
        checked={values.consent}
        error={errors.consent}
        onChange={(consent) => {
          change({ consent });
        }}
        onBlur={(focusedNext) => {
          blur('consent', focusedNext);
        }}
      />
      <div className="ask-trap">
        <label htmlFor="ask-website">Leave this field empty</label>
        <input id="ask-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <input type="hidden" name="stamp" value={stamp} />
      <button type="submit" disabled={sending}>
        Send my question
      </button>
    </form>
  );
}
