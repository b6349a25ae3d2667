// Text from outside that no layer below may see: PostgreSQL refuses U+0000 in text and jsonb, so a
// NUL that reaches a query is a 500 instead of the caller's mistake. Found here, refused at the edge.

/** The path ("items/0/planCode", "" for the value itself) of the first string or key holding U+0000, or undefined. */
export function findNulCharacter(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], path ? `${path}/${i}` : String(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  // Raw bytes (a webhook's body, checked after its signature) are not text here.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}/${key}` : key;
    if (key.includes('\u0000')) return here;
    const found = findNulCharacter(item, here);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** How many values a parsed form holds (a repeated field counts each time). */
export function countFormValues(form: object): number {
  let count = 0;
  for (const item of Object.values(form)) count += Array.isArray(item) ? item.length : 1;
  return count;
}
