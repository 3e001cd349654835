import { findPublishedLetter } from '../catalogue/manifest';

/** Letters readers can reply to: exactly the ones the site shows (the publishing rule decides). */
export async function letterExists(letterId: string, now = new Date()): Promise<boolean> {
  // A keyed lookup in the build's manifest: this runs on every replies request.
  return (await findPublishedLetter(letterId, now)) !== undefined;
}
