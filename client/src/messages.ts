// How the client shows multi-line answers of the server. Plain functions (no `vscode` import at run
// time) so tests can check them.

/**
 * The message and detail of an information box. A modal dialog shows both, so the detail holds only
 * what the message line does not (else the answer is printed twice); a notification shows no detail,
 * so it gets every line.
 */
export function infoMessage(lines: readonly string[], modal: boolean): { message: string; detail?: string } {
  if (!modal) return { message: lines.join(' ') };
  const [first = '', ...rest] = lines;
  return rest.length ? { message: first, detail: rest.join('\n') } : { message: first };
}
