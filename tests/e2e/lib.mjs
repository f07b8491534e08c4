// What the end-to-end runner and the screenshot script share: where things
// are, a static file server for dist/, and a Chromium that reaches nothing
// but that server.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));

export const paths = {
  repo: resolve(here, "../.."),
  dist: resolve(here, "../../dist"),
  out: join(here, "out"),
  e2e: here,
  // The real call data sits beside the repository, in the shared folder.
  data: resolve(here, "../../../shared/data/ms-travel-calls"),
};

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

/// Serves `root` on 127.0.0.1 on a free port. A path without an extension
/// that names no file gets index.html, as a single-page app expects; a
/// missing asset is a 404, so that the page reports it.
export async function serveDir(root) {
  const index = join(root, "index.html");
  try {
    await stat(index);
  } catch {
    throw new Error(`${index} is missing: build the app first (make build)`);
  }

  const server = createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = resolve(root, "." + pathname);
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (info?.isDirectory()) file = join(file, "index.html");
      else if (!info) {
        if (extname(pathname) !== "") {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          return;
        }
        file = index;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": MIME[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
    }
  });

  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/// Headless Chromium from the system. The networking flags stop Chromium's
/// own background traffic (updates, sync, field trials), which this machine
/// could not reach anyway.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/// A fresh context (so IndexedDB starts empty) that records what a test must
/// not see: console errors, uncaught exceptions, Content-Security-Policy
/// violations, and requests to any host but 127.0.0.1, which are blocked.
export async function watchedContext(browser, options = {}) {
  const context = await browser.newContext(options);
  const problems = [];

  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    problems.push(`request to another host (blocked): ${url.href}`);
    return route.abort("blockedbyclient");
  });

  // Init scripts run outside the page's CSP, so this listener always lands.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });

  context.on("page", (page) => watchPage(page, problems));
  return { context, problems };
}

function watchPage(page, problems) {
  // The app asks before destructive steps; the tests say yes, as a person
  // who means it would.
  page.on("dialog", (dialog) => dialog.accept());
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("crash", () => problems.push("page crashed"));
}

/// Waits until the app has put something on the page besides its scripts
/// and the network has gone quiet.
export async function waitForApp(page) {
  await page.waitForFunction(
    () => [...document.body.children].some((el) => !["SCRIPT", "LINK"].includes(el.tagName)),
    null,
    { timeout: 20_000 },
  );
  await page.waitForLoadState("networkidle");
}
