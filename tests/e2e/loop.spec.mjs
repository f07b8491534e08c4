// The main job end to end on the real travel calls: remove the demo, import
// 100 calls, score two of them, record a session, export, clear, import the
// backup, reload, and find nothing lost.

import assert from "node:assert/strict";
import { readdir, readFile, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitForApp } from "./lib.mjs";

async function callFiles(dataDir) {
  const names = (await readdir(dataDir)).filter((n) => n.endsWith(".json")).sort();
  return names.map((n) => join(dataDir, n));
}

async function kpi(page, label) {
  const card = page.locator(".kpi").filter({ has: page.locator(".kpi__label", { hasText: new RegExp(`^${label}$`) }) });
  return (await card.locator(".kpi__value").innerText()).trim();
}

async function open(page, baseUrl, hash) {
  await page.goto(`${baseUrl}/${hash}`);
  await waitForApp(page);
  await page.locator(".app-main h2").first().waitFor();
}

async function removeDemo(page, baseUrl) {
  await open(page, baseUrl, "#/");
  await page.getByRole("button", { name: "Remove demo data" }).click();
  await page.locator(".demo-banner").waitFor({ state: "detached" });
}

async function importCalls(page, files) {
  await page.locator(".app-nav").getByText("Import & export").click();
  await page.locator('input[name="import-files"]').setInputFiles(files);
  await page.locator(".preview").waitFor();
}

/// Scores the open call: `levels` maps criterion position to a level or "N/A".
async function scoreOpenCall(page, levels, evidenceLine, moreEvidence) {
  const criteria = page.locator(".criterion");
  for (const [i, level] of levels.entries()) {
    await criteria.nth(i).locator(".level", { hasText: new RegExp(`^${level}$`) }).click();
    if (i === 1) {
      await page.locator(".transcript__line").nth(evidenceLine).click();
      if (moreEvidence) page.spanQuote = await moreEvidence();
    }
  }
  await page.getByRole("button", { name: "Save score" }).click();
  await page.locator(".notice--info", { hasText: "Score saved" }).waitFor();
}

