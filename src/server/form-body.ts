/** A boundary as browsers and Node's FormData write it: RFC 2046 characters, unquoted, no spaces. */
const CONTENT_TYPE = /^multipart\/form-data; ?boundary=([A-Za-z0-9'()+_,./:=?-]{1,70})$/i;
/** The one header of a plain text field, with a name that needs no escaping (header name in lower case). */
const DISPOSITION = /^content-disposition: ?form-data; name="([A-Za-z0-9_.-]{1,100})"$/;
const HEADER_NAME_LENGTH = 'content-disposition:'.length;

// As undici reads a text part: a byte-order mark is kept as a character, bad bytes become U+FFFD.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The text fields of a `multipart/form-data` body of the common shape (as a browser's FormData
 * sends it): each part one Content-Disposition line with a plain name, no files, no other part
 * headers. Values are UTF-8, read as Node's own parser reads them (a leading BOM kept, bad
 * bytes replaced). Anything else (a file, a quoted boundary, an escaped name, text around the
 * parts) is undefined, for a full parser (Request.formData) to read instead.
 */
export function readSimpleMultipart(contentType: string, body: Uint8Array): [string, string][] | undefined {
  const boundary = CONTENT_TYPE.exec(contentType)?.[1];
  if (boundary === undefined) return undefined;
  // latin1 keeps one character per byte, so offsets found in the text are offsets in the body.
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  const delimiter = `--${boundary}`;
  if (!text.startsWith(`${delimiter}\r\n`)) return undefined;
  const fields: [string, string][] = [];
  let at = delimiter.length + 2;
  for (;;) {
    const headersEnd = text.indexOf('\r\n\r\n', at);
    if (headersEnd < 0) return undefined;
    const header = text.slice(at, headersEnd);
    // Only the header's name is case-insensitive; its value is compared as written.
    const name = DISPOSITION.exec(
      header.slice(0, HEADER_NAME_LENGTH).toLowerCase() + header.slice(HEADER_NAME_LENGTH),
    )?.[1];
    if (name === undefined) return undefined;
    const valueStart = headersEnd + 4;
    const valueEnd = text.indexOf(`\r\n${delimiter}`, valueStart);
    if (valueEnd < 0) return undefined;
    fields.push([name, decoder.decode(body.subarray(valueStart, valueEnd))]);
    at = valueEnd + 2 + delimiter.length;
    const rest = text.slice(at, at + 2);
    if (rest === '\r\n') {
      at += 2;
      continue;
    }
    if (rest !== '--') return undefined;
    const tail = text.slice(at + 2);
    return tail === '' || tail === '\r\n' ? fields : undefined;
  }
}
