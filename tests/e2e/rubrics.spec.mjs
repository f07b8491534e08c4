// Rubrics as a QA lead handles them: start from a template, see the weight
// check say what is wrong, save; edit the default rubric that already has
// scores and get a new version while old scores keep theirs; score a call
// with a yes/no critical item and see the call fail.

import assert from "node:assert/strict";
import { waitForApp } from "./lib.mjs";

async function openRubrics(page, baseUrl) {
  await page.goto(`${baseUrl}/#/rubric`);
  await waitForApp(page);
  await page.locator(".rubric-card").first().waitFor();
}

export const tests = [
  {
    name: "a rubric from the collections template is checked, saved and assigned to a pair",
    run: async ({ page, baseUrl, shot }) => {
      await openRubrics(page, baseUrl);
      await page.locator('select[name="template"]').selectOption("collections");
      await page.getByRole("button", { name: "Start editing" }).click();
      await page.locator(".rubric-editor").waitFor();
      assert.match(await page.locator(".weights").innerText(), /Weights total 100 of 100/);

      // Break the weights: the editor says so, and where, and will not save.
      const weight = page.locator('input[name="criterion-weight"]').nth(2);
      const before = await weight.inputValue();
      await weight.fill(String(Number(before) + 5));
      assert.match(await page.locator(".weights").innerText(), /105 of 100/);
      assert.match(await page.locator(".rubric-editor__problem").innerText(), /Weights total 105, they must total 100/);
      assert.ok(await page.getByRole("button", { name: "Save rubric" }).isDisabled());
      await shot("rubric-editor");
      await weight.fill(before);

      // Regression: a critical 1-5 criterion switched to yes/no kept its level,
      // showed a blank "fails the call at" and saved as critical anyway.
      const lastScale = page.locator('select[name="criterion-scale"]').last();
      const lastCritical = page.locator('select[name="criterion-critical"]').last();
      await lastScale.selectOption("one-to-five");
      await lastCritical.selectOption("3");
      await lastScale.selectOption("yes-no");
      assert.equal(await lastCritical.inputValue(), "1", "a yes/no item fails on a no");
      await lastCritical.selectOption("");

      await page.locator('input[name="rubric-name"]').fill("Collections floor");
      await page.getByRole("button", { name: "Save rubric" }).click();
      await page.locator(".rubric-card", { hasText: "Collections floor (v1)" }).waitFor();

      // Assign it to a coaching pair; that agent's calls are then scored with it.
      await page.locator('select[name="pair-coach"]').selectOption({ index: 1 });
      await page.locator('select[name="pair-agent"]').selectOption({ index: 2 });
      await page.locator('select[name="pair-rubric"]').selectOption({ label: "Collections floor (v1)" });
      await page.getByRole("button", { name: "Assign" }).click();
      const pair = await page.locator(".pair-list li").first().innerText();
      assert.match(pair, /coaches .*: Collections floor \(v1\)/);
      const agentName = pair.split(" coaches ")[1].split(":")[0];

      await page.goto(`${baseUrl}/#/calls`);
      await page.locator(".filters select").nth(1).selectOption({ label: agentName });
      await page.locator(".call-row a").first().click();
      assert.match(await page.locator(".scoring__rubric").innerText(), /Collections floor \(v1\)/);

      // Score it with the pass/fail disclosure item as "No": the call fails.
      const criteria = page.locator(".criterion");
      const count = await criteria.count();
      await page.locator('input[name="evaluator"]').fill("Quality team");
      for (let i = 0; i < count; i++) {
        const c = criteria.nth(i);
        const buttons = c.locator(".level:not(.level--na)");
        const labels = await buttons.allInnerTexts();
        const name = await c.locator(".criterion__name").innerText();
        if (labels.includes("No") && /disclos/i.test(name)) await c.locator(".level", { hasText: /^No$/ }).click();
        else if (labels.includes("Yes")) await c.locator(".level", { hasText: /^Yes$/ }).click();
        else await c.locator(".level", { hasText: /^4$/ }).click();
      }
      assert.match(await page.locator(".scoring__footer").innerText(), /Fails: .*isclos/);
      await page.getByRole("button", { name: "Save score" }).click();
      await page.locator(".notice--info", { hasText: "fails on a critical criterion" }).waitFor();
      const row = page.locator(".table--scores tbody tr", { hasText: "Quality team" });
      assert.match(await row.innerText(), /No[\s\S]*failed/);
    },
  },
  {
    name: "editing a rubric that has scores makes version 2 and old scores keep version 1",
    run: async ({ page, baseUrl }) => {
      // The demo program's scores were all given with the default rubric v1.
      await openRubrics(page, baseUrl);
      const card = page.locator(".rubric-card", { hasText: "default" });
      await card.getByRole("button", { name: "Edit" }).click();
      await page.locator('input[name="criterion-name"]').nth(1).fill("Acknowledges the customer's feelings");
      await page.getByRole("button", { name: "Save rubric" }).click();
      const notice = await page.locator(".notice--info").innerText();
      assert.match(notice, /as version 2\. The \d+ scores given with version 1 keep it\./);
      await page.locator(".rubric-card", { hasText: "(v2)" }).waitFor();

      // A demo call scored under v1 still shows its overall score.
      await page.goto(`${baseUrl}/#/calls/demo-call-0001`);
      await page.locator(".table--scores").waitFor();
      assert.match(await page.locator(".table--scores tbody tr").first().innerText(), /\d\.\d/);
      assert.match(await page.locator(".scoring__rubric").innerText(), /\(v2\)/);

      // The coaches still come out of the v1 scores: dimensions join across versions.
      await page.goto(`${baseUrl}/#/coaches`);
      const empathy = page.locator(".dimension-card", { hasText: "Empathy" });
      assert.equal(await empathy.locator(".coach").count(), 3);
    },
  },
];
