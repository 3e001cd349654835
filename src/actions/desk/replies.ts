import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../../server/db';
import { listColumnistNames, listDeskLetters } from '../../server/desk/letters';
import {
  ColumnistReplyError,
  editReplyAsEditor,
  moderateReplies,
  moderationActionSchema,
  replyAsColumnist,
  replyBodySchema,
  type ModerationAction,
} from '../../server/desk/moderation';
import { getReply } from '../../server/replies/repository';
import { formId } from '../../schemas/form-fields';
import { FieldError } from '../field-error';
import { requireEditor } from './editor-context';

/** A reply id as a form sends it: digits only, so "1.5", "-5" and 2^70 are refused rather than rounded. */
const replyId = formId('There is no reply with that number.');

/** Ids from repeated checkbox fields; anything that is not a reply id is dropped, as a stray tick would be. */
function ids(values: readonly string[] | undefined): number[] {
  return (values ?? []).map((v) => replyId.safeParse(v)).flatMap((r) => (r.success ? [r.data] : []));
}

const moderateInput = z.object({
  /** A row's own button: "action:id", acting on that reply alone. */
  one: z.string().max(60).optional(),
  /** The action chosen for the ticked replies. */
  bulk: z.string().max(60).optional(),
  /** "Select all replies on this page", which works without a script: it stands for every listed reply. */
  all: z.string().max(10).optional(),
  /** Every reply the page listed. */
  shown: z.array(z.string().max(60)).max(1000).optional(),
  /** The ticked replies. */
  ids: z.array(z.string().max(60)).max(1000).optional(),
});

/** Which action on which replies a moderation form asks for; a refusal names what is missing. */
export function moderationRequest(input: z.infer<typeof moderateInput>): { action: ModerationAction; ids: number[] } {
  const single = (input.one ?? '').trim().split(':');
  const isSingle = single.length === 2;
  const action = moderationActionSchema.safeParse(isSingle ? single[0] : (input.bulk ?? '').trim());
  if (!action.success) throw new FieldError('bulk', 'Choose what to do with the selected replies.');
  const picked = isSingle ? ids([single[1] ?? '']) : ids(input.all === 'on' ? input.shown : input.ids);
  if (picked.length === 0) throw new FieldError('ids', 'Tick at least one reply first.');
  return { action: action.data, ids: picked };
}

const editInput = z.object({
  /** The reply being edited. */
  id: replyId,
  /** Its new text, Markdown, held to readers' limits. */
  body: replyBodySchema,
});

const columnistInput = z
  .object({
    /** A top-level reply goes on this letter (it must be published). */
    letterId: z.string().max(200).optional(),
    /** Or it answers this reply, on that reply's letter. */
    parentId: replyId.optional(),
    /** Which columnist signs it. */
    columnist: z.string({ error: 'Choose which columnist signs the reply.' }).max(200),
    /** The reply, Markdown, held to readers' limits. */
    body: replyBodySchema,
  })
  .refine((i) => i.letterId !== undefined || i.parentId !== undefined, {
    message: 'Choose a published letter first.',
    path: ['letterId'],
  });

/** Where a columnist reply goes: under a reply, or at the top of a published letter's thread. */
async function columnistTarget(input: { letterId?: string | undefined; parentId?: number | undefined }) {
  if (input.parentId !== undefined) {
    const parent = await getReply(await getDb(), input.parentId);
    if (!parent) throw new ActionError({ code: 'NOT_FOUND', message: 'There is no reply with that number.' });
    return { letterId: parent.letter_id, parentId: parent.id };
  }
  const letter = (await listDeskLetters()).find((l) => l.published && l.id === input.letterId);
  if (!letter) throw new FieldError('letterId', 'Choose a published letter first.');
  return { letterId: letter.id, parentId: null };
}

/** The moderation queue and a reply's own desk page post here. */
export const replies = {
  /** Approves, rejects, marks as spam or holds one reply or the ticked ones; replies gone meanwhile are counted. */
  moderate: defineAction({
    accept: 'form',
    input: moderateInput,
    handler: async (input, context) => {
      const editor = requireEditor(context);
      const { action, ids: picked } = moderationRequest(input);
      const result = await moderateReplies(await getDb(), editor, picked, action);
      return { action, changed: result.changed.length, missing: result.missing.length };
    },
  }),
  /** Replaces a reply's text; it is rendered and cleaned exactly as a reader's. */
  edit: defineAction({
    accept: 'form',
    input: editInput,
    handler: async (input, context) => {
      const editor = requireEditor(context);
      const updated = await editReplyAsEditor(await getDb(), editor, input.id, input.body);
      if (!updated) throw new ActionError({ code: 'NOT_FOUND', message: 'There is no reply with that number.' });
      return { id: updated.id };
    },
  }),
  /** Publishes a badged reply signed by one of the columnists. */
  columnist: defineAction({
    accept: 'form',
    input: columnistInput,
    handler: async (input, context) => {
      const editor = requireEditor(context);
      const columnist = (await listColumnistNames()).find((c) => c.id === input.columnist);
      if (!columnist) throw new FieldError('columnist', 'Choose which columnist signs the reply.');
      const target = await columnistTarget(input);
      try {
        const row = await replyAsColumnist(await getDb(), editor, {
          ...target,
          columnistName: columnist.name,
          body: input.body,
        });
        return { id: row.id };
      } catch (err) {
        if (err instanceof ColumnistReplyError) throw new FieldError('parentId', err.message);
        throw err;
      }
    },
  }),
};
