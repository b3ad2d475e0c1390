// A tolerant reader for shell files made of variable assignments (`KEY=value`, `KEY="value"`,
// `export KEY=value`), the form of /etc/sysconfig/epages-hotfix and /etc/default/epages6. It is not a
// shell: it keeps each assignment with offsets, its value with quotes removed, and the mistakes that
// change what the shell does (spaces around `=`, words after an unquoted value, an unclosed quote).
// Other statements are skipped. Linear in the input, never throws.

export interface Span {
  start: number;
  end: number;
}

export interface ShellAssignment {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Start of the statement (`export` included). */
  start: number;
  exported: boolean;
  /** The value as written, quotes included. */
  valueStart: number;
  valueEnd: number;
  /** The value the shell assigns (quotes removed, escapes resolved); expansions kept as written. */
  value: string;
  /** The value holds `$...` or backquotes: its final text is only known when the shell runs. */
  dynamic: boolean;
  /** Written entirely in one pair of quotes. */
  quote: '"' | "'" | null;
  /** A quote opened in the value and never closed. */
  unterminated: boolean;
  /** Words after an unquoted value on the same statement: the shell runs them as a command. */
  trailing: Span | null;
  /** `KEY = value`: spaces around `=` make it a command named KEY, not an assignment. */
  spacedEquals: Span | null;
}

export interface ShellTree {
  assignments: ShellAssignment[];
  /** `set -a` / `set -o allexport` seen: every later assignment is exported. */
  allExportFrom: number | null;
  /** Names exported by `export NAME` without a value, with the statement offset. */
  exportedNames: Map<string, number>;
}

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number) => c === 32 || c === 9;
/** Ends a word: blanks, line ends and the shell's control operators. */
const isBreak = (c: number) => isBlank(c) || c === 10 || c === 13 || c === 59 /* ; */ || c === 38 /* & */ || c === 124 /* | */ || c === 60 || c === 62 || c === 40 || c === 41;

