/**
 * JSON syntax problems located by line and column. `JSON.parse` names a byte position for some
 * errors and none for others (and the wording changes between Node versions), so scenario files
 * are first read by this small strict scanner (RFC 8259), which also rejects duplicate keys —
 * JSON.parse would silently keep the last one, hiding a typo'd copy of a field.
 *
 * Terms: `line` and `column` count from 1; a column counts UTF-16 code units.
 */

export interface JsonProblem {
  line: number;
  column: number;
  /** What was found and what was expected, e.g. `found "}", expected a value`. */
  problem: string;
}

/** The first syntax problem of `text`, or null when it is valid JSON without duplicate keys. */
export function findJsonProblem(text: string): JsonProblem | null {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    if (scanner.pos >= text.length) throw scanner.fail('the file is empty, expected a JSON object');
    scanner.value();
    scanner.skipSpace();
    if (scanner.pos < text.length) throw scanner.fail(`found ${scanner.shownChar()} after the end of the document, expected nothing more`);
    return null;
  } catch (error) {
    if (error instanceof SyntaxProblem) return error.located;
    throw error;
  }
}

class SyntaxProblem extends Error {
  constructor(readonly located: JsonProblem) {
    super(located.problem);
  }
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(problem: string, at = this.pos): SyntaxProblem {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return new SyntaxProblem({ line, column: at - lineStart + 1, problem });
  }

  shownChar(): string {
    if (this.pos >= this.text.length) return 'the end of the file';
    const c = this.text[this.pos];
    if (c === '\n') return 'a line break';
    return c === '"' ? 'a quote (")' : `"${c}"`;
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  value(): void {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return void this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    if (c === "'") throw this.fail(`found "'", expected a value (JSON strings use double quotes)`);
    throw this.fail(`found ${this.shownChar()}, expected a value`);
  }

  private object(): void {
    this.pos++; // {
    const keys = new Set<string>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        const trailing = this.text[this.pos] === '}';
        throw this.fail(trailing ? 'found "}" after a comma, expected another "key": value (JSON allows no trailing comma)' : `found ${this.shownChar()}, expected a "key" in double quotes`);
      }
      const at = this.pos;
      const key = this.string();
      if (keys.has(key)) throw this.fail(`key "${key}" appears twice in the same object, expected each key once`, at);
      keys.add(key);
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw this.fail(`found ${this.shownChar()} after "${key}", expected ":"`);
      this.pos++;
      this.value();
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return;
      }
      throw this.fail(`found ${this.shownChar()} after the value of "${key}", expected "," or "}"`);
    }
  }

  private array(): void {
    this.pos++; // [
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') throw this.fail('found "]" after a comma, expected another value (JSON allows no trailing comma)');
      this.value();
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return;
      }
      throw this.fail(`found ${this.shownChar()} in an array, expected "," or "]"`);
    }
  }

  /** Reads a string literal and returns its value. */
  private string(): string {
    const start = this.pos;
    this.pos++; // "
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        return JSON.parse(t.slice(start, this.pos)) as string;
      }
      if (c < 32) throw this.fail(c === 10 ? 'a string runs past the end of its line, expected a closing "' : 'a control character inside a string, expected it escaped');
      if (c === 92) {
        const e = t[this.pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) throw this.fail('a \\u escape without 4 hex digits');
          this.pos += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw this.fail(`an unknown escape "\\${e ?? ''}" in a string`);
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    throw this.fail('a string is never closed, expected a closing "', start);
  }

  private number(): void {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) throw this.fail(`found ${this.shownChar()}, expected a number`);
    const start = this.pos;
    this.pos += m[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE]/.test(next)) throw this.fail('a malformed number, expected digits like 12, 0.5 or 1e3', start);
  }
}
