import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_KEY, seedTenant } from './api-test-app';
import {
  REPO_ROOT,
  WEB_DIST,
  assertWebBuilt,
  chromiumArgs,
  chromiumPath,
  startWebServer,
  type WebServer,
} from '../support/web-server';

/**
 * The web page (apps/web) served by the real API, driven in Debian's chromium: sign in with
 * the demo key, ask, clarify, refine, edit, size, save, export, reload; a refusal, a server
 * that does not answer, a bad key, a rate limit; axe on every state; screenshots in
 * test-artifacts/web/. Needs `apps/web/dist` (vite build) and chromium (CHROMIUM_PATH,
 * default /usr/bin/chromium): without chromium the browser part is skipped, except in CI.
 */

jest.setTimeout(60_000);

// The browser globals the page.evaluate callbacks use (the root tsconfig has no DOM lib; these
// declarations are local to this module).
interface PageElement {
  id: string;
  value: string;
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}
declare const document: PageElement & {
  activeElement: PageElement | null;
  body: PageElement;
  documentElement: { scrollWidth: number };
};
declare const window: { innerWidth: number };
declare const performance: { now(): number };
declare const sessionStorage: { getItem(key: string): string | null };
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: object): void;
}

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'web');
const CHROMIUM = chromiumPath();
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const IN_CI = process.env['CI'] === 'true';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

if (!HAVE_CHROMIUM && !IN_CI)
  process.stdout.write(
    `\n[web e2e] SKIPPED the browser tests: no chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`,
  );

let server: WebServer;

beforeAll(async () => {
  assertWebBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await startWebServer();
  process.stdout.write(`\n[web e2e] API on ${server.url} with the ${server.data} demo warehouse\n`);
}, 120_000);

afterAll(async () => {
  await server?.close();
}, 120_000);

