/**
 * Bytes of `text` in UTF-8: 1 for U+0000–U+007F, 2 up to U+07FF, 3 for the rest of the Basic
 * Multilingual Plane, 4 for a surrogate pair (U+10000 and above). A lone surrogate counts 3
 * bytes, as encoders replace it with U+FFFD. Counts without Node's Buffer, so models stay
 * browser-safe.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      bytes += 1;
    } else if (unit < 0x800) {
      bytes += 2;
    } else if (isHighSurrogate(unit) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
