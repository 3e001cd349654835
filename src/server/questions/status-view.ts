import { letterPath } from '../../lib/letter-path';
import { findPublishedLetter, serverCatalogue } from '../catalogue/manifest';
import { getDb } from '../db';
import { getQuestionByToken, listQuestionEvents, type Question } from './repository';
import type { QuestionState } from '../../schemas/question';
import { errorFields, log } from '../log';

/** What the private pages may show about one question: its own text and history, nothing else. */
export interface QuestionStatusView {
  question: Pick<Question, 'pseudonym' | 'body' | 'state' | 'createdAt'>;
  topicName: string;
  /** Link to the published letter, once answered and actually live. */
  letterUrl: string | undefined;
  letterTitle: string | undefined;
  history: { state: QuestionState; at: number }[];
}

export type StatusLookup =
  { found: true; view: QuestionStatusView } | { found: false; reason: 'unknown' | 'unavailable' };

/** Looks a status token up; a database failure is reported, not thrown, so pages can say so plainly. */
export async function lookUpQuestionStatus(token: string | undefined): Promise<StatusLookup> {
  try {
    const db = await getDb();
    const question = token ? await getQuestionByToken(db, token) : undefined;
    if (!question) return { found: false, reason: 'unknown' };
    const [events, catalogue, letter] = await Promise.all([
      listQuestionEvents(db, question.id),
      serverCatalogue(),
      question.letterSlug ? findPublishedLetter(question.letterSlug) : undefined,
    ]);
    return {
      found: true,
      view: {
        question: {
          pseudonym: question.pseudonym,
          body: question.body,
          state: question.state,
          createdAt: question.createdAt,
        },
        topicName: catalogue.topics.get(question.topic) ?? question.topic,
        letterUrl: letter && question.state === 'answered' ? letterPath(letter.id) : undefined,
        letterTitle: letter?.headline,
        history: events.map((e) => ({ state: e.state, at: e.at })),
      },
    };
  } catch (err) {
    log('ask-status').error(errorFields(err), 'question status lookup failed');
    return { found: false, reason: 'unavailable' };
  }
}