export function parseShellAssignments(text: string): ShellTree {
  const n = text.length;
  const tree: ShellTree = { assignments: [], allExportFrom: null, exportedNames: new Map() };
  let i = 0;

  const skipBlanks = () => {
    while (i < n && (isBlank(text.charCodeAt(i)) || (text[i] === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')))) {
      i += text[i] === '\\' ? (text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2) : 1;
    }
  };
  const readName = () => {
    const s = i;
    if (i < n && isNameStart(text.charCodeAt(i))) {
      i++;
      while (i < n && isNameChar(text.charCodeAt(i))) i++;
    }
    return text.slice(s, i);
  };

  /** Reads one shell word from i (quotes, escapes, expansions); returns its unquoted text. */
  const readWord = () => {
    let value = '';
    let dynamic = false;
    let unterminated = false;
    let quotedParts = 0;
    let plainParts = 0;
    let quote: '"' | "'" | null = null;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isBreak(c)) break;
      const ch = text[i];
      if (ch === '"') {
        quotedParts++;
        quote = '"';
        i++;
        while (i < n && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(text[i + 1])) {
            if (text[i + 1] !== '\n') value += text[i + 1];
            i += 2;
            continue;
          }
          if (text[i] === '$' || text[i] === '`') dynamic = true;
          value += text[i++];
        }
        if (i >= n) unterminated = true;
        else i++;
      } else if (ch === "'") {
        quotedParts++;
        quote = "'";
        i++;
        const close = text.indexOf("'", i);
        if (close < 0) {
          value += text.slice(i);
          unterminated = true;
          i = n;
        } else {
          value += text.slice(i, close);
          i = close + 1;
        }
      } else if (ch === '\\') {
        plainParts++;
        if (text[i + 1] === '\n') i += 2;
        else if (text[i + 1] === '\r') i += text[i + 2] === '\n' ? 3 : 2;
        else {
          value += text[i + 1] ?? '';
          // A backslash as the very last character escapes nothing: stop at the end of the text.
          i = Math.min(i + 2, n);
        }
      } else if (ch === '$' || ch === '`') {
        plainParts++;
        dynamic = true;
        if (ch === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
          // $( ... ) / ${ ... }: keep it whole, nesting counted, so its blanks do not end the word.
          const open = text[i + 1];
          const close = open === '(' ? ')' : '}';
          let depth = 0;
          const s = i;
          i++;
          while (i < n) {
            if (text[i] === open) depth++;
            else if (text[i] === close && --depth === 0) {
              i++;
              break;
            }
            i++;
          }
          if (depth > 0) unterminated = true;
          value += text.slice(s, i);
        } else if (ch === '`') {
          const close = text.indexOf('`', i + 1);
          const e = close < 0 ? n : close + 1;
          if (close < 0) unterminated = true;
          value += text.slice(i, e);
          i = e;
        } else {
          value += ch;
          i++;
        }
      } else {
        plainParts++;
        value += ch;
        i++;
      }
    }
    return { value, dynamic, unterminated, quote: quotedParts === 1 && plainParts === 0 ? quote : null };
  };

  /** Skips to the end of the statement (line end or `;`), over quotes; returns where it stopped. */
  const skipStatement = () => {
    while (i < n) {
      const ch = text[i];
      if (ch === '\n' || ch === '\r' || ch === ';') return;
      if (ch === '#' && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
        while (i < n && text[i] !== '\n') i++;
        return;
      }
      if (ch === '"' || ch === "'" || ch === '\\' || ch === '$' || ch === '`') readWord();
      else i++;
    }
  };
  /** End of the words left on the statement, excluding a trailing comment and blanks. */
  const restOfStatement = (): Span | null => {
    skipBlanks();
    const s = i;
    if (i >= n || text[i] === '\n' || text[i] === '\r' || text[i] === ';' || text[i] === '#') return null;
    let e = i;
    while (i < n) {
      const ch = text[i];
      if (ch === '\n' || ch === '\r' || ch === ';') break;
      if (ch === '#' && isBlank(text.charCodeAt(i - 1))) break;
      if (isBlank(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const before = i;
      readWord();
      if (i === before) i++; // an operator character on its own
      e = i;
    }
    return { start: s, end: e };
  };

  while (i < n) {
    skipBlanks();
    if (i >= n) break;
    const ch = text[i];
    if (ch === '\n' || ch === '\r' || ch === ';') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const stmtStart = i;
    let exported = false;
    const word = readName();
    if ((word === 'export' || word === 'readonly' || word === 'declare' || word === 'local' || word === 'typeset') && isBlank(text.charCodeAt(i))) {
      exported = word === 'export';
      skipBlanks();
      while (text[i] === '-') {
        // options such as `declare -x`
        const s = i;
        while (i < n && !isBreak(text.charCodeAt(i))) i++;
        if (/x/.test(text.slice(s, i))) exported = true;
        skipBlanks();
      }
      // one or more NAME or NAME=value
      let any = false;
      for (;;) {
        const nameStart = i;
        const name = readName();
        if (!name) break;
        any = true;
        if (text[i] === '=') {
          assignment(name, nameStart, stmtStart, exported, true);
        } else {
          if (exported && !tree.exportedNames.has(name)) tree.exportedNames.set(name, stmtStart);
        }
        skipBlanks();
        if (i >= n || text[i] === '\n' || text[i] === '\r' || text[i] === ';' || text[i] === '#') break;
      }
      if (!any || i < n) skipStatement();
      continue;
    }
    if ((word === 'then' || word === 'do' || word === 'else') && isBlank(text.charCodeAt(i))) {
      continue; // a keyword that starts a list: what follows is a statement of its own
    }
    if (word === 'set' && isBlank(text.charCodeAt(i))) {
      const s = i;
      skipStatement();
      if (/(^|\s)-[a-zA-Z]*a|-o\s+allexport/.test(text.slice(s, i)) && tree.allExportFrom === null) tree.allExportFrom = stmtStart;
      continue;
    }
    if (word && text[i] === '=') {
      assignment(word, stmtStart, stmtStart, false, false);
      continue;
    }
    if (/^[A-Z_][A-Z0-9_]*$/.test(word)) {
      // NAME = value / NAME =value: spaces around `=` (the shell would run a command named NAME)
      const afterName = i;
      skipBlanks();
      if (text[i] === '=' && i > afterName && text[i + 1] !== '=') {
        const eq = i;
        i++;
        skipBlanks();
        const valueStart = i;
        const w = readWord();
        tree.assignments.push({
          name: word,
          nameStart: stmtStart,
          nameEnd: afterName,
          start: stmtStart,
          exported: false,
          valueStart,
          valueEnd: i,
          value: w.value,
          dynamic: w.dynamic,
          quote: w.quote,
          unterminated: w.unterminated,
          trailing: null,
          spacedEquals: { start: afterName, end: Math.max(valueStart, eq + 1) },
        });
        skipStatement();
        continue;
      }
    }
    // any other statement (a command, `if`, `[ ... ]`): skipped; text[i] is not a line end here, so it advances
    skipStatement();
    if (i === stmtStart) i++;
  }
  return tree;

  /** `NAME=value` with i on the `=`. In `export A=1 B=2` the words after a value are more names (`declaration`). */
  function assignment(name: string, nameStart: number, stmtStart: number, exported: boolean, declaration: boolean): void {
    const nameEnd = i;
    i++; // '='
    const valueStart = i;
    const w = readWord();
    const valueEnd = i;
    const trailing = declaration ? null : restOfStatement();
    tree.assignments.push({
      name,
      nameStart,
      nameEnd,
      start: stmtStart,
      exported,
      valueStart,
      valueEnd,
      value: w.value,
      dynamic: w.dynamic,
      quote: w.quote,
      unterminated: w.unterminated,
      trailing,
      spacedEquals: null,
    });
  }
}
