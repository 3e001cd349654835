import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { listTopics } from '../../server/catalogue/manifest';
import { getDb } from '../../server/db';
import { startDraft, type DraftOutcome } from '../../server/desk/drafts';
import { backWith } from '../../server/desk/forms';
import { actOnQuestion, InboxError, type InboxAction } from '../../server/desk/inbox';
import { DraftInputError } from '../../server/desk/letter-draft';
import { listColumnistNames, listDeskLetters } from '../../server/desk/letters';
import { getQuestion, type Question } from '../../server/questions/repository';
import { formId } from '../../schemas/form-fields';
import { requireEditor } from './editor-context';

/** The question's number, as the page's hidden field carries it. */
const questionId = formId('That question does not exist.');

/** A note for the question's history; longer notes are cut, as the field's maxlength does. */
const note = z
  .string()
  .trim()
  .transform((s) => (s ? s.slice(0, 500) : undefined))
  .optional();

async function publishedSlugs(): Promise<Set<string>> {
  return new Set((await listDeskLetters()).filter((l) => l.published).map((l) => l.id));
}

async function loadQuestion(id: number): Promise<Question> {
  const question = await getQuestion(await getDb(), id);
  if (!question) throw new ActionError({ code: 'NOT_FOUND', message: 'That question no longer exists.' });
  return question;
}

/** Where the page goes next, or (when the letters folder cannot be written) the draft to hand over as a file. */
type DeskOutcome = { redirect: string } | { download: { fileName: string; content: string } };

const here = (id: number) => `/desk/questions/${String(id)}`;

async function act(
  context: Parameters<typeof requireEditor>[0],
  id: number,
  action: InboxAction,
): Promise<DeskOutcome> {
  const editor = requireEditor(context);
  await loadQuestion(id);
  try {
    await actOnQuestion(await getDb(), editor, id, action, await publishedSlugs());
  } catch (err) {
    if (!(err instanceof InboxError)) throw err;
    throw new ActionError({ code: 'BAD_REQUEST', message: err.message });
  }
  return { redirect: backWith(here(id), `question-${action.kind}`) };
}

/** The inbox's question page: move a question along, mark it answered, or start a letter from it. */
export const questions = {
  move: defineAction({
    accept: 'form',
    input: z.object({
      /** The question acted on. */
      id: questionId,
      /** Which way the question moves. */
      intent: z.enum(['shortlist', 'decline', 'reopen'], { error: 'Unknown action.' }),
      /** Why, for the history. */
      note,
    }),
    handler: (input, context) => act(context, input.id, { kind: input.intent, note: input.note }),
  }),
  answer: defineAction({
    accept: 'form',
    input: z.object({
      /** The question acted on. */
      id: questionId,
      /** The published letter that answers it. */
      letter: z
        .string({ error: 'Choose a published letter to mark the question answered.' })
        .max(200, 'Choose a published letter to mark the question answered.')
        .refine(
          async (slug) => (await publishedSlugs()).has(slug),
          'Choose a published letter to mark the question answered.',
        ),
      /** Why, for the history. */
      note,
    }),
    handler: (input, context) => act(context, input.id, { kind: 'answer', letterSlug: input.letter, note: input.note }),
  }),
  /**
   * Starts a letter from the question. When the server cannot write the letters folder (a
   * read-only deployment), the draft comes back to be handed over as a download.
   */
  draft: defineAction({
    accept: 'form',
    input: z.object({
      /** The question the letter answers. */
      id: questionId,
      /** Who signs it; an unknown id falls back to the first columnist. */
      columnist: z.string().max(100).optional(),
    }),
    handler: async (input, context): Promise<DeskOutcome> => {
      const editor = requireEditor(context);
      const question = await loadQuestion(input.id);
      const columnists = await listColumnistNames();
      const columnist = columnists.find((c) => c.id === input.columnist)?.id ?? columnists[0]?.id ?? 'pursebop';
      let outcome: DraftOutcome;
      try {
        outcome = await startDraft(await getDb(), editor, question, {
          columnist,
          topics: new Set((await listTopics()).map((t) => t.id)),
          columnists: new Set(columnists.map((c) => c.id)),
        });
      } catch (err) {
        if (!(err instanceof DraftInputError)) throw err;
        throw new ActionError({ code: 'BAD_REQUEST', message: err.message });
      }
      if (outcome.stored) return { redirect: backWith(here(question.id), 'draft-stored') };
      if (outcome.written) return { redirect: backWith(here(question.id), 'draft-written') };
      if (outcome.reason === 'exists') {
        throw new ActionError({
          code: 'BAD_REQUEST',
          message: `A draft named ${outcome.draft.fileName} already exists; find it under Drafts or in content/letters/.`,
        });
      }
      return { download: { fileName: outcome.draft.fileName, content: outcome.draft.content } };
    },
  }),
};