export const tests = [
  {
    name: "the demo program is there on first visit, labelled, and one click removes it",
    run: async ({ page, baseUrl, shot }) => {
      await open(page, baseUrl, "#/");
      await page.locator(".demo-banner", { hasText: "Demo data" }).waitFor();
      assert.equal(await kpi(page, "Teams"), "3");
      assert.equal(await kpi(page, "Agents"), "30");
      await shot("overview-demo");

      // From a suggested coach straight to a session form set up for them.
      await page.goto(`${baseUrl}/#/coaches`);
      const empathy = page.locator(".dimension-card", { hasText: "Empathy" });
      const coachName = await empathy.locator(".coach__name").first().innerText();
      await empathy.locator(".coach__record").first().click();
      await page.locator("h2", { hasText: "Record a coaching session" }).waitFor();
      assert.equal(await page.locator('select[name="dimension"]').inputValue(), "Empathy");
      const chosen = await page.locator('select[name="coach"] option:checked').innerText();
      assert.equal(chosen, coachName);
      await page.goto(`${baseUrl}/#/`);
      await page.locator(".kpi").first().waitFor();

      await page.getByRole("button", { name: "Remove demo data" }).click();
      await page.locator(".demo-banner").waitFor({ state: "detached" });
      await open(page, baseUrl, "#/");
      assert.equal(await kpi(page, "Calls"), "0");

      await page.reload();
      await waitForApp(page);
      await page.locator(".kpi").first().waitFor();
      assert.equal(await kpi(page, "Calls"), "0", "the demo must not come back after a reload");
      assert.equal(await page.locator(".demo-banner").count(), 0);
    },
  },
  {
    name: "real calls import, are scored and coached, and survive export, clear, import and reload",
    run: async ({ page, baseUrl, dataDir, shot }) => {
      await removeDemo(page, baseUrl);

      // Import the 100 real calls, through the preview.
      await importCalls(page, await callFiles(dataDir));
      const preview = await page.locator(".preview").innerText();
      assert.match(preview, /100\s+new calls/);
      assert.match(preview, /24\s+new agents/);
      assert.match(preview, /5\s+new teams/);
      await shot("data-preview");
      await page.getByRole("button", { name: "Import these calls" }).click();
      await page.locator(".notice--info", { hasText: "Imported 100 calls" }).waitFor();

      // The historic calls are from June 2024: compute figures as of then.
      await page.locator('input[name="as-of"]').fill("2024-07-15");
      await page.locator('input[name="as-of"]').dispatchEvent("change");

      await page.locator(".app-nav").getByText("Overview").click();
      await page.locator(".kpi").first().waitFor();
      assert.equal(await kpi(page, "Calls"), "100");
      assert.equal(await kpi(page, "Agents"), "24");
      assert.equal(await kpi(page, "Teams"), "5");
      assert.equal(await kpi(page, "First-call resolution"), "80%");
      await shot("overview-real");

      // All 100 calls can be paged through (regression: the "Older" button
      // was always disabled and showed code instead of its label).
      await page.locator(".app-nav").getByText("Calls").click();
      await page.locator(".pager", { hasText: "Page 1 of 2" }).waitFor();
      const older = page.getByRole("button", { name: "Older →" });
      assert.ok(await older.isEnabled());
      await older.click();
      await page.locator(".pager", { hasText: "Page 2 of 2" }).waitFor();
      assert.equal(await page.locator(".call-row").count(), 50);
      await page.getByRole("button", { name: "← Newer" }).click();

      // Score two calls: one as QA with evidence, one as a peer coach.
      await page.locator(".call-row a").first().click();
      await page.locator(".transcript__line").first().waitFor();
      assert.match(await page.locator(".transcript__time").first().innerText(), /^\d+:\d\d$/);
      const agentHeading = await page.locator(".app-main h2").innerText();
      await page.locator('input[name="evaluator"]').fill("Dana (QA)");
      await scoreOpenCall(page, [4, 3, 5, "N/A", 4], 2, async () => {
        // A span of line 4 as a second moment for empathy, with a note.
        const text = page.locator(".transcript__text").nth(3);
        const part = (await text.innerText()).split(" ").slice(0, 3).join(" ");
        await text.evaluate((el, n) => {
          const range = document.createRange();
          range.setStart(el.firstChild, 0);
          range.setEnd(el.firstChild, n);
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          el.closest(".transcript__line").click();
        }, part.length);
        await page.locator(".criterion--active .evidence__note").nth(1).fill("Only this part was needed");
        return part;
      });
      const saved = await page.locator(".notice--info").innerText();
      // Weighted over the scored criteria only: (15*4 + 25*3 + 20*5 + 15*4) / 75.
      assert.match(saved, /overall 3\.9/);
      assert.equal(await page.locator(".table--scores tbody tr:not(.evidence-row)").count(), 1);
      const evidenceQuote = await page.locator(".transcript__text").nth(2).innerText();
      const evidence = await page.locator(".evidence-list li").allInnerTexts();
      assert.equal(evidence.length, 2, evidence.join(" | "));
      assert.ok(evidence[0].startsWith("Acknowledges feelings: "), evidence[0]);
      assert.ok(evidence[0].includes(evidenceQuote.slice(0, 40)), "the clicked line is kept as evidence");
      assert.ok(
        evidence[1].endsWith(`“${page.spanQuote}” — Only this part was needed`),
        `a selected span is kept with its note: ${evidence[1]}`,
      );
      assert.equal(await page.locator(".criterion__evidence li").count(), 0, "the form resets after saving");
      await shot("call-scored");

      // Back from a call, the list is as it was left (filter included).
      await page.locator(".back-link").click();
      await page.locator(".filters select").nth(2).selectOption("unscored");
      await page.locator(".call-row a").first().click();
      await page.locator(".back-link").click();
      assert.equal(await page.locator(".filters select").nth(2).inputValue(), "unscored");
      assert.match(await page.locator(".filters__count").innerText(), /^99 calls$/);
      await page.locator(".filters select").nth(2).selectOption("");
      await page.locator(".call-row a").nth(1).click();
      await page.locator(".transcript__line").first().waitFor();
      await page.locator(".scoring select").first().selectOption("coach");
      await page.locator('select[name="coach"]').selectOption({ index: 1 });
      await scoreOpenCall(page, [5, 5, 4, 4, 5], 0);

      // A scoring saved by mistake can be deleted (after a confirmation).
      await page.getByRole("button", { name: "Save score" }).click();
      await page.locator(".notice--error", { hasText: "Still open" }).waitFor();
      const before = await page.locator(".table--scores tbody tr:not(.evidence-row)").count();
      await page.locator(".table--scores .link-button").first().click();
      await page.locator(".notice--info", { hasText: "Scoring deleted" }).waitFor();
      assert.equal(await page.locator(".table--scores tbody tr:not(.evidence-row)").count(), before - 1);
      await scoreOpenCall(page, [5, 5, 4, 4, 5], 0);

      // A call scored N/A throughout has no overall score.
      await page.locator(".back-link").click();
      await page.locator(".call-row a").nth(2).click();
      await page.locator(".transcript__line").first().waitFor();
      await page.locator('input[name="evaluator"]').fill("Dana (QA)");
      for (let i = 0; i < 5; i++) await page.locator(".criterion").nth(i).locator(".level--na").click();
      await page.getByRole("button", { name: "Save score" }).click();
      await page.locator(".notice--info", { hasText: "none (every criterion N/A)" }).waitFor();

      // Record a session for the first call's agent, on Empathy.
      await page.locator(".app-nav").getByText("Sessions").click();
      await page.getByRole("link", { name: "Record a session" }).click();
      const agentName = agentHeading.split(" · ")[0];
      await page.locator('select[name="dimension"]').selectOption("Empathy");
      await page.locator('select[name="agent"]').selectOption({ label: agentName });
      const coachOptions = await page.locator('select[name="coach"] option').allInnerTexts();
      const coach = coachOptions.find((n) => n !== agentName && !n.startsWith("Choose"));
      await page.locator('select[name="coach"]').selectOption({ label: coach });
      await page.locator('input[name="date"]').fill("2024-06-20");
      await page.locator('input[name="date"]').dispatchEvent("change");
      await page.locator('select[name="call"]').selectOption({ index: 1 });
      await page.locator('select[name="moment"]').selectOption({ index: 1 });
      const standard = await page.locator('textarea[name="standard"]').inputValue();
      assert.match(standard, /level 4/, "the standard is filled in from the rubric's anchor");
      await page.locator('textarea[name="what_happened"]').fill("Went straight to the booking number after the complaint.");
      await page.locator('textarea[name="say_instead"]').fill("I'm sorry your stay went wrong; let's put it right.");
      await shot("new-session");
      await page.getByRole("button", { name: "Save session" }).click();
      await page.locator(".session-row").first().waitFor();
      const row = await page.locator(".session-row").first().innerText();
      assert.match(row, new RegExp(`${coach} → ${agentName}`));
      assert.match(row, /not enough data yet/);
      await shot("sessions");

      // Export, clear, import the backup, reload.
      await page.locator(".app-nav").getByText("Import & export").click();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export program" }).click(),
      ]);
      const dir = await mkdtemp(join(tmpdir(), "peercoach-"));
      const backup = join(dir, download.suggestedFilename());
      await download.saveAs(backup);
      const exported = JSON.parse(await readFile(backup, "utf8"));
      assert.equal(exported.format, "peercoach-program");
      assert.equal(exported.schema_version, 2);
      assert.equal(exported.program.calls.length, 100);
      assert.equal(exported.program.evaluations.length, 3);
      assert.equal(exported.program.sessions.length, 1);

      await page.getByRole("button", { name: "Clear the program…" }).click();
      await page.getByRole("button", { name: "Yes, clear it" }).click();
      await page.locator(".app-nav").getByText("Overview").click();
      await page.locator(".kpi").first().waitFor();
      assert.equal(await kpi(page, "Calls"), "0");

      await importCalls(page, [backup]);
      assert.match(await page.locator(".preview").innerText(), /100\s+calls[\s\S]*3\s+scorings[\s\S]*1\s+sessions/);
      await page.getByRole("radio", { name: /Replace the current program/ }).check();
      await page.getByRole("button", { name: "Import backup" }).click();
      await page.locator(".notice--info", { hasText: "Replaced the program" }).waitFor();

      await page.reload();
      await waitForApp(page);
      await page.locator(".app-nav").getByText("Overview").click();
      await page.locator(".kpi").first().waitFor();
      assert.equal(await kpi(page, "Calls"), "100");
      assert.equal(await kpi(page, "First-call resolution"), "80%");

      const [again] = await Promise.all([
        page.waitForEvent("download"),
        (async () => {
          await page.locator(".app-nav").getByText("Import & export").click();
          await page.getByRole("button", { name: "Export program" }).click();
        })(),
      ]);
      const second = join(dir, "again.json");
      await again.saveAs(second);
      const reExported = JSON.parse(await readFile(second, "utf8"));
      assert.deepEqual(reExported.program, exported.program, "export → clear → import gives back the same program");
    },
  },
  {
    name: "a bad call file stops the whole import with its name and field, and imported text stays text",
    run: async ({ page, baseUrl, dataDir, shot }) => {
      await removeDemo(page, baseUrl);
      const files = (await callFiles(dataDir)).slice(0, 3);
      const dir = await mkdtemp(join(tmpdir(), "peercoach-bad-"));

      const broken = JSON.parse(await readFile(files[0], "utf8"));
      broken.Conversation.Messages[1].EventTime = "yesterday afternoon";
      const badFile = join(dir, "Broken_call.json");
      await writeFile(badFile, JSON.stringify(broken));

      await importCalls(page, [files[1], badFile, files[2]]);
      const refusal = await page.locator(".preview--refused").innerText();
      assert.match(refusal, /Nothing was imported/);
      assert.match(refusal, /Broken_call\.json/);
      assert.match(refusal, /Messages\[1\]\.EventTime/);
      await shot("data-refused");
      await page.getByRole("button", { name: "Close" }).click();
      await page.locator(".app-nav").getByText("Overview").click();
      await page.locator(".kpi").first().waitFor();
      assert.equal(await kpi(page, "Calls"), "0", "a refused import adds nothing");

      const hostile = JSON.parse(await readFile(files[0], "utf8"));
      hostile.Conversation.Messages[0].Value = '<img src="x" onerror="window.__pwned = 1"><b>bold</b>';
      const hostileFile = join(dir, "Hostile_call.json");
      await writeFile(hostileFile, JSON.stringify(hostile));
      await importCalls(page, [hostileFile]);
      await page.getByRole("button", { name: "Import these calls" }).click();
      await page.locator(".app-nav").getByText("Calls").click();
      await page.locator(".call-row a").first().click();
      const firstLine = page.locator(".transcript__text").first();
      assert.equal(await firstLine.innerText(), '<img src="x" onerror="window.__pwned = 1"><b>bold</b>');
      assert.equal(await page.locator(".transcript img, .transcript b").count(), 0);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
    },
  },
];

