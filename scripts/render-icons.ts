/**
 * Renders assets/icons/icon.svg to the PNG sizes electron-builder needs (it derives .icns/.ico from
 * the 1024 px PNG). Uses the system Chromium; run `npx tsx scripts/render-icons.ts` after editing the SVG.
 */
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const dir = resolve(import.meta.dirname, '../assets/icons');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const size of [1024, 512, 256, 128, 64, 32, 16]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`)}</body></html>`,
    );
    await page.screenshot({
      path: join(dir, size === 1024 ? 'icon.png' : `${size}x${size}.png`),
      omitBackground: true,
    });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons written to ${dir}`);
