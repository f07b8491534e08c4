// Scores from a QA tool's CSV export land on the real travel calls: a BOM,
// semicolons, decimal commas, names in another case, an ambiguous date the
// person settles, a duplicate and a bad row, all visible before confirming.

import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitForApp } from "./lib.mjs";

const FILES = ["Travel_20240602163632.json", "Travel_20240603090514.json", "Travel_20240604043211.json"];

async function realCall(dataDir, file) {
  const call = JSON.parse(await readFile(join(dataDir, file), "utf8"));
  return { id: call.Conversation.ConversationId, agent: call.AgentName, file };
}

export const tests = [
  {
    name: "a semicolon CSV with a BOM scores the real calls after a preview",
    run: async ({ page, baseUrl, dataDir, shot }) => {
      await page.goto(`${baseUrl}/#/`);
      await waitForApp(page);
      await page.getByRole("button", { name: "Remove demo data" }).click();
      await page.locator(".app-nav").getByText("Import & export").click();
      await page.locator('input[name="import-files"]').setInputFiles(FILES.map((f) => join(dataDir, f)));
      await page.getByRole("button", { name: "Import these calls" }).click();
      await page.locator(".notice--info", { hasText: "Imported 3 calls" }).waitFor();

      const calls = await Promise.all(FILES.map((f) => realCall(dataDir, f)));
      const shout = (name) => name.toUpperCase().replace(" ", "  ");
      const rows = [
        "Interaction ID;Agent Name;Call Date;Evaluator;Opening;Empathy;Discovery;Resolution;Clarity",
        `${calls[0].id};${shout(calls[0].agent)};02/06/2024 16:36;Ana QA;4,0;5;4;N/A;3`,
        `${calls[1].id};${calls[1].agent};03/06/2024 09:05;Ana QA;3;2;3;4;3`,
        `${calls[1].id};${calls[1].agent};03/06/2024 09:05;Ana QA;3;2;3;4;3`,
        `${calls[2].id};${calls[2].agent};04/06/2024 04:32;Ana QA;5;5;4;4;5`,
        `${calls[2].id};Nobody Known;04/06/2024 04:32;Ana QA;5;5;4;4;5`,
      ];
      const dir = await mkdtemp(join(tmpdir(), "peercoach-csv-"));
      const csv = join(dir, "qa-export.csv");
      await writeFile(csv, "\uFEFF" + rows.join("\r\n") + "\r\n", "utf8");

      await page.locator('input[name="score-csv"]').setInputFiles(csv);
      await page.locator(".score-import__file", { hasText: "semicolon-separated" }).waitFor();

      // The dates could be either day order, so the preview waits for an answer.
      await page.locator(".preview--questions").waitFor();
      await page.locator('select[name="day-order"]').selectOption("day-first");
      const preview = page.locator(".score-import .preview");
      await preview.locator("table").waitFor();
      const text = await preview.innerText();
      assert.match(text, /3\s+scorings to import/);
      assert.match(text, /0\s+new calls/);
      assert.match(text, /1 row rejected/);
      assert.match(text, /1 duplicate row skipped/);
      assert.match(text, /Line 6: .*Nobody Known/);
      assert.match(text, /matched agent/);
      assert.match(text, /4,0 → 4/, "the decimal comma is read, and the rule applied is shown");
      await shot("score-import-preview");

      await page.getByRole("button", { name: "Import 3 scorings" }).click();
      await page.locator(".notice--info", { hasText: "Imported 3 scorings" }).waitFor();

      await page.locator(".app-nav").getByText("Calls").click();
      await page.locator('.filters select').nth(2).selectOption("scored");
      await page.locator(".filters__count", { hasText: "3 calls" }).waitFor();
      await page.locator(".call-row", { hasText: calls[0].agent }).locator("a").click();
      const row = await page.locator(".table--scores tbody tr").first().innerText();
      assert.match(row, /QA · Ana QA/);
      assert.match(row, /4\s+5\s+4\s+N\/A\s+3/);
    },
  },
];
