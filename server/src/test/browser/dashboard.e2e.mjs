// Uses the region dashboard as an analyst would, in real Chromium, and prints what a person would
// notice as one JSON line (DashboardBrowserTest asserts on it): the charts and their axes, band
// switching, the organisation table's month, the continuity monitor, a session that outlives its
// access token (the dev clock moves past it and the skew) and one that ends (back to the sign-in form), and the
// language switch. Screenshots go to <out>/dashboard-*.png.
// Usage: node dashboard.e2e.mjs http://127.0.0.1:<port> <out-dir> [--continuity-stub]
// (--continuity-stub answers the continuity operation in the browser with a report of the
// contract's shape, for a server that does not have the operation yet.)
import { chromium } from 'playwright-core';

const [base, out = 'target', stub] = process.argv.slice(2);
if (!base || !/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) {
  console.error('usage: node dashboard.e2e.mjs http://127.0.0.1:<port> [out-dir]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
});

// What the page has drawn, read from the Chart.js instances and the tables beside them.
function drawn() {
  const chartOf = (canvas) => Chart.getChart(canvas);
  const indicators = [...document.querySelectorAll('#charts canvas[data-indicator]')];
  const axes = (chart) => {
    const x = chart.scales.x;
    const y = chart.scales.y;
    const items = x.getLabelItems ? x.getLabelItems() : [];
    return {
      yTicks: y.ticks.map((tick) => tick.label),
      yMin: y.min,
      yMax: y.max,
      yTitle: y.options.title.text,
      xTitle: x.options.title.text,
      xLabels: chart.data.labels.length,
      xTicks: x.ticks.length,
      xTickLabels: x.ticks.map((tick) => tick.label),
      // every label's anchor inside the canvas and the scale itself within it: nothing cut off
      xInside: x.left >= 0 && x.right <= chart.width + 0.5 && x.bottom <= chart.height + 0.5
        && items.every((i) => i.options.translation[0] >= 0
          && i.options.translation[0] <= chart.width && i.options.translation[1] <= chart.height),
    };
  };
  const byId = Object.fromEntries(indicators.map((c) => [c.dataset.indicator, chartOf(c)]));
  const shareIds = [...document.querySelectorAll('#charts article')]
    .map((a) => a.dataset.indicator)
    .filter((id) => byId[id].options.scales.y.max === 100);
  const continuity = document.getElementById('continuity-chart');
  const cc = continuity && chartOf(continuity);
  return {
    lang: document.documentElement.lang,
    title: document.querySelector('h1').textContent,
    charts: indicators.length,
    band: document.getElementById('band').value,
    withData: indicators.filter((c) => chartOf(c).data.datasets[0].data
      .filter((v) => v !== null).length >= 2).length,
    pulsePoints: byId['pulse-score'].data.datasets[0].data.filter((v) => v !== null).length,
    suppressedMarks: indicators.map((c) => chartOf(c).data.datasets[2].data
      .filter((v) => v !== null).length).reduce((a, b) => a + b, 0),
    unpublishedMarks: indicators.map((c) => chartOf(c).data.datasets[3].data
      .filter((v) => v !== null).length).reduce((a, b) => a + b, 0),
    shares: shareIds,
    shareAxes: shareIds.map((id) => axes(byId[id])),
    responseRate: byId['response-rate'].data.datasets[0].data,
    organisationMonth: document.getElementById('org-month').value,
    organisationCaption: document.querySelector('table.organisations caption').textContent,
    organisationValues: [...document.querySelectorAll('table.organisations td:nth-child(2)')]
      .filter((td) => /n = \d+/.test(td.textContent)).length,
    organisationsSuppressed: document.querySelectorAll('table.organisations td.suppressed').length,
    synthetic: !document.getElementById('synthetic').hidden,
    unpublished: document.getElementById('unpublished').hidden
      ? '' : document.getElementById('unpublished').textContent,
    to: document.getElementById('to').value,
    continuity: cc ? {
      months: cc.data.labels.length,
      series: cc.data.datasets.map((d) => d.label),
      bars: cc.getDatasetMeta(0).data.length,
      yTitle: cc.scales.y.options.title.text,
      tableRows: document.querySelectorAll('table.continuity:not([data-organisation]) tbody tr').length,
      organisationTables: document.querySelectorAll('table.continuity[data-organisation]').length,
      suppressedCells: document.querySelectorAll('table.continuity td.suppressed').length,
    } : null,
    status: document.getElementById('status').textContent,
    dashboardShown: !document.getElementById('dashboard').hidden,
    signInShown: !document.getElementById('signin').hidden,
  };
}

