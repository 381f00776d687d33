// Where a key path of a JSON document is written in its text, as an editor shows it (line and column from 1), so that a
// configuration error points at the value to fix. jsonc-parser (the parser of VS Code's JSON support) keeps the offset
// of every node; this module only turns a path into the nearest node that exists and its offset into line:column.
import { findNodeAtLocation, parseTree, type Node } from "jsonc-parser";

export type JsonPath = readonly (string | number)[];

export interface JsonPosition {
  line: number;
  column: number;
}

/** A locator over one JSON text: the position of a path, or of its nearest existing parent; undefined when the text does not parse. */
export function jsonLocator(text: string): (path: JsonPath, key?: string) => JsonPosition | undefined {
  const root = parseTree(text);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const position = (offset: number): JsonPosition => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { line: line + 1, column: offset - lineStarts[line]! + 1 };
  };
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
