import type { ReplySort } from '../../lib/reply-tree';

const labels: Record<ReplySort, string> = { oldest: 'Oldest', newest: 'Newest', helpful: 'Most helpful' };

/** Three toggle buttons; the pressed one is the current order. */
export function SortSwitch({ sort, onChange }: { sort: ReplySort; onChange: (s: ReplySort) => void }) {
  return (
    <div className="replies-sort" role="group" aria-label="Sort replies">
      {(Object.keys(labels) as ReplySort[]).map((s) => (
        <button
          key={s}
          type="button"
          className="reply-button"
          aria-pressed={sort === s}
          onClick={() => {
            onChange(s);
          }}
        >
          {labels[s]}
        </button>
      ))}
    </div>
  );
}
