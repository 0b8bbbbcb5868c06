// The region dashboard: signs in, keeps the session alive for a working day, asks the indicator
// and continuity operations and draws them with Chart.js, in Dutch or English. It shows only what
// the server publishes: aggregates, with suppressed cells (n < 10) marked as such and never as 0.
// Every chart has a table beside it with the same numbers, for keyboards and screen readers.
'use strict';

const TEXT = {
  nl: {
    title: 'Koers · regio-indicatoren',
    language: 'Taal',
    motto: 'Om te leren, niet om af te rekenen. Alleen totalen van afgesloten maanden; cellen met minder dan 10 worden niet getoond.',
    signIn: 'Inloggen',
    devSignIn: 'Inloggen als <code>analyst</code> (dev mode)',
    pasteToken: 'Of plak een Koers access token:',
    signInButton: 'Inloggen',
    region: 'Regio', from: 'Van', to: 'Tot', show: 'Toon', band: 'Leeftijd',
    bandAll: 'alle leeftijden', organisationMonth: 'Maand per organisatie',
    csv: 'Download CSV', signOut: 'Uitloggen',
    synthetic: 'Synthetische demodata — geen echte jongeren.',
    legendRegion: 'deze regio', legendAll: "alle regio's samen",
    legendSuppressed: 'onderdrukt (n < 10)', legendUnpublished: 'nog niet gepubliceerd',
    continuityTitle: 'Continuïteit rond 18 jaar',
    continuityIntro: 'Per maand, de komende zes maanden: wie 18 wordt, en van hen wie nog geen bevestigd vast contact, plan, besluit over verlengde zorg of warme overdracht heeft.',
    indicatorsTitle: 'Indicatoren',
    builtWith: 'Grafieken met Chart.js (MIT):', licence: 'licentie',
    loading: 'Laden…',
    notAnalyst: 'Dit account is geen analist of beheerder van een regio.',
    devOff: 'Dev mode staat uit op deze server.',
    sessionEnded: 'Je sessie is afgelopen. Log opnieuw in; daarna zie je weer dezelfde regio.',
    signedOut: 'Je bent uitgelogd.',
    period: (from, to, regions) => `Periode ${from} t/m ${to} · ${regions} regio's in de vergelijking`,
    waiting: (list, day) => `Nog niet gepubliceerd: ${list}. Een maand wordt gepubliceerd vanaf de ${day}e van de volgende maand, als hij is afgesloten, en verandert daarna niet meer.`,
    publishedFrom: (month, date) => `${month} (vanaf ${date})`,
    thisRegion: (band) => `deze regio (${band})`,
    allRegions: (band) => `alle regio's (${band})`,
    suppressed: 'onderdrukt', suppressedLong: 'onderdrukt (n < 10)',
    unpublishedShort: 'nog niet gepubliceerd', none: '—',
    hiddenMonths: (k) => k === 1 ? '1 maand onderdrukt (n < 10).' : `${k} maanden onderdrukt (n < 10).`,
    noneHidden: 'Geen cellen onderdrukt.',
    table: 'Cijfers als tabel', month: 'Maand', value: 'Waarde',
    perOrganisation: (month) => `Per organisatie, alle leeftijden, ${month}`,
    organisation: 'Organisatie',
    noOrganisations: 'Geen cijfers per organisatie voor deze maand.',
    axis: { SHARE: 'aandeel (%)', SCORES: 'gemiddelde score', MEAN: 'gemiddeld per jongere',
      MEDIAN_HOURS: 'mediaan (uren)', COUNT_AND_MEDIAN_HOURS: 'aantal' },
    monthAxis: 'maand', peopleAxis: 'aantal jongeren',
    measures: { turning18: 'wordt 18', noSteadyContact: 'geen vast contact',
      noPlan: 'geen toekomstplan', noExtendedCareDecision: 'geen besluit verlengde zorg',
      noHandover: 'geen warme overdracht' },
    continuityAsOf: (date, k) => `Stand ${date}; cellen onder ${k} onderdrukt.`,
    continuityMissing: 'De continuïteitsmonitor is voor deze regio niet beschikbaar.',
    continuityTable: 'Continuïteit per maand', continuityOrganisations: 'Per organisatie',
    measure: 'Wat',
    chartLabel: (title, summary) => `${title}. ${summary}`,
  },
  en: {
    title: 'Koers · region indicators',
    language: 'Language',
    motto: 'To learn, not to judge. Totals of closed months only; cells of fewer than 10 are not shown.',
    signIn: 'Sign in',
    devSignIn: 'Sign in as <code>analyst</code> (dev mode)',
    pasteToken: 'Or paste a Koers access token:',
    signInButton: 'Sign in',
    region: 'Region', from: 'From', to: 'To', show: 'Show', band: 'Age',
    bandAll: 'all ages', organisationMonth: 'Month per organisation',
    csv: 'Download CSV', signOut: 'Sign out',
    synthetic: 'Synthetic demo data — no real young people.',
    legendRegion: 'this region', legendAll: 'all regions together',
    legendSuppressed: 'suppressed (n < 10)', legendUnpublished: 'not published yet',
    continuityTitle: 'Continuity around 18',
    continuityIntro: 'Per month, for the next six months: who turns 18, and of them who has no confirmed steady contact, plan, extended-care decision or warm handover yet.',
    indicatorsTitle: 'Indicators',
    builtWith: 'Charts by Chart.js (MIT):', licence: 'licence',
    loading: 'Loading…',
    notAnalyst: 'This account is not an analyst or admin of a region.',
    devOff: 'Dev mode is off on this server.',
    sessionEnded: 'Your session has ended. Sign in again to see the same region.',
    signedOut: 'You are signed out.',
    period: (from, to, regions) => `Period ${from} to ${to} · ${regions} regions in the comparison`,
    waiting: (list, day) => `Not published yet: ${list}. A month is published from day ${day} of the next month, once it is closed, and never changes after that.`,
    publishedFrom: (month, date) => `${month} (from ${date})`,
    thisRegion: (band) => `this region (${band})`,
    allRegions: (band) => `all regions (${band})`,
    suppressed: 'suppressed', suppressedLong: 'suppressed (n < 10)',
    unpublishedShort: 'not published yet', none: '—',
    hiddenMonths: (k) => k === 1 ? '1 month suppressed (n < 10).' : `${k} months suppressed (n < 10).`,
    noneHidden: 'No cells suppressed.',
    table: 'Numbers as a table', month: 'Month', value: 'Value',
    perOrganisation: (month) => `Per organisation, all ages, ${month}`,
    organisation: 'Organisation',
    noOrganisations: 'No numbers per organisation for this month.',
    axis: { SHARE: 'share (%)', SCORES: 'mean score', MEAN: 'mean per young person',
      MEDIAN_HOURS: 'median (hours)', COUNT_AND_MEDIAN_HOURS: 'count' },
    monthAxis: 'month', peopleAxis: 'young people',
    measures: { turning18: 'turns 18', noSteadyContact: 'no steady contact',
      noPlan: 'no future plan', noExtendedCareDecision: 'no extended-care decision',
      noHandover: 'no warm handover' },
    continuityAsOf: (date, k) => `As of ${date}; cells under ${k} suppressed.`,
    continuityMissing: 'The continuity monitor is not available for this region.',
    continuityTable: 'Continuity per month', continuityOrganisations: 'Per organisation',
    measure: 'What',
    chartLabel: (title, summary) => `${title}. ${summary}`,
  },
};
const MEASURES = ['turning18', 'noSteadyContact', 'noPlan', 'noExtendedCareDecision', 'noHandover'];
const MEASURE_COLOURS = ['#1f5fbf', '#b3541e', '#2e7d4f', '#7a3e9d', '#a3262b'];
const REGION_COLOUR = '#1f5fbf';
const ALL_COLOUR = '#5f6b7a';
const SUPPRESSED_COLOUR = '#7d8794';

