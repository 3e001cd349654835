import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
// Astro's own reader, which the site server's answer to a reply post must match field for field.
import { formDataToObject } from '../../../node_modules/astro/dist/actions/runtime/server.js';
import { formObject } from '../../../src/lib/form-object';
import { createReplyInput } from '../../../src/schemas/reply';

const astroRead = formDataToObject as (form: FormData, schema: z.ZodObject) => Record<string, unknown>;

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

/** Forms a reply form, a script or an attacker could send, odd ones included. */
const forms: Record<string, [string, string | Blob][]> = {
  'the island form': [
    ['letterId', 'rain-spots'],
    ['stamp', '1.abc.def'],
    ['website', ''],
    ['name', 'Ines'],
    ['email', ''],
    ['body', 'Lovely answer'],
  ],
  'a reply to a reply, notify ticked': [
    ['letterId', 'rain-spots'],
    ['parentId', '12'],
    ['name', 'Ines'],
    ['email', 'ines@example.com'],
    ['notify', 'on'],
    ['body', 'Lovely'],
    ['authorKey', 'k.sig'],
  ],
  'notify as true and false words': [
    ['notify', 'false'],
    ['body', 'x'],
  ],
  'notify sent empty': [['notify', '']],
  'nothing at all': [],
  'empty stamp (a defaulted field sent empty)': [['stamp', '']],
  'a nested key beside a defaulted field': [['stamp.inner', 'x']],
  'a parent that is not a number': [['parentId', 'twelve']],
  'repeated fields': [
    ['name', 'first'],
    ['name', 'second'],
  ],
  'a file where text belongs': [['body', new Blob(['hello'])]],
  'unknown fields': [
    ['letterId', 'rain-spots'],
    ['admin', 'true'],
  ],
};

describe('formObject', () => {
  for (const [name, entries] of Object.entries(forms)) {
    it(`reads ${name} as Astro does`, () => {
      // One form for both readers: a Blob appended to a FormData becomes a File stamped with the
      // current millisecond, so two forms built in turn could differ in lastModified alone.
      const sent = form(entries);
      expect(formObject(sent, createReplyInput)).toEqual(astroRead(sent, createReplyInput));
    });
  }

  it('reads the wrappers and kinds Astro unwraps the way Astro does', () => {
    const schema = z.object({
      count: z.number().optional(),
      flag: z.boolean().default(true),
      label: z.string().nullable(),
      piped: z.string().pipe(z.string().min(1)),
      maybe: z.boolean().optional(),
      pipedCount: z.number().pipe(z.number().min(1)),
      pipedFlag: z.boolean().pipe(z.boolean()),
    });
    for (const entries of [
      [],
      [['count', '3']],
      [['flag', 'false']],
      [['flag', 'true']],
      [['label', '']],
      [['piped', 'p']],
      [['maybe', 'x']],
      [['pipedCount', '4']],
      [['pipedFlag', 'on']],
    ] as [string, string][][])
      expect(formObject(form(entries), schema)).toEqual(astroRead(form(entries), schema));
  });

  it('calls a default that is itself a function, as Astro does', () => {
    const schema = z.object({ pick: z.any().default(() => () => 'picked') });
    const read = formObject(form([]), schema);
    expect(read).toEqual({ pick: 'picked' });
    expect(read).toEqual(astroRead(form([]), schema));
  });

  it('leaves nested, repeated and catch-all schemas to Astro', () => {
    expect(formObject(form([]), z.object({ tags: z.array(z.string()) }))).toBeUndefined();
    expect(formObject(form([]), z.object({ address: z.object({ city: z.string() }) }))).toBeUndefined();
    expect(formObject(form([]), z.object({ a: z.string() }).catchall(z.string()))).toBeUndefined();
  });
});
