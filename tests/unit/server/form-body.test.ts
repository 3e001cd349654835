import { describe, expect, it } from 'vitest';
import { readSimpleMultipart } from '../../../src/server/form-body';

const BOUNDARY = '----PurseBopTestBoundary7MA4YWxkTrZu0gW';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** A body as a browser writes one; `raw` parts are put in as they are. */
function body(
  parts: (readonly [string, string] | { raw: string })[],
  end = `--${BOUNDARY}--\r\n`,
): Uint8Array<ArrayBuffer> {
  const text = parts
    .map((p) =>
      'raw' in p ? p.raw : `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p[0]}"\r\n\r\n${p[1]}\r\n`,
    )
    .join('');
  return new TextEncoder().encode(text + end);
}

/** What the Fetch standard's parser (undici, as Astro uses it) reads from the same bytes. */
async function fetchRead(type: string, bytes: Uint8Array<ArrayBuffer>): Promise<[string, string][]> {
  const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  return [...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : `file:${v.name}`]);
}

describe('readSimpleMultipart', () => {
  it('reads what FormData serializes exactly as the full parser does', async () => {
    const form = new FormData();
    form.append('letterId', 'rain-spots');
    form.append('website', '');
    form.append('name', 'Inès «Ô» 🌧️');
    form.append('body', 'Line one\nline two\r\n\r\n--not a boundary\r\n-- also not');
    form.append('body', 'a repeated field');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const type = request.headers.get('content-type') ?? '';
    const bytes = new Uint8Array(await request.arrayBuffer());
    const read = readSimpleMultipart(type, bytes);
    expect(read).toBeDefined();
    expect(read).toEqual(await fetchRead(type, bytes));
  });

  const same: Record<string, Uint8Array<ArrayBuffer>> = {
    'a leading byte-order mark and bad UTF-8': (() => {
      const head = new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="body"\r\n\r\n`);
      const tail = new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`);
      return new Uint8Array([...head, 0xef, 0xbb, 0xbf, 0x41, 0xff, 0xc3, 0x42, ...tail]);
    })(),
    'empty values': body([
      ['a', ''],
      ['b', ''],
    ]),
    'no final line break': body([['a', 'x']], `--${BOUNDARY}--`),
    'a header name in other case': body([
      { raw: `--${BOUNDARY}\r\ncontent-disposition: form-data; name="a"\r\n\r\nx\r\n` },
    ]),
  };
  for (const [name, bytes] of Object.entries(same)) {
    it(`reads ${name} as the full parser does`, async () => {
      const read = readSimpleMultipart(TYPE, bytes);
      expect(read).toBeDefined();
      expect(read).toEqual(await fetchRead(TYPE, bytes));
    });
  }

  const declined: Record<string, [string, Uint8Array<ArrayBuffer>]> = {
    'a file': [
      TYPE,
      body([{ raw: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"; filename="x.txt"\r\n\r\nx\r\n` }]),
    ],
    'a part with its own Content-Type': [
      TYPE,
      body([
        { raw: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\nContent-Type: text/plain\r\n\r\nx\r\n` },
      ]),
    ],
    'an escaped field name': [
      TYPE,
      body([{ raw: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a%22b"\r\n\r\nx\r\n` }]),
    ],
    'a quoted boundary': [`multipart/form-data; boundary="${BOUNDARY}"`, body([['a', 'x']])],
    'a charset parameter': [`${TYPE}; charset=utf-8`, body([['a', 'x']])],
    'a preamble': [TYPE, new TextEncoder().encode(`hello\r\n${new TextDecoder().decode(body([['a', 'x']]))}`)],
    'an epilogue': [TYPE, body([['a', 'x']], `--${BOUNDARY}--\r\nepilogue`)],
    'no closing delimiter': [TYPE, body([['a', 'x']], '')],
    'another boundary': [TYPE.replace('7MA4', '0000'), body([['a', 'x']])],
    'a disposition value in other case': [
      TYPE,
      body([{ raw: `--${BOUNDARY}\r\nContent-Disposition: Form-Data; Name="a"\r\n\r\nx\r\n` }]),
    ],
    'a urlencoded body': ['application/x-www-form-urlencoded', new TextEncoder().encode('a=x')],
  };
  for (const [name, [type, bytes]] of Object.entries(declined)) {
    it(`leaves ${name} to the full parser`, () => {
      expect(readSimpleMultipart(type, bytes)).toBeUndefined();
    });
  }
});
