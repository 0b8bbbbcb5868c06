// Signs in to the region dashboard as `analyst` (dev mode), and checks that charts rendered with
// data, that suppressed months are shown as such and that the open month is not published. Usage: node dashboard.e2e.mjs <base-url>
import { chromium } from 'playwright-core';

const base = process.argv[2];
if (!base || !/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) {
  console.error('usage: node dashboard.e2e.mjs http://127.0.0.1:<port>');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
});
try {
  const page = await browser.newPage({ acceptDownloads: true });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + '/region/');
  await page.click('#dev-signin');
  await page.waitForSelector('#dashboard:not([hidden]) svg[data-indicator] circle.point',
    { timeout: 15000 });
  const result = await page.evaluate(() => {
    const charts = [...document.querySelectorAll('svg[data-indicator]')];
    return {
      charts: charts.length,
      withData: charts.filter((c) => c.querySelectorAll('circle.point').length >= 2).length,
      pulsePoints: document.querySelectorAll('svg[data-indicator="pulse-score"] circle.point').length,
      pulseLine: document.querySelector('svg[data-indicator="pulse-score"] path.line.region')
        .getAttribute('d'),
      suppressedMarks: document.querySelectorAll('rect.suppressed-mark').length,
      organisationValues: [...document.querySelectorAll('table.organisations td:nth-child(2)')]
        .filter((td) => /n = \d+/.test(td.textContent)).length,
      organisationsSuppressed: document.querySelectorAll('table.organisations td.suppressed').length,
      synthetic: !document.getElementById('synthetic').hidden,
      unpublished: document.getElementById('unpublished').hidden
        ? '' : document.getElementById('unpublished').textContent,
      unpublishedMarks: document.querySelectorAll('rect.unpublished-mark').length,
      to: document.getElementById('to').value,
    };
  });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
  result.csvFile = download.suggestedFilename();
  result.errors = errors;
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
