// Types of actions-links.js for the TypeScript tests.
export declare function actionsFor(
  actionsJson: { par_indicateur?: Record<string, { id: string; titre: string }[]> } | null | undefined,
  indicatorId: string,
): HTMLElement | null;
export declare function linkedActions(
  actionsJson: { actions?: { id: string; titre: string; statut: string; avancement: number | null; en_retard: boolean; phase?: string | null; indicateurs_lies: string[] }[] } | null | undefined,
  indicatorId: string,
  phaseId?: string | null,
): HTMLElement | null;