const state = {
  lang: 'nl', session: null, refreshing: null, refreshTimer: null,
  regions: [], report: null, continuity: null, charts: [],
};
const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key];

// --- Language -----------------------------------------------------------------------------

function browserLanguage() {
  const stored = localStorage.getItem('koers.dashboard.lang');
  if (stored === 'nl' || stored === 'en') return stored;
  const first = (navigator.languages || [navigator.language || 'nl'])
    .map((l) => l.slice(0, 2).toLowerCase()).find((l) => l === 'nl' || l === 'en');
  return first || 'nl';
}

function setLanguage(lang) {
  state.lang = lang;
  localStorage.setItem('koers.dashboard.lang', lang);
  document.documentElement.lang = lang;
  $('lang').value = lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((node) => {
    node.textContent = t(node.dataset.i18n);
  });
  document.querySelectorAll('[data-i18n-html]').forEach((node) => {
    node.innerHTML = t(node.dataset.i18nHtml); // our own constant texts only
  });
  if (state.report) draw();
}

// --- Session: sign-in, silent refresh, and back to the sign-in form when it ends ----------

class SessionEnded extends Error {}

function startSession(session) {
  state.session = {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken || null,
    expiresAt: session.expiresIn ? Date.now() + session.expiresIn * 1000 : null,
  };
  clearTimeout(state.refreshTimer);
  if (state.session.refreshToken && session.expiresIn) {
    // A minute before the access token ends (browsers may delay timers in background tabs:
    // a 401 then refreshes once and retries, see api()).
    const wait = Math.max(5, session.expiresIn - 60) * 1000;
    state.refreshTimer = setTimeout(() => refresh().catch(() => {}), wait);
  }
}

