// What the command line prints comes partly from the data (file names, values, column names quoted in messages).
// A control character there would be obeyed by the terminal: an escape sequence can recolour, erase or rewrite what
// is on screen, a carriage return can hide the start of a line, a bidirectional override can reverse it. Each one is
// printed as a visible code instead (`\x1b`, `\u202e`); line breaks inside a value too, so that one value stays on
// its line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const code = (c: string) => {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
};

/** One line of output, every control character made visible. */
export function printable(text: string): string {
  return text.replace(CONTROL, code);
}

/** Several lines: each made printable, then joined by the line breaks of the program itself. */
export function printableLines(lines: readonly string[]): string {
  return lines.map(printable).join("\n");
}
