import { describedBy, FieldError } from './FieldError';

interface Props {
  checked: boolean;
  error: string | undefined;
  onChange: (checked: boolean) => void;
  onBlur: (next: EventTarget | null) => void;
}

/** The required permission to publish, with the label text the column promises. */
export function ConsentField({ checked, error, onChange, onBlur }: Props) {
  return (
    <div className="ask-field ask-consent">
      <input
        id="ask-consent"
        name="consent"
        type="checkbox"
        required
        checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(undefined, 'ask-consent-error', error)}
        onChange={(e) => {
          onChange(e.target.checked);
        }}
        onBlur={(e) => {
          onBlur(e.relatedTarget);
        }}
      />
      <label htmlFor="ask-consent">PurseBop may publish an edited version of my letter</label>
      <FieldError id="ask-consent-error" message={error} />
    </div>
  );
}
