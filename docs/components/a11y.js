// Accessibility fixes shared by every chart and table of the site.

/**
 * A Plot chart is one image for assistive technologies (role="img" with its text alternative, set by the caller):
 * Plot also puts aria-label on each mark's <g>, which ARIA forbids on an element without a role, so they are removed.
 */
export function chartImage(plot) {
  for (const g of plot.querySelectorAll("g[aria-label]")) g.removeAttribute("aria-label");
  return plot;
}
