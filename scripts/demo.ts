/**
 * `npm start`: a real Chromium with the extension on the built-in demo page of every guarded
 * site (lib/sites/registry.ts; served on the sites' real origins; the accounts are fictional and on the bundled
 * demo list). With a display it opens a window for you to try; without one it runs
 * headless, walks through the demo (a like on a candidate's post, the warning, cancel,
 * proceed) and saves screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SITES, type SiteDefinition } from '../lib/sites/registry';
import { demoLog, launch, openDemo, openPopup, warning } from '../tests/support/browser';
import { ROOT } from '../tests/support/cli';

const OUT = join(ROOT, 'demo-screenshots');
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI && !process.argv.includes('--headless');


async function shot(page: Page, name: string): Promise<string> {
  const path = join(OUT, name);
  await page.screenshot({ path });
  return path;
}

async function walkThrough(def: SiteDefinition, page: Page, saved: string[]): Promise<void> {
  const site = def.id;
  saved.push(await shot(page, `${site}-1-feed.png`));
  const like = page.locator(def.demo.listedLike).first();
  const w = warning(page);
  await like.click();
  await w.dialog.waitFor({ state: 'visible', timeout: 10_000 });
  await page.waitForTimeout(400); // past the warning's short fade-in
  saved.push(await shot(page, `${site}-2-warning.png`));
  if (site === 'x') await otherViews(page, saved);
  await w.cancel.click();
  await w.host.waitFor({ state: 'detached' });
  console.log(`  ${site}: cancel → the site did: ${JSON.stringify(await demoLog(page))}`);
  saved.push(await shot(page, `${site}-3-cancelled.png`));
  await like.click();
  await w.proceed.click();
  await w.host.waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
  console.log(`  ${site}: proceed → the site did: ${JSON.stringify(await demoLog(page))}`);
  saved.push(await shot(page, `${site}-4-proceeded.png`));
}

/** The site's own signature gesture (a double tap on a photo, a repost, a subscribe), warned. */
async function feature(def: SiteDefinition, page: Page, saved: string[]): Promise<void> {
  const f = def.demo.feature;
  if (!f) return;
  for (const step of f.steps) {
    const target = page.locator(step.target).first();
    await target.scrollIntoViewIfNeeded();
    if (step.gesture === 'dblclick') await target.dblclick();
    else await target.click();
  }
  const w = warning(page);
  await w.dialog.waitFor({ state: 'visible', timeout: 10_000 });
  await page.waitForTimeout(400);
  saved.push(await shot(page, `${def.id}-5-${f.name}.png`));
  await w.cancel.click();
  await w.host.waitFor({ state: 'detached' });
  console.log(`  ${def.id}: ${f.name} warned, cancelled → the site did: ${JSON.stringify(await demoLog(page))}`);
}

/**
 * The open warning as others meet it: in English (the toggle), in a 360-px-wide window, and
 * at 200% zoom on a 1280×900 screen (the same CSS layout as a 640×450 viewport), with the
 * "Dasar hukum lengkap" section opened and scrolled to.
 */
async function otherViews(page: Page, saved: string[]): Promise<void> {
  const host = page.locator('jaga-netral-warning');
  const toggle = host.locator('[data-action="toggle-language"]');
  await toggle.click();
  saved.push(await shot(page, 'x-2-warning-en.png'));
  await toggle.click();
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 360, height: 740 });
  saved.push(await shot(page, 'x-2-warning-360px.png'));
  await page.setViewportSize({ width: 640, height: 450 });
  saved.push(await shot(page, 'x-2-warning-zoom200.png'));
  await page.setViewportSize(size);
  const full = host.locator('details[data-section="full-basis"] > summary');
  await full.click();
  await full.scrollIntoViewIfNeeded();
  saved.push(await shot(page, 'x-2-warning-full-basis.png'));
  await full.click();
  await host.locator('[data-action="cancel"]').focus();
}

async function main(): Promise<void> {
  const browser = await launch({ headless: !headed });
  try {
    if (headed) {
      for (const site of SITES) await openDemo(browser.context, site.id);
      await openPopup(browser.context);
      console.log('Jaga Netral demo is open. Try "Like" on a post by "Capres Contoh A (fiktif)". Close the browser to end.');
      await new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
      return;
    }
    mkdirSync(OUT, { recursive: true });
    const saved: string[] = [];
    console.log('No display: running the demo headless.');
    for (const site of SITES) {
      const page = await openDemo(browser.context, site.id);
      await page.waitForTimeout(500); // the tab loads its list
      await walkThrough(site, page, saved);
      await page.close();
      if (site.demo.feature) {
        const again = await openDemo(browser.context, site.id);
        await again.waitForTimeout(500);
        await feature(site, again, saved);
        await again.close();
      }
    }
    const popup = await openPopup(browser.context);
    await popup.setViewportSize({ width: 400, height: 640 });
    await popup.waitForTimeout(500);
    saved.push(await shot(popup, 'popup.png'));
    console.log('Screenshots:');
    for (const p of saved) console.log(`  ${p}`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