// One refresh at a time: a refresh token is single use, and spending it twice ends the session.
function refresh() {
  if (!state.refreshing) {
    state.refreshing = doRefresh().finally(() => { state.refreshing = null; });
  }
  return state.refreshing;
}

async function doRefresh() {
  const used = state.session && state.session.refreshToken;
  if (!used) throw sessionEnded();
  const res = await fetch('/v1/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': state.lang },
    body: JSON.stringify({ refreshToken: used }),
  });
  if (!res.ok) throw sessionEnded();
  startSession(await res.json());
}

function sessionEnded(reason) {
  clearTimeout(state.refreshTimer);
  state.session = null;
  $('signin-reason').textContent = reason || t('sessionEnded');
  $('signin-reason').hidden = false;
  $('dashboard').hidden = true;
  $('signin').hidden = false;
  $('dev-signin').focus();
  return new SessionEnded(reason || t('sessionEnded'));
}

async function api(path, accept, retried) {
  if (!state.session) throw sessionEnded();
  const res = await fetch(path, {
    headers: {
      Authorization: 'Bearer ' + state.session.accessToken,
      Accept: accept || 'application/json',
      'Accept-Language': state.lang,
    },
  });
  if (res.status === 401 && !retried) {
    await refresh();
    return api(path, accept, true);
  }
  if (res.status === 401) throw sessionEnded();
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = (await res.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(res.status + ': ' + detail);
  }
  return res;
}

async function signedIn(session) {
  const regionBefore = $('region').value;
  startSession(session);
  const me = await (await api('/v1/me')).json();
  state.regions = (me.regions || [])
    .filter((r) => r.role === 'REGION_ANALYST' || r.role === 'REGION_ADMIN')
    .map((r) => r.regionId);
  if (state.regions.length === 0) throw new Error(t('notAnalyst'));
  $('region').replaceChildren(...state.regions.map((r) => new Option(r, r)));
  if (state.regions.includes(regionBefore)) $('region').value = regionBefore;
  $('signin').hidden = true;
  $('signin-reason').hidden = true;
  $('signin-error').textContent = '';
  $('dashboard').hidden = false;
  await load();
}

async function signOut() {
  const session = state.session;
  if (session && session.refreshToken) {
    await fetch('/v1/auth/logout', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    }).catch(() => {});
  }
  sessionEnded(t('signedOut'));
}

