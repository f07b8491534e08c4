// Screenshots of every page, for looking at the UI and for the README:
// serves dist/, opens each hash route at 1280x900 in one browser context
// (so the demo programme loaded on the first visit is there for the rest)
// and writes tests/e2e/out/<page>.png. Exits 1 if a page logged an error.

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { launchBrowser, paths, serveDir, waitForApp, watchedContext } from "./lib.mjs";

const ROUTES = [
  ["overview", "#/"],
  ["calls", "#/calls"],
  ["coaches", "#/coaches"],
  ["sessions", "#/sessions"],
  ["rubric", "#/rubric"],
  ["data", "#/data"],
  ["call", "#/calls/demo-call-0001"],
  ["new-session", "#/sessions/new"],
];

await mkdir(paths.out, { recursive: true });
const server = await serveDir(paths.dist);
const browser = await launchBrowser();
let problemsSeen = 0;

try {
  const { context, problems } = await watchedContext(browser, {
    viewport: { width: 1280, height: 900 },
  });
  for (const [name, hash] of ROUTES) {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/${hash}`);
    await waitForApp(page);
    await page.waitForTimeout(300);
    const file = join(paths.out, `page-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${hash.padEnd(12)} -> ${file}`);
    await page.close();
    for (const p of problems.splice(0)) {
      problemsSeen += 1;
      console.log(`  ${hash}: ${p}`);
    }
  }
  await context.close();
} finally {
  await browser.close();
  server.close();
}

process.exit(problemsSeen === 0 ? 0 : 1);
