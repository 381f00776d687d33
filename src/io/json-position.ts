// Where a key path of a JSON document is written in its text, as an editor shows it (line and column from 1), so that a
// configuration error points at the value to fix. jsonc-parser (the parser of VS Code's JSON support) keeps the offset
// of every node; this module only turns a path into the nearest node that exists and its offset into line:column.
import { findNodeAtLocation, parse, parseTree, ParseErrorCode, type Node, type ParseError } from "jsonc-parser";

export type JsonPath = readonly (string | number)[];

export interface JsonPosition {
  line: number;
  column: number;
}

/** Offset in `text` -> line and column from 1. */
function positions(text: string): (offset: number) => JsonPosition {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { line: line + 1, column: offset - lineStarts[line]! + 1 };
  };
}

/** A locator over one JSON text: the position of a path, or of its nearest existing parent; undefined when the text does not parse. */
export function jsonLocator(text: string): (path: JsonPath, key?: string) => JsonPosition | undefined {
  const root = parseTree(text);
  const position = positions(text);
  return (path, key) => {
    if (!root) return undefined;
    let node: Node | undefined;
    for (let n = path.length; n >= 0 && !node; n--) node = findNodeAtLocation(root, [...path.slice(0, n)]);
    if (!node) return undefined;
    // A key named inside an object (a key that should not be there): the position of the key itself.
    const property = key !== undefined && node.type === "object" ? node.children?.find((p) => p.children?.[0]?.value === key) : undefined;
    // The value of a property is reported where its key starts: "fin": 2019 is pointed at "fin".
    const at = property ?? (node.parent?.type === "property" ? node.parent : node);
    return position(at.offset);
  };
}

/** What the first syntax error of a JSON text is, in French: strict JSON, neither comments nor trailing commas. */
const SYNTAX_ERRORS: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: "caractère inattendu",
  [ParseErrorCode.InvalidNumberFormat]: "nombre mal écrit",
  [ParseErrorCode.PropertyNameExpected]: "nom de clé entre guillemets attendu",
  [ParseErrorCode.ValueExpected]: "valeur attendue",
  [ParseErrorCode.ColonExpected]: "« : » attendu après le nom de la clé",
  [ParseErrorCode.CommaExpected]: "virgule attendue entre deux éléments",
  [ParseErrorCode.CloseBraceExpected]: "« } » attendu",
  [ParseErrorCode.CloseBracketExpected]: "« ] » attendu",
  [ParseErrorCode.EndOfFileExpected]: "fin du fichier attendue après l'objet",
  [ParseErrorCode.InvalidCommentToken]: "commentaire : le JSON n'en admet pas",
  [ParseErrorCode.UnexpectedEndOfComment]: "commentaire : le JSON n'en admet pas",
  [ParseErrorCode.UnexpectedEndOfString]: "guillemet fermant attendu",
  [ParseErrorCode.UnexpectedEndOfNumber]: "nombre incomplet",
  [ParseErrorCode.InvalidUnicode]: "séquence \\u mal écrite",
  [ParseErrorCode.InvalidEscapeCharacter]: "caractère d'échappement inconnu après « \\ »",
  [ParseErrorCode.InvalidCharacter]: "caractère interdit dans un texte (retour à la ligne ou tabulation : \\n, \\t)",
};

/** The first syntax error of a JSON text, located; undefined when the text is JSON. */
export function jsonSyntaxError(text: string): (JsonPosition & { message: string }) | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  if (text.trim() === "") return { line: 1, column: 1, message: "fichier vide, un objet JSON est attendu" };
  const closing = text[first.offset];
  // The commonest slip of a hand-edited JSON file: a comma after the last element.
  const trailingComma = (first.error === ParseErrorCode.ValueExpected || first.error === ParseErrorCode.PropertyNameExpected) && (closing === "]" || closing === "}");
  return { ...positions(text)(first.offset), message: `${SYNTAX_ERRORS[first.error] ?? "JSON mal formé"}${trailingComma ? ` (virgule de trop avant « ${closing} » ?)` : ""}` };
}