// --- Loading ----------------------------------------------------------------------------

function query() {
  if (!$('from').value || !$('to').value) return '';
  return '?from=' + $('from').value + '&to=' + $('to').value;
}

async function load() {
  $('status').textContent = t('loading');
  const region = $('region').value;
  const [report, continuity] = await Promise.all([
    api('/v1/regions/' + region + '/indicators' + query()).then((r) => r.json()),
    loadContinuity(region),
  ]);
  state.report = report;
  state.continuity = continuity;
  $('from').value = report.from;
  $('to').value = report.to;
  draw();
}

async function loadContinuity(region) {
  try {
    return await (await api('/v1/regions/' + region + '/continuity')).json();
  } catch (e) {
    if (e instanceof SessionEnded) throw e;
    return null; // not offered for this region (or by this server): said so where it would be
  }
}

// The organisation table opens on the latest published month (a month still open has no cells).
function fillOrganisationMonths(report) {
  const published = report.months.filter((m) => m.published).map((m) => m.month);
  const before = $('org-month').value;
  $('org-month').replaceChildren(
    ...published.slice().reverse().map((m) => new Option(monthLabel(m), m)));
  $('org-month').value = published.includes(before) ? before : published[published.length - 1] || '';
}

// --- Drawing ----------------------------------------------------------------------------

function draw() {
  const report = state.report;
  state.charts.forEach((c) => c.destroy());
  state.charts = [];
  fillOrganisationMonths(report);
  $('synthetic').hidden = !report.synthetic;
  const waiting = report.months.filter((m) => !m.published);
  $('unpublished').hidden = waiting.length === 0;
  $('unpublished').textContent = waiting.length === 0 ? '' : t('waiting')(
    waiting.map((m) => t('publishedFrom')(m.month, day(m.publishedFrom))).join(', '),
    report.publicationDay);
  $('legend-region').textContent = t('thisRegion')(bandName($('band').value));
  $('continuity-body').replaceChildren(...continuityView(state.continuity));
  $('charts').replaceChildren(...report.indicators.map((indicator) => indicatorCard(indicator)));
  $('status').textContent = t('period')(report.from, report.to, report.comparison.regions);
}

function bandName(band) {
  return band === 'all' ? t('bandAll') : band.replace('-', '–');
}

function day(instant) {
  return new Date(instant).toLocaleDateString(state.lang === 'en' ? 'en-GB' : 'nl-NL',
    { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });
}

