import { chromium } from 'playwright-core';

const base = 'http://127.0.0.1:8091';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const pages = process.argv.slice(2);
for (const width of [375]) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  for (const path of pages) {
    await page.goto(base + path);
    const m = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}:${Math.round(e.getBoundingClientRect().right)}`);
      return {
        sw: document.documentElement.scrollWidth,
        h: document.documentElement.scrollHeight,
        header: document.querySelector('header')?.getBoundingClientRect().height,
        nav: document.querySelector('nav.quai-nav')?.getBoundingClientRect().height,
        wide,
      };
    });
    console.log(width, path, JSON.stringify(m));
  }
  await context.close();
}
await browser.close();
