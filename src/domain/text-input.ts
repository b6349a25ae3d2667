// Text from outside that no layer below may see: PostgreSQL refuses U+0000 in text and jsonb, so a
// NUL that reaches a query is a 500 instead of the caller's mistake. Found here, refused at the edge.

/** Deeper than any request Saxla takes (its deepest bodies nest three or four levels). */
export const MAX_INPUT_DEPTH = 32;

export type TextInputProblem =
  | { readonly kind: 'nul'; readonly path: string }
  | { readonly kind: 'too_deep'; readonly path: string };

/**
 * The first string or key holding U+0000, or the first value nested deeper than `maxDepth`, with
 * its path ("items/0/planCode", "" for the value itself). Walks with its own stack, not by
 * recursion: a hostile body nested 20,000 deep must be refused, not overflow the call stack.
 */
export function findTextInputProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): TextInputProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { path, depth } = next;
    const item = next.value;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return { kind: 'nul', path };
      continue;
    }
    // Raw bytes (a webhook's body, checked after its signature) are not text here.
    if (typeof item !== 'object' || item === null || ArrayBuffer.isView(item)) continue;
    if (depth >= maxDepth) return { kind: 'too_deep', path };
    const entries: [string, unknown][] = Array.isArray(item) ? item.map((v, i) => [String(i), v]) : Object.entries(item);
    // Pushed in reverse so the first field is looked at first, as a reader would.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] ?? ['', undefined];
      const here = path ? `${path}/${key}` : key;
      if (!Array.isArray(item) && key.includes('\u0000')) return { kind: 'nul', path: here };
      stack.push({ value: child, path: here, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The path of the first string or key holding U+0000, or undefined (any depth). */
export function findNulCharacter(value: unknown): string | undefined {
  const problem = findTextInputProblem(value, Number.POSITIVE_INFINITY);
  return problem?.kind === 'nul' ? problem.path : undefined;
}

/** How many values a parsed form holds (a repeated field counts each time). */
export function countFormValues(form: object): number {
  let count = 0;
  for (const item of Object.values(form)) count += Array.isArray(item) ? item.length : 1;
  return count;
}
