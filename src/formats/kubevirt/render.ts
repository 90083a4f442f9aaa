/** A nested plain object of new fields, rendered as YAML block lines or as JSON. */
export type Tree = { [key: string]: Tree | boolean | number | string };

const PLAIN = /^[A-Za-z_][\w.-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

export function yamlScalar(v: boolean | number | string): string {
  if (typeof v !== 'string') return String(v);
  return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
}

/** Block YAML lines for `tree`, each starting at `indent` spaces, children `step` further in. */
export function blockLines(tree: Tree, indent: number, step: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'object') {
      const sub = blockLines(value, indent + step, step);
      out.push(sub.length ? `${pad}${key}:` : `${pad}${key}: {}`, ...sub);
    } else out.push(`${pad}${key}: ${yamlScalar(value)}`);
  }
  return out;
}

/** The members of `tree` as JSON (`"a": {"b": true}`), on one line, without braces. */
export function jsonMembers(tree: Tree): string {
  return Object.entries(tree)
    .map(([k, v]) => `${JSON.stringify(k)}: ${typeof v === 'object' ? `{${jsonMembers(v)}}` : JSON.stringify(v)}`)
    .join(', ');
}

/** Puts `value` at `path` in `tree`, making the steps. */
export function putIn(tree: Tree, path: readonly string[], value: Tree | boolean | number | string): void {
  let at = tree;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object') at[key] = {};
    at = at[key] as Tree;
  }
  const last = path[path.length - 1]!;
  const prev = at[last];
  at[last] = typeof prev === 'object' && typeof value === 'object' ? { ...prev, ...value } : value;
}
