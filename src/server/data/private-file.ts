import { closeSync, fchmodSync, openSync, writeFileSync } from 'node:fs';

/**
 * Writes `text` to `file` readable and writable by its owner only (0600), whatever the umask,
 * and also when the file already existed with wider rights: exports hold readers' addresses.
 * The rights are narrowed before the first byte is written.
 */
export function writePrivateFile(file: string, text: string): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
