// The end-to-end runner. Serves dist/ on 127.0.0.1, then runs every test of
// every tests/e2e/*.spec.mjs file in a fresh browser context. A spec file
// exports
//
//   export const tests = [{ name, run: async ({ page, context, baseUrl, dataDir, shot }) => {} }];
//
// A test fails when `run` throws, or when the page logs a console error,
// throws, breaks the Content-Security-Policy or asks for any host but
// 127.0.0.1 (set `allowConsoleErrors: [/pattern/]` on a test that provokes
// an error on purpose). Arguments filter the tests by name or file name.
// The last line is `N passed, M failed`; the exit code is 1 unless every
// selected test passed and at least one ran.

import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchBrowser, paths, serveDir, watchedContext } from "./lib.mjs";

/// What the page did wrong while the test itself passed.
class PageProblems extends Error {
  constructor(problems) {
    super(problems.join("\n"));
  }
}

const TEST_TIMEOUT_MS = 90_000;
const filters = process.argv.slice(2);

const specFiles = (await readdir(paths.e2e)).filter((f) => f.endsWith(".spec.mjs")).sort();
const selected = [];
for (const file of specFiles) {
  const { tests } = await import(pathToFileURL(join(paths.e2e, file)).href);
  if (!Array.isArray(tests)) throw new Error(`${file} exports no \`tests\` array`);
  for (const test of tests) {
    const label = `${file.replace(/\.spec\.mjs$/, "")}: ${test.name}`;
    if (filters.length === 0 || filters.some((f) => label.includes(f))) {
      selected.push({ ...test, label });
    }
  }
}

await mkdir(paths.out, { recursive: true });
const server = await serveDir(paths.dist);
const browser = await launchBrowser();
let passed = 0;
let failed = 0;

try {
  for (const test of selected) {
    const started = Date.now();
    const { context, problems } = await watchedContext(browser);
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const shot = (name) => page.screenshot({ path: join(paths.out, `${name}.png`), fullPage: true });
      await withTimeout(
        test.run({ page, context, baseUrl: server.baseUrl, dataDir: paths.data, shot }),
        TEST_TIMEOUT_MS,
      );
      const allowed = test.allowConsoleErrors ?? [];
      const unexpected = problems.filter((p) => !allowed.some((re) => re.test(p)));
      if (unexpected.length > 0) throw new PageProblems(unexpected);
      passed += 1;
      console.log(`✓ ${test.label} (${Date.now() - started} ms)`);
    } catch (err) {
      failed += 1;
      console.log(`✗ ${test.label}`);
      console.log(indent(err instanceof PageProblems ? err.message : (err?.stack ?? String(err))));
      if (problems.length > 0 && !String(err?.message).includes(problems[0])) {
        console.log(indent(`also seen on the page:\n${problems.join("\n")}`));
      }
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

if (selected.length === 0) console.log(`no end-to-end test matched ${filters.join(" ") || "(none found)"}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`test timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function indent(text) {
  return text.replace(/^/gm, "    ");
}
