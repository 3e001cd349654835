function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function resultLinks(results: HTMLElement): HTMLAnchorElement[] {
  return [...results.querySelectorAll<HTMLAnchorElement>('a[data-search-result]')];
}

/**
 * Keyboard flow of the search page: "/" jumps to the field, Esc clears it, the arrow keys walk
 * the result headlines (and back up into the field), and Enter follows the focused link natively.
 */
export function installSearchKeys(input: HTMLInputElement, results: HTMLElement, onClear: () => void): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value !== '') {
      event.preventDefault();
      input.value = '';
      onClear();
    } else if (event.key === 'ArrowDown') {
      const first = resultLinks(results)[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  results.addEventListener('keydown', (event) => {
    if (!['ArrowDown', 'ArrowUp', 'Escape'].includes(event.key)) return;
    const links = resultLinks(results);
    const position = links.findIndex((link) => link === document.activeElement);
    if (position === -1) return;
    event.preventDefault();
    if (event.key === 'Escape') input.focus();
    else if (event.key === 'ArrowDown') (links[position + 1] ?? links[position])?.focus();
    else (links[position - 1] ?? input).focus();
  });
}
