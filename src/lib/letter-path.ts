/** Site-relative URL of a letter page. */
export function letterPath(id: string): string {
  return `/letters/${id}/`;
}
