// @vitest-environment jsdom
// actionsFor (docs/components/actions-links.js), called by the axis pages: links to the actions aiming at an
// indicator, titles from the file kept as text. (jsdom comes with @observablehq/framework.)
import { describe, expect, it } from "vitest";
import { actionsFor } from "../../docs/components/actions-links.js";

const plan = {
  par_indicateur: {
    emploi_industriel: [
      { id: "ATT-1", titre: "Accueil des entreprises" },
      { id: "X1", titre: "<script>alert('x')</script><img src=x onerror=alert(1)>" },
    ],
  },
};

describe("actionsFor", () => {
  it("lists a link to ./plan-actions#action-<id> per action aiming at the indicator", () => {
    const list = actionsFor(plan, "emploi_industriel")!;
    expect(list.tagName).toBe("UL");
    const links = [...list.querySelectorAll("a")];
    expect(links.map((a) => [a.getAttribute("href"), a.textContent])).toEqual([
      ["./plan-actions#action-ATT-1", "ATT-1 — Accueil des entreprises"],
      ["./plan-actions#action-X1", "X1 — <script>alert('x')</script><img src=x onerror=alert(1)>"],
    ]);
  });
  it("keeps markup in titles as text: no element is created from it", () => {
    const list = actionsFor(plan, "emploi_industriel")!;
    expect(list.querySelectorAll("script, img").length).toBe(0);
  });
  it("returns null when no action aims at the indicator, or without a plan", () => {
    expect(actionsFor(plan, "creations_etablissements")).toBeNull();
    expect(actionsFor(null, "emploi_industriel")).toBeNull();
  });
});