tests.push({
  name: "a call can be scored with the keyboard only, and empathy phrases are suggested on a real call",
  run: async ({ page, baseUrl, dataDir, shot }) => {
    await removeDemo(page, baseUrl);
    await importCalls(page, [join(dataDir, "Travel_20240602163632.json")]);
    await page.getByRole("button", { name: "Import these calls" }).click();
    await page.locator(".app-nav").getByText("Calls").click();
    await page.locator(".call-row a").first().click();
    await page.locator(".transcript__line").first().waitFor();

    // Empathy is the second criterion: move to it and look at the suggestions.
    await page.locator(".scoring h3").click();
    await page.keyboard.press("ArrowDown");
    const suggested = await page.locator(".transcript__line--look-for .transcript__text").allInnerTexts();
    assert.ok(
      suggested.some((t) => t.startsWith("I'm really sorry to hear that, Lisa.")),
      `suggested lines: ${suggested.join(" | ")}`,
    );
    await page.keyboard.press("ArrowUp");

    // From the top of the page, Tab to the evaluator field, type, and score.
    await page.evaluate(() => document.activeElement?.blur());
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.getAttribute("name") === "evaluator")) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "evaluator");
    await page.keyboard.type("Kim 1 (QA)");
    await page.keyboard.press("Tab");
    for (const key of ["5", "ArrowDown", "4", "ArrowDown", "3", "ArrowDown", "n", "ArrowDown", "2"]) {
      await page.keyboard.press(key);
    }
    const anchor = await page.locator(".criterion--active .criterion__anchor").innerText();
    assert.match(anchor, /^2: /, "the anchor of the level just chosen is shown");
    await shot("call-keyboard");
    await page.keyboard.press("Control+Enter");
    await page.locator(".notice--info", { hasText: "Score saved" }).waitFor();

    const row = await page.locator(".table--scores tbody tr").first().innerText();
    assert.match(row, /QA · Kim 1 \(QA\)/, "digits typed in the name stay in the name");
    assert.match(row, /5\s+4\s+3\s+N\/A\s+2/);

    // One call imported, now scored: there is no next unscored call.
    assert.equal(await page.locator(".scoring__next").count(), 0);
  },
});

