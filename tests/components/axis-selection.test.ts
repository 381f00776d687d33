// @vitest-environment jsdom
// The selection of the axis pages (docs/components/axis-selection.js): restored from the URL, written back to it
// without the defaults, unknown values ignored; the inputs are native (select, radio, checkbox) for the keyboard.
import { afterEach, describe, expect, it } from "vitest";
import { axisSelectionInput, initialSelection, selectionYears, writeAxisSelection } from "../../docs/components/axis-selection.js";
import { indexRows } from "../../docs/components/indicators.js";
import { fixture } from "./render.ts";

const data = fixture("axis.json");
const index = indexRows(data.indicateurs);
const years = selectionYears(data.catalogue, index, data.territoire);
const goTo = (query: string) => history.replaceState(null, "", `/attirer${query}`);

afterEach(() => goTo(""));

describe("sélection des pages d'axe", () => {
  it("les années des indicateurs de la page, pour le territoire ou ses EPCI (pas les bassins seuls)", () => {
    expect(years).toEqual([2018, 2019, 2020, 2021, 2022, 2023]);
  });

  it("sans paramètre : dernière valeur, tous les EPCI, valeur absolue ; rien n'est écrit dans l'adresse", () => {
    goTo("");
    const s = initialSelection(years, data.territoire);
    expect(s).toEqual({ annee: null, epcis: ["200000001", "200000002"], mode: "absolu" });
    writeAxisSelection(s, data.territoire);
    expect(location.search).toBe("");
  });

  it("l'adresse ?annee=2021&mesure=indice&epci=200000002 est restaurée, puis réécrite à l'identique", () => {
    goTo("?annee=2021&mesure=indice&epci=200000002#part_emploi_industriel");
    const s = initialSelection(years, data.territoire);
    expect(s).toEqual({ annee: 2021, epcis: ["200000002"], mode: "indice" });
    writeAxisSelection({ ...s, mode: "habitants" }, data.territoire);
    expect(location.search).toBe("?annee=2021&mesure=habitants&epci=200000002");
    expect(location.hash).toBe("#part_emploi_industriel");
  });

  it("aucun EPCI coché s'écrit epci=aucun ; une année, une mesure ou des EPCI inconnus reviennent au défaut", () => {
    writeAxisSelection({ annee: null, epcis: [], mode: "absolu" }, data.territoire);
    expect(location.search).toBe("?epci=aucun");
    expect(initialSelection(years, data.territoire).epcis).toEqual([]);
    goTo("?annee=1990&mesure=relatif&epci=123456789");
    expect(initialSelection(years, data.territoire)).toEqual({ annee: null, epcis: ["200000001", "200000002"], mode: "absolu" });
  });

  it("le formulaire : une liste d'années, trois boutons radio, une case par EPCI, avec leurs libellés", () => {
    goTo("?mesure=habitants&epci=200000001");
    const form = axisSelectionInput({ years, territoire: data.territoire });
    expect([...form.querySelectorAll("select option")].map((o) => o.textContent)).toEqual(["Dernière valeur connue", "2023", "2022", "2021", "2020", "2019", "2018"]);
    const radios = [...form.querySelectorAll("input[type=radio]")] as HTMLInputElement[];
    expect(radios.map((r) => r.parentElement?.textContent?.trim())).toEqual(["Valeur absolue", "Pour 1 000 habitants", "Indice base 100"]);
    expect(radios.map((r) => r.checked)).toEqual([false, true, false]);
    const boxes = [...form.querySelectorAll("input[type=checkbox]")] as HTMLInputElement[];
    expect(boxes.map((b) => [b.parentElement?.textContent?.trim(), b.checked])).toEqual([["CA de la Grande Ville", true], ["CC du Petit Pays", false]]);
    expect((form as unknown as { value: unknown }).value).toEqual({ annee: null, mode: "habitants", epcis: ["200000001"] });
  });
});
