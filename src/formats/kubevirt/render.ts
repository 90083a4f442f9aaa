/** A value of new fields: a scalar, a map, or a list of maps (panic devices, CPU features). */
export type Leaf = boolean | number | string;
export type Value = Leaf | Tree | Tree[];
/** A nested plain object of new fields, rendered as YAML block lines or as JSON. */
export type Tree = { [key: string]: Value };

const PLAIN = /^[A-Za-z_][\w.-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

export function yamlScalar(v: Leaf): string {
  if (typeof v !== 'string') return String(v);
  return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
}

/** The block lines of one list item (`- name: vmx` then `  policy: require`), at `indent`. */
export function itemLines(item: Tree, indent: number, step: number): string[] {
  const lines = blockLines(item, indent + 2, step);
  if (lines.length) lines[0] = `${' '.repeat(indent)}- ${lines[0]!.slice(indent + 2)}`;
  return lines;
}

/** Block YAML lines for `tree`, each starting at `indent` spaces, children `step` further in. */
export function blockLines(tree: Tree, indent: number, step: number): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    if (Array.isArray(value))
      out.push(`${pad}${key}:`, ...value.flatMap((item) => itemLines(item, indent + step, step)));
    else if (typeof value === 'object') {
      const sub = blockLines(value, indent + step, step);
      out.push(sub.length ? `${pad}${key}:` : `${pad}${key}: {}`, ...sub);
    } else out.push(`${pad}${key}: ${yamlScalar(value)}`);
  }
  return out;
}

/** A value in flow style: JSON (`{"a": true}`), or YAML's (`{a: true}`). */
export function flowValue(value: Value, json: boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => flowValue(v, json)).join(', ')}]`;
  if (typeof value === 'object') return `{${flowMembers(value, json)}}`;
  return json ? JSON.stringify(value) : yamlScalar(value);
}

/** The members of `tree` in flow style, on one line, without braces. */
export function flowMembers(tree: Tree, json: boolean): string {
  return Object.entries(tree)
    .map(([k, v]) => `${json ? JSON.stringify(k) : yamlScalar(k)}: ${flowValue(v, json)}`)
    .join(', ');
}

/** Puts `value` at `path` in `tree`, making the steps. */
export function putIn(tree: Tree, path: readonly string[], value: Value): void {
  let at = tree;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || Array.isArray(next)) at[key] = {};
    at = at[key] as Tree;
  }
  const last = path[path.length - 1]!;
  const prev = at[last];
  at[last] =
    typeof prev === 'object' && !Array.isArray(prev) && typeof value === 'object' && !Array.isArray(value)
      ? { ...prev, ...value }
      : value;
}