tests.push({
  name: "an agent scoring their own call sees no one else's scores, and a demo backup is never merged into real data",
  run: async ({ page, baseUrl, dataDir }) => {
    await page.goto(`${baseUrl}/#/calls/demo-call-0001`);
    await waitForApp(page);
    await page.locator(".table--scores").first().waitFor();
    // The next call no QA or coach has scored is one click away.
    const next = page.locator(".scoring__next");
    const href = await next.getAttribute("href");
    assert.ok(href && href !== "#/calls/demo-call-0001", href);
    await next.click();
    await page.waitForFunction((h) => location.hash === h, href);
    await page.locator(".transcript__line").first().waitFor();
    const scorers = await page.locator(".table--scores tbody tr").allInnerTexts();
    assert.ok(scorers.every((r) => r.includes("Self")), `no QA or coach scoring yet: ${scorers.join(" | ")}`);
    await page.goBack();
    await page.locator(".table--scores").first().waitFor();

    await page.locator(".scoring select").first().selectOption("self");
    await page.locator("p", { hasText: "hidden while the agent scores it blind" }).waitFor();
    assert.equal(await page.locator(".table--scores").count(), 0);
    assert.match(await page.locator(".criterion__previous").first().innerText(), /hidden/);

    // Export the demo, replace it with real calls, then offer the demo back.
    await page.goto(`${baseUrl}/#/data`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export program" }).click(),
    ]);
    const dir = await mkdtemp(join(tmpdir(), "peercoach-demo-"));
    const demoBackup = join(dir, download.suggestedFilename());
    await download.saveAs(demoBackup);
    assert.match(download.suggestedFilename(), /^peercoach-demo-northwind-contact-centre-\d{4}-\d\d-\d\d\.json$/);

    await page.getByRole("button", { name: "Remove demo data" }).click();
    await importCalls(page, [join(dataDir, "Travel_20240602163632.json")]);
    await page.getByRole("button", { name: "Import these calls" }).click();
    await importCalls(page, [demoBackup]);
    const merge = page.getByRole("radio", { name: /Merge/ });
    assert.ok(await merge.isDisabled(), "a demo file is not merged into a real program");
    assert.match(await page.locator(".import-mode").innerText(), /demo data/);
    assert.ok(await page.getByRole("button", { name: "Import backup" }).isDisabled(), "nothing is preselected");
  },
});
