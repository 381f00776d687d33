// The French summary printed at the end of a refresh: one line per file, then the overall verdict. Details carry
// text from servers and archives (status texts, addresses, member names): printed through printable().
import { printable } from "../format/terminal.ts";
import { formatBytes } from "./progress.ts";
import { OFFLINE_MESSAGE, type RefreshResult } from "./refresh.ts";

export function summaryTable(result: RefreshResult): string {
  const header = ["source", "statut", "taille", "sha256"];
  const lines = result.rows.map((r) => [r.id, r.status, r.size === undefined ? "" : formatBytes(r.size), r.sha256 ? r.sha256.slice(0, 12) : ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const out = [format(header), format(widths.map((w) => "-".repeat(w))), ...lines.map(format)];
  const notes = result.rows.filter((r) => r.detail).map((r) => `  ${r.id} : ${printable(r.detail!)}`);
  if (notes.length > 0) out.push("", ...notes);
  return out.join("\n");
}

export function verdict(result: RefreshResult): string {
  const failed = result.rows.filter((r) => r.status === "échec").length;
  const ok = result.rows.filter((r) => r.status !== "échec" && r.status !== "non configurée" && r.status !== "non publiée").length;
  const lines: string[] = [];
  if (result.removedDemo.length > 0)
    lines.push(`Données de démonstration retirées (remplacées par les fichiers officiels) : ${printable(result.removedDemo.join(", "))}.`);
  if (result.offline) lines.push(OFFLINE_MESSAGE);
  else if (result.exitCode === 0) lines.push(`Toutes les sources sont à jour (${ok}).`);
  else if (result.exitCode === 2)
    lines.push(`${failed} source${failed > 1 ? "s" : ""} en échec, ${ok} à jour : les fichiers en échec gardent leur version précédente dans data/.`);
  else if (ok === 0 && failed === 0) lines.push("Aucune source n'a pu être tentée (adresses non configurées).");
  else lines.push("Toutes les sources sont en échec : les données existantes de data/ sont inchangées.");
  return lines.join("\n");
}
