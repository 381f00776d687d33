// Types of actions-links.js for the TypeScript tests.
export declare function actionsFor(
  actionsJson: { par_indicateur?: Record<string, { id: string; titre: string }[]> } | null | undefined,
  indicatorId: string,
): HTMLElement | null;
