// The import wizard in Chromium: upload a CSV with a couple of bad rows, read the report, accept, see the result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { makeUscc } from '../../geodata/generate/uscc.js';
import { closeNow } from '../helpers/serve.js';
import { openTestStore, type TestStore } from '../helpers/stores.js';
import { ARTIFACTS, HAS_CHROMIUM, launch, serveApp, signInAsAdmin, watchConsole } from '../helpers/browser.js';

describe.runIf(HAS_CHROMIUM)('import wizard in Chromium', () => {
  let t: TestStore;
  let server: ServerType;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestStore('pglite');
    ({ server, base } = await serveApp(t));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await closeNow(server);
    await t?.dispose();
  });

  it('checks a roster, shows the report per row and column, and imports the valid rows', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await signInAsAdmin(page, base);
    await page.waitForSelector('[data-nav=import]');
    await page.goto(`${base}/admin/import`);
    await page.waitForSelector('[data-step=kind]');
    const u = (n: number) => makeUscc('310106', 800_000 + n);
    const bad = u(3).slice(0, 17) + (u(3)[17] === '0' ? '1' : '0');
    const csv = `\uFEFF统一社会信用代码,企业名称,所在楼宇,从业人员数,党员数,行业,经济类型,成立日期\r\n` +
      `${u(1)},上海浏览器测试一号有限公司,恒隆广场,40,3,软件和信息服务,民营,2020-05-01\r\n` +
      `${u(2)},上海浏览器测试二号有限公司,张园,12,0,商务服务,外资,2021/3/9\r\n` +
      `${bad},校验位错误公司,恒隆广场,5,0,软件,民营,2020-01-01\r\n` +
      `${u(4)},人数写成文字公司,恒隆广场,约二十人,0,软件,民营,2020-01-01\r\n` +
      `${u(5)},楼宇不存在公司,不存在大厦,8,0,软件,民营,2020-01-01\r\n`;
    await page.setInputFiles('input[type=file]', { name: '企业名录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('[data-action=check]');
    await page.waitForSelector('[data-step=report]');
    expect(await page.textContent('[data-count=valid] b')).toBe('2');
    expect(await page.textContent('[data-count=invalid] b')).toBe('3');
    const issueRows = await page.$$eval('table.issues tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(issueRows.map((r) => [r[0], r[1]])).toEqual([['4', '统一社会信用代码'], ['5', '从业人员数'], ['6', '所在楼宇']]);
    expect(issueRows[1]?.[2]).toContain('不是数字');
    await page.screenshot({ path: `${ARTIFACTS}/import-report.png`, fullPage: true });
    await page.click('[data-action=accept]');
    await page.waitForSelector('[data-step=result]');
    expect(await page.textContent('[data-result=inserted] b')).toBe('2');
    expect(await page.textContent('[data-result=skipped] b')).toBe('3');
    await page.screenshot({ path: `${ARTIFACTS}/import-result.png`, fullPage: true });
    const [n] = await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM enterprises WHERE name LIKE '上海浏览器测试%'`));
    expect(n?.n).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
