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
];