function monthLabel(month) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 15)).toLocaleDateString(
    state.lang === 'en' ? 'en-GB' : 'nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

// An indicator is about one audience: young people's own answers, else parents', else foster
// parents' (foster-parent support).
function audienceOf(cells, indicator) {
  return ['YOUTH', 'PARENT', 'FOSTER_PARENT']
    .find((a) => cells.some((c) => c.indicator === indicator && c.audience === a)) || 'YOUTH';
}

function series(cells, indicator, band) {
  const audience = audienceOf(cells, indicator.id);
  return state.report.months.map(({ month, published }) => {
    if (!published) return { month, kind: 'unpublished' };
    const cell = cells.find((c) => c.indicator === indicator.id && c.month === month
      && c.audience === audience && c.band === band);
    if (!cell) return { month, kind: 'none' };
    if (cell.suppressed || cell.value === null) return { month, kind: 'suppressed' };
    return { month, kind: 'value', value: cell.value, n: cell.n };
  });
}

// Shares are sent as 0..1 and drawn as 0–100 %.
function scaleOf(shape) {
  const scales = {
    SHARE: { factor: 100, min: 0, max: 100, step: 10, unit: ' %', digits: 1 },
    SCORES: { factor: 1, suggestedMin: 1, suggestedMax: 5, unit: '', digits: 2 },
    COUNT_AND_MEDIAN_HOURS: { factor: 1, min: 0, unit: '', digits: 0, integer: true },
    MEDIAN_HOURS: { factor: 1, min: 0, unit: ' h', digits: 1 },
  };
  return { shape, ...(scales[shape] || { factor: 1, min: 0, unit: '', digits: 2 }) };
}

function formatted(value, scale) {
  return (value * scale.factor).toLocaleString(state.lang === 'en' ? 'en-GB' : 'nl-NL',
    { maximumFractionDigits: scale.digits }) + scale.unit;
}

function cellText(point, scale) {
  if (point.kind === 'value') return formatted(point.value, scale) + ' (n = ' + point.n + ')';
  if (point.kind === 'suppressed') return t('suppressedLong');
  if (point.kind === 'unpublished') return t('unpublishedShort');
  return t('none');
}

function indicatorCard(indicator) {
  const band = $('band').value;
  const scale = scaleOf(indicator.shape);
  const own = series(state.report.cells, indicator, band);
  const all = series(state.report.comparison.cells, indicator, band);
  const title = indicator.title[state.lang] || indicator.title.nl;

  const card = document.createElement('article');
  card.className = 'chart';
  card.dataset.indicator = indicator.id;
  const heading = document.createElement('h3');
  heading.textContent = title;
  const box = document.createElement('div');
  box.className = 'canvas-box';
  const canvas = document.createElement('canvas');
  canvas.dataset.indicator = indicator.id;
  canvas.dataset.band = band;
  canvas.setAttribute('role', 'img');
  const hidden = own.filter((p) => p.kind === 'suppressed').length;
  const summary = hidden ? t('hiddenMonths')(hidden) : t('noneHidden');
  canvas.setAttribute('aria-label', t('chartLabel')(title, summary));
  box.append(canvas);
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = summary;
  card.append(heading, box, note, valueTable(own, all, scale, band));
  const organisations = organisationTable(indicator, scale);
  if (organisations) card.append(organisations);
  state.charts.push(indicatorChart(canvas, own, all, scale));
  return card;
}

function indicatorChart(canvas, own, all, scale) {
  const band = bandName($('band').value);
  const value = (p) => (p.kind === 'value' ? p.value * scale.factor : null);
  const base = scale.min !== undefined ? scale.min : scale.suggestedMin;
  const mark = (kind) => own.map((p) => (p.kind === kind ? base : null));
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: own.map((p) => monthLabel(p.month)),
      datasets: [
        { label: t('thisRegion')(band), data: own.map(value), borderColor: REGION_COLOUR,
          backgroundColor: REGION_COLOUR, borderWidth: 2, pointRadius: 3, spanGaps: false },
        { label: t('allRegions')(band), data: all.map(value), borderColor: ALL_COLOUR,
          backgroundColor: ALL_COLOUR, borderWidth: 1.5, borderDash: [5, 4], pointRadius: 0,
          spanGaps: false },
        { label: t('suppressedLong'), data: mark('suppressed'), showLine: false,
          pointStyle: 'rect', pointRadius: 5, backgroundColor: SUPPRESSED_COLOUR,
          borderColor: SUPPRESSED_COLOUR },
        { label: t('unpublishedShort'), data: mark('unpublished'), showLine: false,
          pointStyle: 'rect', pointRadius: 5, backgroundColor: 'rgba(0,0,0,0)',
          borderColor: ALL_COLOUR, borderDash: [2, 2] },
      ],
    },
    options: {
      locale: state.lang === 'en' ? 'en-GB' : 'nl-NL',
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { right: 8 } },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx) => ctx.dataset.label + ': '
              + (ctx.datasetIndex === 0 ? cellText(own[ctx.dataIndex], scale)
                : ctx.datasetIndex === 1 ? cellText(all[ctx.dataIndex], scale) : ''),
          },
        },
      },
      scales: {
        x: {
          title: { display: true, text: t('monthAxis') },
          ticks: { autoSkip: false, maxRotation: 60, minRotation: 0 },
        },
        y: {
          min: scale.min, max: scale.max,
          suggestedMin: scale.suggestedMin, suggestedMax: scale.suggestedMax,
          title: { display: true, text: t('axis')[scale.shape] || '' },
          ticks: {
            stepSize: scale.step, precision: scale.integer ? 0 : undefined, autoSkip: false,
            callback: (v) => Number(v).toLocaleString(state.lang === 'en' ? 'en-GB' : 'nl-NL',
              { maximumFractionDigits: 2 }) + scale.unit,
          },
        },
      },
    },
  });
}

