import { useEffect, useState } from 'react';
import { countWords } from '../../lib/word-count';
import { rankByWords, subjectWords } from '../../lib/similar-query';
import { loadPagefind } from '../../scripts/search/pagefind-loader';

/** A published letter that may already answer the question being typed. */
export interface SimilarLetter {
  url: string;
  title: string;
}

/** Suggestions start once a question has enough words to have a subject. */
export const SUGGEST_AFTER_WORDS = 8;
const DEBOUNCE_MS = 600;

async function findSimilar(text: string): Promise<SimilarLetter[]> {
  const words = subjectWords(text);
  if (words.length === 0) return [];
  const pagefind = await loadPagefind();
  const searches = await Promise.all(words.map((w) => pagefind.search(w)));
  const byId = new Map(searches.flatMap((s) => s?.results ?? []).map((r) => [r.id, r]));
  // Earlier results match better; their position stands in for a score.
  const hits = searches.map((s) => (s?.results ?? []).map((r, i) => ({ id: r.id, score: 1 / (i + 1) })));
  const ids = rankByWords(hits);
  const data = await Promise.all(
    ids.flatMap((id) => {
      const result = byId.get(id);
      return result ? [result.data()] : [];
    }),
  );
  return data.map((d) => ({ url: d.url, title: d.meta.title ?? d.url }));
}

/**
 * Letters similar to `text`, looked up in the site's search index a moment after the
 * visitor stops typing. Without an index (or on failure) there are simply no suggestions.
 */
export function useSimilarLetters(text: string): SimilarLetter[] {
  const [letters, setLetters] = useState<SimilarLetter[]>([]);
  useEffect(() => {
    if (countWords(text) < SUGGEST_AFTER_WORDS) {
      setLetters([]);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      findSimilar(text).then(
        (found) => {
          if (current) setLetters(found);
        },
        () => {
          if (current) setLetters([]);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return letters;
}
