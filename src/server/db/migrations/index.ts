import type { Migration } from '../migrate';
import { m001Core } from './001-core';
import { m010Replies } from './010-replies';
import { m011ReplyTrust } from './011-reply-trust';
import { m018ReplyEditedAt } from './018-reply-edited-at';
import { m027ReplyThreads } from './027-reply-threads';
import { m030Questions } from './030-questions';
import { m031QuestionSpam } from './031-question-spam';
import { m050DeskAuth } from './050-desk-auth';
import { m051Notify } from './051-notify';
import { m052Imports } from './052-imports';
import { m070OutboxClaims } from './070-outbox-claims';
import { m071LetterDrafts } from './071-letter-drafts';

/**
 * Every migration, in order. Append new ones (never edit one that has shipped):
 * 010–029 replies, 030–049 questions, 050–069 desk, 070+ operations.
 */
export const migrations: readonly Migration[] = [
  m001Core,
  m010Replies,
  m011ReplyTrust,
  m018ReplyEditedAt,
  m027ReplyThreads,
  m030Questions,
  m031QuestionSpam,
  m050DeskAuth,
  m051Notify,
  m052Imports,
  m070OutboxClaims,
  m071LetterDrafts,
];
