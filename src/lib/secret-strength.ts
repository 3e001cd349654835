/** Fewer characters than this cannot hold the entropy asked for below, whatever they are. */
export const MIN_SECRET_LENGTH = 32;
/** What a secret must carry at least; 32 random hex digits carry 128, which leaves room for a chance run or sequence. */
const MIN_BITS = 112;

/**
 * Words people put in a secret they made up, and words of this site. Only words of four
 * letters or more: shorter ones turn up by chance in random text.
 */
const COMMON_WORDS = `
  password passwd passphrase secret secrets changeme change default example sample letmein welcome qwerty
  azerty asdf zxcv admin administrator root user login master token session cookie signing private public
  development production staging local localhost test testing debug dummy placeholder insecure unsafe random
  string value site website server node astro pursebop purse dear handbag handbags bags hermes birkin kelly
  chanel dragon monkey shadow sunshine princess football baseball superman batman trustno iloveyou hello world
  abcdef qwertyuiop this that with from your mine very long strong super some thing something nothing correct
  horse battery staple replace todo fixme lorem ipsum dolor amet foobar spam eggs
`
  .split(/\s+/)
  .filter((w) => w.length >= 4);

// Longest first, so "passwords" is taken whole rather than as "password" and a leftover "s".
const WORD_PATTERN = new RegExp([...COMMON_WORDS].sort((a, b) => b.length - a.length).join('|'), 'gi');

/** Runs of five or more steps up or down the alphabet or digits ("abcde", "12345", "98765") keep only their first character. */
function dropSequences(text: string): string {
  const code = (i: number) => text.charCodeAt(i);
  let out = '';
  let i = 0;
  // Past the last character charCodeAt is NaN, which equals no step: no bounds test is needed.
  while (i < text.length) {
    let j = i;
    const step = code(i + 1) - code(i);
    if (Math.abs(step) === 1) while (code(j + 1) - code(j) === step) j++;
    out += j - i + 1 >= 5 ? text.charAt(i) : text.slice(i, j + 1);
    i = j + 1;
  }
  return out;
}

/** Bits per character if each were drawn at random from the classes the secret uses. */
function bitsPerCharacter(secret: string): number {
  if (/^[0-9a-f]+$/i.test(secret)) return 4;
  let alphabet = 0;
  if (/[a-z]/.test(secret)) alphabet += 26;
  if (/[A-Z]/.test(secret)) alphabet += 26;
  if (/[0-9]/.test(secret)) alphabet += 10;
  if (/[^a-zA-Z0-9]/.test(secret)) alphabet += 33;
  return Math.log2(Math.max(2, alphabet));
}

/** True when the text is some shorter piece repeated ("abcabcabc…"). */
function isRepetition(text: string): boolean {
  for (let unit = 1; unit <= text.length / 2; unit++) {
    if (text.length % unit === 0 && text.slice(unit) === text.slice(0, -unit)) return true;
  }
  return false;
}

/**
 * Why a SITE_SECRET is too weak to sign sessions and tokens with (a short phrase for the
 * configuration report, which names the setting and how to make a good one), or undefined
 * when it looks random enough. A rough, conservative estimate: common words, repeats and
 * sequences count for nothing, the rest for what random characters of its kind would.
 */
export function siteSecretProblem(secret: string): string | undefined {
  if (secret.length < MIN_SECRET_LENGTH) {
    return `too short: ${String(secret.length)} characters, at least ${String(MIN_SECRET_LENGTH)} needed`;
  }
  if (new Set(secret).size < 8) return 'guessable: fewer than 8 different characters';
  if (isRepetition(secret)) return 'guessable: one short piece repeated';
  const rest = dropSequences(secret.replace(WORD_PATTERN, '')).replace(/(.)\1{3,}/g, '$1');
  const bits = rest.length * bitsPerCharacter(secret);
  if (bits < MIN_BITS) {
    return `guessable: mostly common words, repeats or sequences (about ${String(Math.floor(bits))} random bits, ${String(MIN_BITS)} needed)`;
  }
  return undefined;
}
