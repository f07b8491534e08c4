// A caption file from a transcription tool becomes a call: the person
// names the agent and team and the start, and the cue times become m:ss
// offsets with the right speakers.

import assert from "node:assert/strict";
import { writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitForApp } from "./lib.mjs";

const VTT = `WEBVTT

NOTE exported by a transcription tool

00:00:02.000 --> 00:00:06.500
<v Agent (Maria Lopez)>Thank you for calling, this is Maria.

00:00:07.000 --> 00:00:12.000
<v Customer>My refund <b>still</b> hasn't arrived.

00:01:05.250 --> 00:01:09.000
<v Agent (Maria Lopez)>I'm sorry about that, let me check it now.
`;

export const tests = [
  {
    name: "a WebVTT transcript becomes a call of a new agent with m:ss offsets",
    run: async ({ page, baseUrl, shot }) => {
      await page.goto(`${baseUrl}/#/`);
      await waitForApp(page);
      await page.getByRole("button", { name: "Remove demo data" }).click();
      await page.locator(".app-nav").getByText("Import & export").click();

      const dir = await mkdtemp(join(tmpdir(), "peercoach-vtt-"));
      const file = join(dir, "refund-call.vtt");
      await writeFile(file, VTT, "utf8");
      await page.locator('input[name="transcript-files"]').setInputFiles(file);
      const preview = page.locator(".transcript-import .preview");
      await preview.waitFor();
      assert.match(await preview.innerText(), /refund-call\.vtt\s+WebVTT\s+refund-call\s+3\s+given below\s+become a new call/);

      // The label named the agent, so a new agent is proposed with her name.
      assert.equal(await page.locator('input[name="transcript-new-agent"]').inputValue(), "Maria Lopez");
      await page.getByRole("button", { name: "Import transcripts" }).click();
      await page.locator(".notice--error", { hasText: "Choose the team" }).waitFor();

      await page.locator('select[name="transcript-team"]').selectOption("__new");
      await page.locator('input[name="transcript-new-team"]').fill("Refunds");
      await page.locator('input[name="transcript-start"]').fill("2024-06-03T09:15");
      await page.locator('input[name="transcript-start"]').dispatchEvent("change");
      await page.locator('select[name="transcript-outcome"]').selectOption("unresolved");
      await shot("transcript-import");
      await page.getByRole("button", { name: "Import transcripts" }).click();
      await page.locator(".notice--info", { hasText: "Imported 1 transcript" }).waitFor();

      await page.locator(".app-nav").getByText("Calls").click();
      const row = await page.locator(".call-row").first().innerText();
      assert.match(row, /2024-06-03 09:15\s+Maria Lopez\s+Refunds/);
      assert.match(row, /Unresolved/);
      await page.locator(".call-row a").first().click();
      await page.locator(".transcript__line").first().waitFor();
      const times = await page.locator(".transcript__time").allInnerTexts();
      assert.deepEqual(times, ["0:02", "0:07", "1:05"]);
      const speakers = await page.locator(".transcript__speaker").allInnerTexts();
      assert.deepEqual(speakers, ["Agent", "Customer", "Agent"]);
      assert.equal(await page.locator(".transcript__text").nth(1).innerText(), "My refund still hasn't arrived.");
    },
  },
];
