/** One way to share a letter: a plain link, no third-party script. */
export interface ShareLink {
  label: string;
  href: string;
}

/** Email, X, Facebook and the permalink itself, built from the canonical URL and headline. */
export function shareLinks(url: string, headline: string): ShareLink[] {
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(headline);
  return [
    { label: 'Email', href: `mailto:?subject=${text}&body=${u}` },
    { label: 'X (Twitter)', href: `https://twitter.com/intent/tweet?url=${u}&text=${text}` },
    { label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { label: 'Permalink', href: url },
  ];
}
