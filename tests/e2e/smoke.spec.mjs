// The app starts: the page loads under its CSP, the wasm boots, and the
// header names the product.

import assert from "node:assert/strict";
import { waitForApp } from "./lib.mjs";

export const tests = [
  {
    name: "the app loads and its heading says Peercoach",
    run: async ({ page, baseUrl, shot }) => {
      await page.goto(`${baseUrl}/`);
      await waitForApp(page);

      const heading = page.locator("h1, header").filter({ hasText: "Peercoach" }).first();
      await heading.waitFor({ state: "visible" });
      assert.match(await heading.innerText(), /Peercoach/);
      assert.equal(await page.title(), "Peercoach");

      await shot("smoke-home");
    },
  },
  {
    name: "an address that names no page says so instead of showing another page",
    run: async ({ page, baseUrl }) => {
      await page.goto(`${baseUrl}/#/nope`);
      await waitForApp(page);
      await page.locator("h2", { hasText: "No such page" }).waitFor();
      assert.match(await page.locator(".app-main").innerText(), /#\/nope/);
      await page.getByRole("link", { name: "Go to the overview" }).click();
      await page.locator("h2", { hasText: "Overview" }).waitFor();
    },
  },
];
