// The territory's own files (data/local/: cibles, actions, suivi, commentaires), read once per evaluation: the
// indicators, the site's pages (action plan, brownfields, reports) and `ti validate` all use this one reading.
import { basename, join } from "node:path";
import { readActions, type ActionsRead } from "./actions.ts";
import { readTargets, type TargetsRead } from "./cibles.ts";
import { readCommentaries, type CommentariesRead, type CommentaryPhase } from "./commentaires.ts";
import { readSuivi, type SuiviRead } from "./suivi.ts";
import type { LocalContext } from "./context.ts";

export const LOCAL_FILES = { cibles: "cibles.csv", actions: "actions.csv", suivi: "suivi.csv", commentaires: "commentaires.csv" } as const;

/** Each file as read, with `file`: its name as published and in every rejection ("local/actions.csv"). */
export interface LocalInputs {
  cibles: TargetsRead & { file: string };
  actions: ActionsRead & { file: string };
  suivi: SuiviRead & { file: string };
  /** The copil's commentary of the annual reports, checked against the contract's phases (their periods and axes). */
  commentaires: CommentariesRead & { file: string };
}

export async function readLocalInputs(localDir: string, ctx: LocalContext, phases: readonly CommentaryPhase[]): Promise<LocalInputs> {
  // What is published (rejets.csv, suivi-cibles.csv, rapports.json) names a local file by its place in the data
  // folder ("local/actions.csv"), never by the absolute path of the machine that built the site.
  const shown = (name: string) => `${basename(localDir) || "local"}/${name}`;
  const read = async <T>(name: string, reader: (path: string, ctx: LocalContext, file: string) => Promise<T>) =>
    ({ ...(await reader(join(localDir, name), ctx, shown(name))), file: shown(name) });
  return {
    actions: await read(LOCAL_FILES.actions, readActions),
    suivi: await read(LOCAL_FILES.suivi, readSuivi),
    cibles: await read(LOCAL_FILES.cibles, readTargets),
    commentaires: await read(LOCAL_FILES.commentaires, (path, _ctx, file) => readCommentaries(path, phases, file)),
  };
}
