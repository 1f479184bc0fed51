import { chromium } from 'playwright-core';

const base = 'http://127.0.0.1:8091';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const [path, width, out, full] = process.argv.slice(2);
const context = await browser.newContext({ viewport: { width: Number(width), height: 900 } });
const page = await context.newPage();
await page.goto(base + path);
await page.screenshot({ path: out, fullPage: full === 'full' });
await browser.close();