function valueTable(own, all, scale, band) {
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = t('table');
  const table = document.createElement('table');
  table.className = 'values';
  const head = table.createTHead().insertRow();
  [t('month'), t('thisRegion')(bandName(band)), t('allRegions')(bandName(band))].forEach((h) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  });
  const body = table.createTBody();
  own.forEach((p, i) => {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = monthLabel(p.month);
    row.append(th);
    [p, all[i]].forEach((q) => {
      const td = row.insertCell();
      td.textContent = cellText(q, scale);
      if (q.kind === 'suppressed') td.className = 'suppressed';
    });
  });
  details.append(summary, table);
  return details;
}

// Per organisation, all ages, for the chosen month: never per professional, and hidden where
// fewer than minProfessionals contributed or the numbers would tell.
function organisationTable(indicator, scale) {
  const all = (state.report.organisations ? state.report.organisations.cells : [])
    .filter((c) => c.indicator === indicator.id);
  if (all.length === 0) return null;
  const month = $('org-month').value;
  const audience = audienceOf(all, indicator.id);
  const cells = all.filter((c) => c.audience === audience && c.month === month);
  const table = document.createElement('table');
  table.className = 'organisations';
  const caption = document.createElement('caption');
  caption.textContent = t('perOrganisation')(month ? monthLabel(month) : t('none'));
  table.append(caption);
  const head = table.createTHead().insertRow();
  [t('organisation'), t('value')].forEach((h) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  });
  const body = table.createTBody();
  if (cells.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = 2;
    td.textContent = t('noOrganisations');
  }
  cells.forEach((c) => {
    const row = body.insertRow();
    row.insertCell().textContent = c.organisation;
    const value = row.insertCell();
    if (c.suppressed || c.value === null) {
      value.textContent = t('suppressed');
      value.title = t('suppressedLong');
      value.className = 'suppressed';
    } else {
      value.textContent = formatted(c.value, scale) + ' (n = ' + c.n + ')';
    }
  });
  return table;
}

// --- The continuity monitor ----------------------------------------------------------------

function continuityView(report) {
  if (!report) {
    const p = document.createElement('p');
    p.className = 'note';
    p.textContent = t('continuityMissing');
    return [p];
  }
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = t('continuityAsOf')(day(report.asOf + 'T12:00:00Z'), report.suppressionThreshold);
  const box = document.createElement('div');
  box.className = 'canvas-box wide';
  const canvas = document.createElement('canvas');
  canvas.id = 'continuity-chart';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', t('continuityTitle') + '. ' + t('continuityIntro'));
  box.append(canvas);
  state.charts.push(continuityChart(canvas, report));
  return [note, box, continuityTable(report), continuityOrganisations(report)];
}

function continuityChart(canvas, report) {
  const suppressedAt = (key) => report.months.map((m) => (m[key].suppressed ? 0 : null));
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: report.months.map((m) => monthLabel(m.month)),
      datasets: MEASURES.map((key, i) => ({
        label: t('measures')[key],
        data: report.months.map((m) => (m[key].suppressed ? null : m[key].n)),
        backgroundColor: MEASURE_COLOURS[i],
        suppressed: suppressedAt(key),
      })),
    },
    options: {
      locale: state.lang === 'en' ? 'en-GB' : 'nl-NL',
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (ctx) => ctx.dataset.label + ': '
              + continuityCell(report.months[ctx.dataIndex][MEASURES[ctx.datasetIndex]]),
          },
        },
      },
      scales: {
        x: { title: { display: true, text: t('monthAxis') }, ticks: { autoSkip: false } },
        y: { beginAtZero: true, title: { display: true, text: t('peopleAxis') },
          ticks: { precision: 0 } },
      },
    },
    plugins: [suppressedBars],
  });
}

