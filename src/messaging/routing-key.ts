/**
 * Routing keys: AMQP topic patterns and the partition a key hashes to. Keys are words separated
 * by dots (`order.eu.created`).
 */

/**
 * True when `routingKey` matches the AMQP topic `pattern`: `*` stands for exactly one word, `#`
 * for zero or more words, any other word must be equal.
 */
export function topicPatternMatches(pattern: string, routingKey: string): boolean {
  return matchWords(pattern.split('.'), 0, routingKey.split('.'), 0);
}

function matchWords(pattern: string[], p: number, key: string[], k: number): boolean {
  if (p === pattern.length) return k === key.length;
  const word = pattern[p];
  if (word === '#') {
    // `#` takes as many words as lets the rest of the pattern match (zero up to all of them).
    for (let taken = k; taken <= key.length; taken++) {
      if (matchWords(pattern, p + 1, key, taken)) return true;
    }
    return false;
  }
  if (k === key.length) return false;
  return (word === '*' || word === key[k]) && matchWords(pattern, p + 1, key, k + 1);
}

/**
 * The partition of `key` among `partitions`: FNV-1a over its UTF-16 code units, so a key always
 * lands on the same partition (and messages of one key keep their order).
 */
export function partitionOfKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