async function advanceServerClock(by) {
  const res = await fetch(base + '/v1/dev/clock', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance: by }),
  });
  if (!res.ok) throw new Error('dev clock: ' + res.status);
}

// A report of the contract's ContinuityReport shape: six months, a suppressed cell or two.
function stubContinuity(route) {
  const cell = (n) => (n < 10 ? { suppressed: true, n: null } : { suppressed: false, n });
  const month = (m, k) => ({ month: m, turning18: cell(40 + k), noSteadyContact: cell(12 + k),
    noPlan: cell(k * 4), noExtendedCareDecision: cell(20 - k), noHandover: cell(30 - 2 * k) });
  const months = ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04'];
  return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({
    regionId: 'demo', asOf: '2026-11-23', suppressionThreshold: 10,
    months: months.map((m, k) => month(m, k)),
    organisations: [{ organisation: 'jeugdhulp-west', months: months.map((m, k) => month(m, k - 3)) }],
  }) });
}

try {
  const context = await browser.newContext({ locale: 'nl-NL', acceptDownloads: true,
    viewport: { width: 1280, height: 1800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let refreshes = 0;
  page.on('request', (r) => { if (r.url().endsWith('/v1/auth/refresh')) refreshes += 1; });
  const languages = new Set();
  page.on('request', (r) => {
    if (r.url().includes('/v1/regions/')) languages.add(r.headers()['accept-language']);
  });
  const result = { errors };
  if (stub === '--continuity-stub') await page.route('**/v1/regions/*/continuity', stubContinuity);

  await page.goto(base + '/region/');
  await page.click('#dev-signin');
  await page.waitForFunction(() => document.querySelectorAll('#charts canvas').length > 0
    && !document.getElementById('dashboard').hidden, null, { timeout: 15000 });
  result.first = await page.evaluate(drawn);
  await page.screenshot({ path: out + '/dashboard-nl.png', fullPage: true });

  await page.selectOption('#band', '16-17');
  result.band1617 = await page.evaluate(drawn);
  await page.screenshot({ path: out + '/dashboard-band-16-17.png', fullPage: true });
  await page.selectOption('#band', 'all');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
  result.csvFile = download.suggestedFilename();

  // The access token expires (the server's clock moves past its 10 minutes): the next call gets
  // 401, the page refreshes once and retries, and the analyst notices nothing.
  const before = await page.evaluate(() => state.session.accessToken);
  await advanceServerClock('PT15M'); // past the 10 minutes and the minute of skew
  result.oldTokenAfterExpiry = await page.evaluate(async (token) =>
    (await fetch('/v1/me', { headers: { Authorization: 'Bearer ' + token } })).status, before);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/indicators') && r.status() === 200),
    page.click('#reload'),
  ]);
  await page.waitForFunction(() => /^Periode/.test(document.getElementById('status').textContent));
  result.afterExpiry = await page.evaluate(drawn);
  result.refreshes = refreshes;
  result.tokenChanged = (await page.evaluate(() => state.session.accessToken)) !== before;

  // The session is ended elsewhere (logout with its refresh token): the refresh fails and the
  // sign-in form comes back, saying why; signing in again brings the dashboard back.
  const refreshToken = await page.evaluate(() => state.session.refreshToken);
  await fetch(base + '/v1/auth/logout', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
  await page.click('#reload');
  await page.waitForSelector('#signin:not([hidden])', { timeout: 10000 });
  result.ended = {
    signInShown: true,
    dashboardHidden: await page.$eval('#dashboard', (d) => d.hidden),
    reason: await page.$eval('#signin-reason', (p) => (p.hidden ? '' : p.textContent)),
  };
  await page.screenshot({ path: out + '/dashboard-session-ended.png', fullPage: true });
  await page.click('#dev-signin');
  await page.waitForSelector('#dashboard:not([hidden])', { timeout: 15000 });

  // The language switch: texts, axes and months in English, and the API's problems too.
  await page.selectOption('#lang', 'en');
  result.english = await page.evaluate(drawn);
  await page.fill('#from', '2026-11');
  await page.fill('#to', '2025-01');
  await page.click('#reload');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('400'));
  result.englishProblem = await page.$eval('#status', (p) => p.textContent);
  await page.fill('#from', '');
  await page.fill('#to', '');
  await page.click('#reload');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Period'));
  await page.screenshot({ path: out + '/dashboard-en.png', fullPage: true });
  result.acceptLanguages = [...languages];

  // A browser that prefers English opens the page in English.
  const english = await browser.newContext({ locale: 'en-US' });
  const second = await english.newPage();
  await second.goto(base + '/region/');
  result.defaultForEnglishBrowser = await second.evaluate(() => ({
    lang: document.documentElement.lang, signIn: document.querySelector('#signin h2').textContent,
  }));
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
