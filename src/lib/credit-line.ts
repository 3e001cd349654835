/** Words an editor may start a credit with that already say what kind of picture it is. */
const KIND =
  /^(photo|photograph|photography|illustration|illustrated|drawing|image|picture|artwork|courtesy|via|©|\(c\))\b/i;

/**
 * The caption credit as the editor wrote it: "Illustration by Dear PurseBop" stays as is,
 * and a bare name ("Ana Ruiz") is labelled "Photo: Ana Ruiz".
 */
export function creditLine(credit: string): string {
  const text = credit.trim();
  return KIND.test(text) ? text : `Photo: ${text}`;
}
