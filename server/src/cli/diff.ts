// Unified diff of two texts (what `upkeep lint --diff` prints): Myers' O(ND) line diff, hunks with
// three lines of context, `\ No newline at end of file` like diff(1). Lines keep their CR, so a CRLF
// file's diff applies with `patch` / `git apply` as it is.

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Lines without their LF; a last line without a newline carries NO_EOL, so it differs from one with. */
const NO_EOL = '\0';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  if (!finalNewline) lines[lines.length - 1] += NO_EOL;
  return lines;
}

/** The edit script from a to b (Myers, linear space is not needed: fixes change few lines). */
function diffLines(a: string[], b: string[]): Op[] {
  // Common prefix and suffix first: most of a fixed file.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk the trace back into operations.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[max + k - 1] < vd[max + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: A[--x] }), y--;
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: B[--y] });
    else ops.push({ kind: '-', line: A[--x] });
  }
  ops.reverse();
  return [...a.slice(0, pre).map(line => ({ kind: ' ' as const, line })), ...ops, ...a.slice(a.length - suf).map(line => ({ kind: ' ' as const, line }))];
}

/** A unified diff of `before` -> `after` for `path` ('' when they are equal). */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const out: string[] = [`--- a/${path}\n`, `+++ b/${path}\n`];
  // Positions of each op in a and b.
  const posA: number[] = [];
  const posB: number[] = [];
  let ia = 0;
  let ib = 0;
  for (const op of ops) {
    posA.push(ia);
    posB.push(ib);
    if (op.kind !== '+') ia++;
    if (op.kind !== '-') ib++;
  }
  const changed = ops.map((op, i) => (op.kind !== ' ' ? i : -1)).filter(i => i >= 0);
  let i = 0;
  while (i < changed.length) {
    let start = Math.max(0, changed[i] - context);
    let end = Math.min(ops.length - 1, changed[i] + context);
    while (i + 1 < changed.length && changed[i + 1] - context <= end + 1) {
      i++;
      end = Math.min(ops.length - 1, changed[i] + context);
    }
    i++;
    start = Math.max(0, start);
    const slice = ops.slice(start, end + 1);
    const countA = slice.filter(o => o.kind !== '+').length;
    const countB = slice.filter(o => o.kind !== '-').length;
    const fromA = countA ? posA[start] + 1 : posA[start];
    const fromB = countB ? posB[start] + 1 : posB[start];
    out.push(`@@ -${fromA}${countA === 1 ? '' : `,${countA}`} +${fromB}${countB === 1 ? '' : `,${countB}`} @@\n`);
    for (let j = start; j <= end; j++) {
      const op = ops[j];
      if (op.line.endsWith(NO_EOL)) out.push(`${op.kind}${op.line.slice(0, -1)}\n\\ No newline at end of file\n`);
      else out.push(`${op.kind}${op.line}\n`);
    }
  }
  return out.join('');
}
