import { describe, expect, it } from "vitest";
import { fixPageHtml } from "../../scripts/postbuild.ts";

// The head and sidebar as Framework 1.13.4 writes them.
const FRAMEWORK_PAGE = `<!DOCTYPE html>
<html>
<head>
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
</head>
<body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<nav id="observablehq-sidebar">
  <ol>
    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>
    <li class="observablehq-link"><a href="./">Titre</a></li>
  </ol>`;

describe("correction des pages construites", () => {
  const fixed = fixPageHtml(FRAMEWORK_PAGE);
  it("déclare la langue française", () => expect(fixed).toContain('<html lang="fr">'));
  it("autorise le zoom sur téléphone", () => expect(fixed).toContain('content="width=device-width, initial-scale=1"'));
  it("sort le bouton de fermeture de la liste, qui ne contient plus que des <li> et reste le premier enfant du menu", () => {
    expect(fixed).toMatch(/<nav id="observablehq-sidebar">\s*<ol>\s*<li[^]*?<\/ol>\s*<label id="observablehq-sidebar-close"/);
  });
  it("titre le bouton du menu en français", () => expect(fixed).toContain('title="Afficher ou masquer le menu"'));
  it("ne change pas une page déjà corrigée", () => expect(fixPageHtml(fixed)).toBe(fixed));
});