// Draws "n < 10" where a bar is suppressed, so a hidden cell never looks like a zero.
const suppressedBars = {
  id: 'suppressedBars',
  afterDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    ctx.save();
    ctx.fillStyle = SUPPRESSED_COLOUR;
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden) return;
      dataset.suppressed.forEach((s, j) => {
        if (s === null || !meta.data[j]) return;
        const x = meta.data[j].x;
        const y = scales.y.getPixelForValue(0);
        ctx.fillRect(x - meta.data[j].width / 2, y - 3, meta.data[j].width, 3);
        ctx.save();
        ctx.translate(x, y - 6);
        ctx.rotate(-Math.PI / 2);
        ctx.textAlign = 'left';
        ctx.fillText('n < 10', 0, 3);
        ctx.restore();
      });
    });
    ctx.restore();
  },
};

function continuityCell(cell) {
  return cell.suppressed ? t('suppressedLong') : String(cell.n);
}

function continuityTable(report) {
  return measureTable(t('continuityTable'), report.months, null);
}

function continuityOrganisations(report) {
  const wrap = document.createElement('div');
  (report.organisations || []).forEach((o) => {
    wrap.append(measureTable(t('continuityOrganisations') + ': ' + o.organisation, o.months, o.organisation));
  });
  return wrap;
}

function measureTable(captionText, months, organisation) {
  const table = document.createElement('table');
  table.className = 'continuity';
  if (organisation) table.dataset.organisation = organisation;
  const caption = document.createElement('caption');
  caption.textContent = captionText;
  table.append(caption);
  const head = table.createTHead().insertRow();
  [t('measure'), ...months.map((m) => monthLabel(m.month))].forEach((h) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  });
  const body = table.createTBody();
  MEASURES.forEach((key) => {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = t('measures')[key];
    row.append(th);
    months.forEach((m) => {
      const td = row.insertCell();
      td.textContent = m[key].suppressed ? t('suppressed') : String(m[key].n);
      if (m[key].suppressed) {
        td.className = 'suppressed';
        td.title = t('suppressedLong');
      }
    });
  });
  return table;
}

// --- The CSV and the controls ----------------------------------------------------------------

async function downloadCsv() {
  const region = $('region').value;
  const blob = await (await api('/v1/regions/' + region + '/indicators.csv' + query(), 'text/csv')).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'koers-' + region + '-indicators.csv';
  document.body.append(link);
  link.click();
  link.remove();
}

function showing(work) {
  return () => work().catch((e) => {
    if (e instanceof SessionEnded) return; // the sign-in form says so already
    $('signin-error').textContent = e.message;
    $('status').textContent = e.message;
  });
}

Chart.defaults.color = '#3d4754';
Chart.defaults.font.family = 'system-ui, sans-serif';
setLanguage(browserLanguage());

$('lang').addEventListener('change', () => setLanguage($('lang').value));
$('dev-signin').addEventListener('click', showing(async () => {
  const res = await fetch('/v1/dev/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': state.lang },
    body: JSON.stringify({ person: 'analyst' }),
  });
  if (!res.ok) throw new Error(t('devOff'));
  await signedIn(await res.json());
}));
$('token-signin').addEventListener('submit', (e) => {
  e.preventDefault();
  showing(() => signedIn({ accessToken: $('token').value.trim() }))();
});
$('reload').addEventListener('click', showing(load));
$('region').addEventListener('change', showing(load));
$('band').addEventListener('change', () => state.report && draw());
$('org-month').addEventListener('change', () => state.report && draw());
$('csv').addEventListener('click', showing(downloadCsv));
$('signout').addEventListener('click', showing(signOut));
document.addEventListener('visibilitychange', () => {
  // A tab that slept past the refresh time refreshes as soon as it is looked at again.
  if (document.visibilityState === 'visible' && state.session && state.session.refreshToken
    && state.session.expiresAt && Date.now() > state.session.expiresAt - 60000) {
    refresh().catch(() => {});
  }
});
