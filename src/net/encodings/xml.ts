import {
  type EncodingDefinition,
  EncodingError,
  isPayloadObject,
  type PayloadObject,
  type PayloadValue,
  type XmlOptions,
} from './encoding.js';
import { utf8ByteLength } from './utf8.js';

/**
 * XML: a canonical mapping of the payload to elements, counted in UTF-8 bytes.
 *
 * - The document is `<ROOT>…</ROOT>` (ROOT = `root` option, default `message`), with no
 *   whitespace anywhere and no XML declaration unless `declaration: true` puts
 *   `<?xml version="1.0" encoding="UTF-8"?>` (38 bytes) in front.
 * - Each key of an object, in order, becomes an element named after the key: `<key>value</key>`.
 * - A string is its text with `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;` (quotes need no escape
 *   in element content); a number is written as JavaScript writes it (`20.5`, `21`, `1e+21`);
 *   a boolean is `true`/`false`; null is the empty element `<key/>`; an empty string is
 *   `<key></key>`; an object nests its own elements: `<key><a>1</a></key>`.
 * - An array repeats the element once per item: `tags: [a, b]` is `<tags>a</tags><tags>b</tags>`
 *   (an empty array writes nothing). An array directly inside an array is one element holding an
 *   `<item>` per entry: `m: [[1, 2]]` is `<m><item>1</item><item>2</item></m>`.
 *
 * Keys and the root must be XML names (a letter or `_`, then letters, digits, `.`, `-`, `_`;
 * no `:` since namespaces are not modelled); text must not hold control characters XML 1.0
 * forbids. Either is an EncodingError located at the key or value.
 */
export const xmlEncoding: EncodingDefinition = {
  id: 'xml',
  description: 'XML elements named after the keys, arrays as repeated elements, no whitespace (UTF-8 bytes)',
  needsSchema: false,
  sizeOf: (payload, options) => xmlDocumentSize(payload, options?.xml),
};

const DEFAULT_ROOT = 'message';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const ITEM = 'item';
const XML_NAME = /^[\p{L}_][\p{L}\p{N}._-]*$/u;
// Characters XML 1.0 does not allow anywhere, even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Bytes of `payload` as an XML document. @throws EncodingError for an unencodable payload. */
export function xmlDocumentSize(payload: PayloadObject, options: XmlOptions = {}): number {
  const root = options.root ?? DEFAULT_ROOT;
  if (!XML_NAME.test(root))
    throw new EncodingError([], `the XML root ${JSON.stringify(root)} is not an XML name`);
  const declaration = options.declaration ? DECLARATION.length : 0;
  return declaration + elementSize(root, payload, []);
}

/** `<name>…</name>` around `value` (or repeated ones for an array). */
function elementSize(name: string, value: PayloadValue, path: ReadonlyArray<string | number>): number {
  if (Array.isArray(value)) {
    let total = 0;
    value.forEach((item, index) => {
      const itemPath = [...path, index];
      total += Array.isArray(item)
        ? wrapped(name, arrayContentSize(item, itemPath))
        : elementSize(name, item, itemPath);
    });
    return total;
  }
  if (value === null) return utf8ByteLength(name) + 3; // <name/>
  return wrapped(name, contentSize(value, path));
}

/** `<name>` + content + `</name>`: the name twice plus 5 bytes of brackets and slash. */
function wrapped(name: string, content: number): number {
  return 2 * utf8ByteLength(name) + 5 + content;
}

function contentSize(
  value: Exclude<PayloadValue, null | PayloadValue[]>,
  path: ReadonlyArray<string | number>,
): number {
  if (isPayloadObject(value)) {
    let total = 0;
    for (const [key, member] of Object.entries(value)) {
      if (!XML_NAME.test(key)) {
        throw new EncodingError([...path, key], `the key ${JSON.stringify(key)} is not an XML element name`);
      }
      total += elementSize(key, member, [...path, key]);
    }
    return total;
  }
  if (typeof value === 'string') return escapedTextSize(value, path);
  return String(value).length; // numbers and booleans are ASCII
}

function arrayContentSize(items: PayloadValue[], path: ReadonlyArray<string | number>): number {
  return elementSize(ITEM, items, path);
}

function escapedTextSize(text: string, path: ReadonlyArray<string | number>): number {
  if (FORBIDDEN_CHARACTER.test(text)) {
    throw new EncodingError(path, 'the text holds a control character that XML 1.0 cannot carry');
  }
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x26)
      extra += 4; // & → &amp;
    else if (unit === 0x3c || unit === 0x3e) extra += 3; // < → &lt;, > → &gt;
  }
  return utf8ByteLength(text) + extra;
}