describe('the API serves the page', () => {
  const assetNames = () => fs.readdirSync(path.join(WEB_DIST, 'assets'));

  it('serves index.html at / with no-cache, a strict CSP and no inline script', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//); // nothing from another origin
    const etag = res.headers.get('etag')!;
    expect((await fetch(`${server.url}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('serves the hashed assets with their content type and a long cache', async () => {
    const js = assetNames().find((f) => f.endsWith('.js'))!;
    const css = assetNames().find((f) => f.endsWith('.css'))!;
    const r1 = await fetch(`${server.url}/assets/${js}`);
    expect([r1.status, r1.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(r1.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const r2 = await fetch(`${server.url}/assets/${css}`);
    expect([r2.status, r2.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('refuses traversal and unknown files, and keeps the API routes working', async () => {
    for (const url of [
      '/assets/..%2Findex.html',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/..%5C..%5Cpackage.json',
      '/assets/.hidden.js',
      '/assets/nope.js',
      '/assets/x.exe',
    ]) {
      const r = await server.t.app.inject({ method: 'GET', url });
      expect([url, r.statusCode]).toEqual([url, 404]);
      expect(r.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${server.url}/v1/me`)).status).toBe(401);
    expect((await fetch(`${server.url}/admin/tenants`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
  });

  it('offers the demo key only to a same-machine, same-origin caller, never cached', async () => {
    const ok = await fetch(`${server.url}/demo-key`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toEqual({ tenant_id: 'demo', key: server.demoKey });
    const inject = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
      server.t.app.inject({ method: 'GET', url: '/demo-key', headers, remoteAddress });
    expect((await inject({ host: 'evil.example:80' })).statusCode).toBe(404); // DNS rebinding
    expect((await inject({ host: '127.0.0.1' }, '10.1.2.3')).statusCode).toBe(404); // another machine
    expect((await inject({ host: '127.0.0.1', 'sec-fetch-site': 'cross-site' })).statusCode).toBe(404);
    expect((await inject({ host: 'localhost:3000', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
  });
});

// ---------------------------------------------------------------- the browser

interface Axe {
  run(
    context: unknown,
    options: object,
  ): Promise<{
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  }>;
}

/** Set while the test itself injects axe (its inline script is refused by the page's CSP, as it should be). */
let injecting = false;

/** axe-core in the page: no serious or critical violation. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!has) {
    injecting = true;
    try {
      await page.addScriptTag({ content: AXE_SOURCE }).catch(() => undefined);
      // The page's CSP forbids inline scripts: evaluate the source instead (DevTools evaluation is not subject to it).
      if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')))
        await page.evaluate(AXE_SOURCE);
    } finally {
      injecting = false;
    }
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: Axe }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ state, violations: bad }).toEqual({ state, violations: [] });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The audience size the page shows, as a number. */
async function shownSize(page: Page): Promise<number> {
  const text = (await page.locator('[data-testid=audience-size] .size-number').textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

async function conditionTexts(page: Page): Promise<string[]> {
  return page.locator('[data-testid=condition] .condition-text').allTextContents();
}

/** Types a request and presses Enter; resolves when the new turn has settled. */
async function ask(page: Page, text: string): Promise<void> {
  const turns = await page.locator('[data-testid=turn]').count();
  await page.locator('#request-text').fill(text);
  await page.locator('#request-text').press('Enter');
  await page.locator('[data-testid=turn]').nth(turns).waitFor();
  await page.waitForFunction((n) => {
    const t = document.querySelectorAll('[data-testid=turn]')[n];
    return !!t && !t.querySelector('.steps') && !document.querySelector('[data-testid=audience] [role=status]');
  }, turns);
}

async function apiJson<T>(method: string, url: string, key: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const browserDescribe = HAVE_CHROMIUM || IN_CI ? describe : describe.skip;

browserDescribe('the web page in chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspErrors: string[] = [];
  const pageErrors: string[] = [];
  const savedName = `Gold Californians (web e2e ${Date.now() % 100000})`;

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`CI=true but there is no chromium at ${CHROMIUM}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !injecting && /Content Security Policy|Refused to/i.test(m.text()))
        cspErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('signs in with the demo key filled in', async () => {
    await page.goto(`${server.url}/`);
    const input = page.getByLabel('API key');
    await page.waitForFunction(() => (document.querySelector('#api-key')?.value.length ?? 0) > 0);
    expect(await input.inputValue()).toBe(server.demoKey);
    await shot(page, '01-sign-in');
    await expectAccessible(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#request-text').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('smartseg.apiKey'))).toBe(server.demoKey);
    await expect(page.locator('[data-testid=saved]').textContent()).resolves.toContain('Saved audiences');
    await shot(page, '02-signed-in');
    await expectAccessible(page, 'signed in');
  });

  it('asks: the steps stream, then conditions linked to the words, the explanation and the size', async () => {
    // Record every progress step the page renders while the answer streams.
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { __steps: Set<string> }).__steps = seen;
      new MutationObserver(() => {
        for (const s of document.querySelectorAll('.steps .step')) seen.add(s.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const text = 'platinum members in Texas';
    await page.locator('#request-text').fill(text);
    // Time in the page: from the Enter keydown to the first render of the audience size.
    await page.evaluate(() => {
      const w = window as unknown as { __enterAt?: number; __answerAt?: number };
      const box = document.querySelector('#request-text') as unknown as {
        addEventListener(type: string, f: () => void, capture: boolean): void;
      };
      box.addEventListener('keydown', () => (w.__enterAt ??= performance.now()), true);
      new MutationObserver(() => {
        if (!w.__answerAt && document.querySelector('[data-testid=audience-size] .size-number'))
          w.__answerAt = performance.now();
      }).observe(document.body, { subtree: true, childList: true });
    });
    const started = Date.now();
    await page.locator('#request-text').press('Enter');
    await page.locator('[data-testid=audience-size] .size-number').waitFor();
    const wallMs = Date.now() - started;
    const inPageMs = await page.evaluate(() => {
      const w = window as unknown as { __enterAt: number; __answerAt: number };
      return Math.round(w.__answerAt - w.__enterAt);
    });
    process.stdout.write(
      `\n[web e2e] first answer on the demo tenant (${server.data} data): ${inPageMs} ms from Enter to the size on screen (${wallMs} ms as the test saw it)\n`,
    );
    await page.locator('[data-testid=conditions]').waitFor();

    const steps = await page.evaluate(() => [...(window as unknown as { __steps: Set<string> }).__steps]);
    expect(steps.join(' | ')).toContain('Understanding your request');

    const expected = await apiJson<{ count: number; explanation: string }>(
      'POST',
      '/v1/conversations',
      server.demoKey,
      {
        text,
      },
    );
    expect(await shownSize(page)).toBe(expected.count);
    await expect(page.locator('[data-testid=explanation]').textContent()).resolves.toBe(expected.explanation);
    const conds = await conditionTexts(page);
    expect(conds).toHaveLength(2);
    expect(conds.join(' | ')).toMatch(/platinum/);
    expect(conds.join(' | ')).toMatch(/Texas/);

    // Hover a condition: its words light up in the echoed request.
    const texas = page.locator('[data-testid=condition]', { hasText: 'Texas' });
    await texas.hover();
    await page.waitForFunction(() => {
      const marks = [...document.querySelectorAll('.echo mark')].map((m) => m.textContent ?? '').join(' ');
      return /Texas/.test(marks) && !/platinum/i.test(marks);
    });
    // Focus (keyboard) works the same.
    await page.mouse.move(0, 0);
    await page
      .locator('[data-testid=condition]', { hasText: 'platinum' })
      .getByRole('button', { name: /Remove/ })
      .focus();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.echo mark')].some((m) => /platinum/i.test(m.textContent ?? '')),
    );
    expect(await page.locator('.echo mark', { hasText: 'Texas' }).count()).toBe(0);
    await expect(page.locator('[data-testid=live-status]').textContent()).resolves.toMatch(/Found [\d,]+ customers?/);
    await shot(page, '03-answer');
    await expectAccessible(page, 'answer');
  });

  it('answers a clarification with a button showing each option’s size', async () => {
    await ask(page, 'only young ones');
    const clarify = page.locator('[data-testid=clarify]').last();
    await clarify.waitFor();
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('[data-testid=clarify] .option-size')].some(
          (e) => e.textContent === 'counting…',
        ),
    );
    const sizes = await clarify.locator('.option-size').allTextContents();
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    for (const s of sizes) expect(s).toMatch(/^[\d,]+ customers?$/);
    await shot(page, '04-clarify');
    await expectAccessible(page, 'clarify');
    const option = clarify.locator('.option').nth(1);
    const label = (await option.locator('.option-label').textContent()) ?? '';
    const optionSize = Number(((await option.locator('.option-size').textContent()) ?? '').replace(/[^\d]/g, ''));
    await option.click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=condition]').length === 3);
    expect(await shownSize(page)).toBe(optionSize);
    await expect(page.locator('[data-testid=changes]').textContent()).resolves.toContain(`Chose “${label}”`);
    expect(await option.getAttribute('aria-pressed')).toBe('true');
  });

  it('refines twice by typing follow-ups (keeping the chosen option)', async () => {
    await ask(page, 'only women');
    let conds = await conditionTexts(page);
    expect(conds).toHaveLength(4);
    expect(conds.join(' | ')).toMatch(/women/);
    expect(conds.join(' | ')).toMatch(/age|aged|under|younger|older/i);
    await expect(page.locator('[data-testid=turn]').last().textContent()).resolves.toContain(
      'with your own changes kept',
    );

    await ask(page, 'make it gold instead of platinum');
    conds = await conditionTexts(page);
    expect(conds).toHaveLength(4);
    expect(conds.join(' | ')).toMatch(/gold/);
    expect(conds.join(' | ')).not.toMatch(/platinum/);
    const answers = await page.locator('[data-testid=turn-answer]').count();
    expect(answers).toBe(3);
    await shot(page, '05-refined');
    await expectAccessible(page, 'refined');
  });

  it('edits a condition directly (a value from the catalog): recounted, the change shown', async () => {
    const before = await shownSize(page);
    const row = page.locator('[data-testid=condition]', { hasText: 'Texas' });
    await row.getByRole('button', { name: /Change/ }).click();
    await row.getByLabel(/State is/).selectOption('CA');
    await expect(row.locator('.preview').textContent()).resolves.toContain('California');
    await shot(page, '06-editing');
    await expectAccessible(page, 'editing');
    await row.getByRole('button', { name: 'Apply and recount' }).click();
    await page.locator('[data-testid=condition] .condition-text', { hasText: 'California' }).waitFor();
    const conds = await conditionTexts(page);
    expect(conds.join(' | ')).not.toMatch(/Texas/);
    const change = page.locator('[data-testid=changes] .change').first();
    await expect(change.textContent()).resolves.toMatch(/Changed “live in Texas”/);
    await expect(change.locator('del').textContent()).resolves.toBe('live in Texas');
    await expect(change.locator('ins').textContent()).resolves.toBe('live in California');
    const after = await shownSize(page);
    await expect(change.textContent()).resolves.toContain(`→ ${after.toLocaleString('en-US')}`);
    expect(typeof before).toBe('number');
    await shot(page, '07-edited');
    await expectAccessible(page, 'edited');
  });

  it('sizes it: the waterfall, four breakdowns and why-in/why-out', async () => {
    const sizing = page.locator('[data-testid=sizing]');
    await page.waitForFunction(
      () => !document.querySelector('[data-testid=sizing]')?.textContent?.includes('Loading…'),
    );
    const conds = (await conditionTexts(page)).length;
    await expect(sizing.locator('table.waterfall tbody tr').count()).resolves.toBe(conds + 1);
    for (const facet of ['state', 'age', 'loyalty_tier', 'signup_channel'])
      await expect(sizing.locator(`.breakdown[data-facet=${facet}] table`).count()).resolves.toBe(1);
    const total = await shownSize(page);
    const ages = await sizing.locator('.breakdown[data-facet=age] tbody td.num').allTextContents();
    expect(ages.reduce((s, x) => s + Number(x.replace(/[^\d]/g, '')), 0)).toBe(total);

    const why = page.locator('[data-testid=why]');
    await why.getByLabel('Customer id').fill('15');
    await why.getByRole('button', { name: 'Check' }).click();
    await expect(why.locator('[data-testid=why-verdict], p').first().textContent()).resolves.toMatch(
      /Customer 15 is (in|not in) the audience|There is no customer 15/,
    );
    await shot(page, '08-sizing');
    await expectAccessible(page, 'sizing');
  });

  it('saves with a name, exports the ids as CSV and shows the SQL for a chosen dialect', async () => {
    const panel = page.locator('[data-testid=save-panel]');
    await panel.getByLabel('Name').fill(savedName);
    await panel.getByRole('button', { name: 'Save as new' }).click();
    await expect(panel.locator('[data-testid=save-message]').textContent()).resolves.toContain(`Saved “${savedName}”`);
    await page.locator('[data-testid=saved-item]', { hasText: savedName }).waitFor();

    const size = await shownSize(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: /Download customer ids/ }).click(),
    ]);
    const file = path.join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    expect(lines[0]).toBe('customer_id');
    expect(lines.length - 1).toBe(size);
    expect(download.suggestedFilename()).toMatch(/^gold-californians-web-e2e-\d+\.csv$/);

    await panel.getByLabel('SQL for').selectOption('snowflake');
    await panel.getByRole('button', { name: 'Show SQL' }).click();
    await expect(panel.locator('[data-testid=sql]').textContent()).resolves.toMatch(/Snowflake[\s\S]*SELECT/);
    await shot(page, '09-saved-exported');
    await expectAccessible(page, 'saved and exported');
  });

  it('finds the saved audience again after a reload, with its versions', async () => {
    const conds = await conditionTexts(page);
    await page.reload();
    const item = page.locator('[data-testid=saved-item]', { hasText: savedName });
    await item.waitFor();
    await item.getByRole('button', { name: /^Open/ }).click();
    await page.locator('[data-testid=conditions]').waitFor();
    await expect(page.locator('#audience-title').textContent()).resolves.toContain(savedName);
    expect(await conditionTexts(page)).toEqual(conds);
    await item.getByRole('button', { name: /^Versions/ }).click();
    await item.locator('.versions li').first().waitFor();
    await expect(item.locator('.versions li').count()).resolves.toBe(1);
    await shot(page, '10-reopened');
    await expectAccessible(page, 'reopened');
  });

  it('edits a window and removes a condition, each recounted', async () => {
    await page.getByRole('button', { name: 'Start over' }).click();
    await ask(page, 'women who bought baby products in the last 90 days');
    expect(await conditionTexts(page)).toHaveLength(2);
    const row = page.locator('[data-testid=condition]', { hasText: '90 days' });
    await row.getByRole('button', { name: /Change/ }).click();
    await row.getByLabel('In the last').fill('30');
    await row.getByLabel('Unit').selectOption('day');
    await row.getByRole('button', { name: 'Apply and recount' }).click();
    await page.locator('[data-testid=condition] .condition-text', { hasText: '30 days' }).waitFor();
    expect((await conditionTexts(page)).join(' | ')).not.toContain('90 days');
    const windowChange = await page.locator('[data-testid=changes] .change').first().textContent();
    expect(windowChange).toMatch(/Changed “[^”]*90 days”/);
    const before = await shownSize(page);
    await page
      .locator('[data-testid=condition]', { hasText: 'women' })
      .getByRole('button', { name: /Remove/ })
      .click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=condition]').length === 1);
    const removal = await page.locator('[data-testid=changes] .change').first().textContent();
    expect(removal).toMatch(/Removed “are women”/);
    expect(await shownSize(page)).toBeGreaterThanOrEqual(before);
    // The last condition cannot be removed.
    expect(
      await page
        .locator('[data-testid=condition]')
        .getByRole('button', { name: /Remove/ })
        .isDisabled(),
    ).toBe(true);
    await shot(page, '11-window-edited');
    await expectAccessible(page, 'window edited');
  });

  it('says what the tenant lacks when it refuses, and offers what it has', async () => {
    await page.getByRole('button', { name: 'Start over' }).click();
    await ask(page, 'customers with a credit score above 700');
    const refusal = page.locator('[data-testid=refusal]');
    await expect(refusal.textContent()).resolves.toMatch(/can’t build that audience[\s\S]*credit score/);
    const offers = await refusal.locator('.chip').count();
    if (offers > 0) {
      await refusal.locator('.chip').first().click();
      expect((await page.locator('#request-text').inputValue()).length).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('request-text');
    } else await expect(refusal.textContent()).resolves.toContain('This tenant knows about');
    await shot(page, '12-refusal');
    await expectAccessible(page, 'refusal');
  });

  it('says the server is not answering when it is down', async () => {
    await page.route('**/v1/conversations**', (route) => route.abort('connectionrefused'));
    await page.locator('#request-text').fill('gold members in Ohio');
    await page.locator('#request-text').press('Enter');
    await expect(page.locator('[data-testid=turn-error]').last().textContent()).resolves.toContain(
      'The server is not answering',
    );
    expect(await page.locator('#request-text').inputValue()).toBe('gold members in Ohio');
    await page.unroute('**/v1/conversations**');
    await shot(page, '13-server-down');
    await expectAccessible(page, 'server down');
  });

  /** Signs out (back to the sign-in form, same tab) and signs in with `key`. */
  async function signInAs(key: string): Promise<void> {
    if (await page.getByRole('button', { name: 'Sign out' }).isVisible())
      await page.getByRole('button', { name: 'Sign out' }).click();
    const input = page.getByLabel('API key');
    await input.waitFor();
    await page.waitForFunction(() => (document.querySelector('#api-key')?.value.length ?? 0) > 0);
    await input.fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('says a bad key was not accepted', async () => {
    await signInAs('ssk_this_key_does_not_exist_0000000000');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('This key was not accepted');
    expect(await page.getByLabel('API key').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => sessionStorage.getItem('smartseg.apiKey'))).toBeNull();
    await shot(page, '14-bad-key');
    await expectAccessible(page, 'bad key');
  });

  it('says when there are too many requests, with the wait from Retry-After', async () => {
    const keys = await seedTenant(server.t, 'busy', 1, 200, { marketer: ['editor'] });
    const limit = await server.t.app.inject({
      method: 'PUT',
      url: '/admin/tenants/busy/rate-limits',
      headers: { 'x-api-key': ADMIN_KEY },
      payload: { perKey: 12 },
    });
    expect(limit.statusCode).toBe(200);
    await signInAs(keys['marketer']!);
    await page.locator('#request-text').waitFor();
    await page.locator('[data-testid=saved]').getByText('Nothing saved yet').waitFor();
    // Spend the rest of this key's window.
    let retryAfter: string | null = null;
    for (let i = 0; i < 20 && retryAfter === null; i++) {
      const r = await fetch(`${server.url}/v1/me`, { headers: { 'x-api-key': keys['marketer']! } });
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    expect(retryAfter).toMatch(/^\d+$/);
    await page.locator('#request-text').fill('platinum members in Texas');
    await page.locator('#request-text').press('Enter');
    const error = page.locator('[data-testid=turn-error]').last();
    await expect(error.textContent()).resolves.toMatch(/^Too many requests: try again in \d+ s\.$/);
    const shown = Number(/in (\d+) s/.exec((await error.textContent()) ?? '')?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(Number(retryAfter));
    await expect(page.locator('#request-text').inputValue()).resolves.toBe('platinum members in Texas');
    await shot(page, '15-rate-limited');
    await expectAccessible(page, 'rate limited');
  });

  it('works at phone width (390 px)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForFunction(() => (document.querySelector('#api-key')?.value.length ?? 0) > 0);
    expect(await page.getByLabel('API key').inputValue()).toBe(server.demoKey);
    await shot(page, '16-phone-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#request-text').waitFor();
    await ask(page, 'platinum members in Texas');
    await page.locator('[data-testid=sizing] .breakdown[data-facet=state] table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, '17-phone-answer');
    await expectAccessible(page, 'phone answer');
  });

  it('ran without page errors or CSP refusals', () => {
    expect(pageErrors).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
