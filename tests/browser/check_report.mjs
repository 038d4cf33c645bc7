// Opens report.html in headless Chromium with the network off and fails if the page
// attempts any request, logs any error or warning (a Content-Security-Policy violation is
// one), or throws. Saves a full-page screenshot, one of the map, the printed PDF and the
// page's text.
//
//   node check_report.mjs REPORT.html SCREENSHOT.png TEXT.txt
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [report, shot, textOut] = process.argv.slice(2);
if (!report || !shot || !textOut) {
  console.error('usage: node check_report.mjs REPORT.html SCREENSHOT.png TEXT.txt');
  process.exit(2);
}
const url = pathToFileURL(resolve(report)).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // Nothing resolves: a request that slipped past the page's policy still goes nowhere.
    '--host-resolver-rules=MAP * ~NOTFOUND',
  ],
});
const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
const page = await context.newPage();
const requests = [];
const problems = [];
page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`page error: ${e}`));
await page.goto(url, { waitUntil: 'load' });
await page.waitForTimeout(300);
const csp = await page.evaluate(() =>
  document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
if (!csp.includes("default-src 'none'")) problems.push(`no restrictive Content-Security-Policy: "${csp}"`);
// Every link within the page leads somewhere, and every table column has a heading.
const broken = await page.evaluate(() =>
  [...document.querySelectorAll('a[href^="#"]')]
    .map((a) => a.getAttribute('href').slice(1))
    .filter((id) => !document.getElementById(id)));
for (const id of new Set(broken)) problems.push(`link to #${id}, which does not exist`);
const unlabelled = await page.evaluate(() =>
  [...document.querySelectorAll('th')].filter((th) => th.textContent.trim() === '').length);
if (unlabelled) problems.push(`${unlabelled} table column(s) without a heading`);
const scripts = await page.evaluate(() => document.scripts.length);
if (scripts > 0) problems.push(`${scripts} script element(s) in the page`);
await page.screenshot({ path: shot, fullPage: true });
// The map alone, and the report as printed (A4 landscape from its own @page rule): the
// CI keeps both beside the full-page screenshot.
await page.locator('#map svg').screenshot({ path: shot.replace(/\.png$/, '-map.png') });
await page.emulateMedia({ media: 'print' });
const pdf = await page.pdf({ path: shot.replace(/\.png$/, '.pdf'), preferCSSPageSize: true, printBackground: true });
const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
if (pages < 2) problems.push(`the printed report has ${pages} page(s)`);
await page.emulateMedia({ media: 'screen' });
const text = await page.evaluate(() => document.body.innerText);
writeFileSync(textOut, text.endsWith('\n') ? text : text + '\n');
await browser.close();
for (const r of requests) console.error(`request attempted: ${r}`);
for (const p of problems) console.error(p);
if (requests.length || problems.length) process.exit(1);
console.log(`ok: no requests, no errors; ${text.length} characters of text; screenshot ${shot}; printed ${pages} pages`);
