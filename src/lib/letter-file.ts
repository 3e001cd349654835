import yaml from 'js-yaml';

/**
 * "Should I buy a Kelly?" → "should-i-buy-a-kelly": lower-case ASCII words joined by hyphens, accents
 * folded, at most `maxWords` words; '' when the text has no letters or digits. The one slug maker for
 * letter files, whether an editor scaffolds one or the desk drafts one from a question.
 */
export function slugify(text: string, maxWords = 8): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, maxWords)
    .join('-');
}

/**
 * Frontmatter as YAML, written by the library Astro reads it with: every value is quoted and escaped
 * by the serializer, never spliced into YAML text. Ends with a newline.
 */
export function frontmatterYaml(fields: Record<string, unknown>): string {
  return yaml.dump(fields, { lineWidth: -1, flowLevel: 1, quotingType: '"', forceQuotes: true, noRefs: true });
}
