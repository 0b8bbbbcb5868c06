// The region dashboard: signs in, asks the indicator operations and draws one chart per
// indicator (all ages, young people's own answers; parents' answers where only they exist).
// Suppressed months are drawn as gaps with a grey mark: their values are never sent. Only closed
// months are published (from the 3rd of the next month): later months are drawn as an outlined
// mark and listed as not published yet.
'use strict';

const state = { token: null, regions: [], unpublished: new Set() };
const $ = (id) => document.getElementById(id);

async function api(path, accept) {
  const res = await fetch(path, {
    headers: { Authorization: 'Bearer ' + state.token, Accept: accept || 'application/json' },
  });
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = (await res.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(res.status + ': ' + detail);
  }
  return res;
}

async function signedIn(token) {
  state.token = token;
  const me = await (await api('/v1/me')).json();
  state.regions = (me.regions || [])
    .filter((r) => r.role === 'REGION_ANALYST' || r.role === 'REGION_ADMIN')
    .map((r) => r.regionId);
  if (state.regions.length === 0) {
    throw new Error('Dit account is geen analist of beheerder van een regio.');
  }
  $('region').replaceChildren(...state.regions.map((r) => new Option(r, r)));
  $('signin').hidden = true;
  $('dashboard').hidden = false;
  // The server's default period (the twelve months up to this one, by the server's clock).
  await load();
}

function query() {
  if (!$('from').value || !$('to').value) return '';
  return '?from=' + $('from').value + '&to=' + $('to').value;
}

async function load() {
  $('status').textContent = 'Laden…';
  const region = $('region').value;
  const report = await (await api('/v1/regions/' + region + '/indicators' + query())).json();
  $('from').value = report.from;
  $('to').value = report.to;
  $('synthetic').hidden = !report.synthetic;
  const months = report.months.map((m) => m.month);
  state.unpublished = new Set(report.months.filter((m) => !m.published).map((m) => m.month));
  const waiting = report.months.filter((m) => !m.published);
  $('unpublished').hidden = waiting.length === 0;
  $('unpublished').textContent = waiting.length === 0 ? '' : 'Nog niet gepubliceerd: '
    + waiting.map((m) => m.month + ' (vanaf ' + day(m.publishedFrom) + ')').join(', ')
    + '. Een maand wordt gepubliceerd vanaf de ' + report.publicationDay
    + 'e van de volgende maand, als hij is afgesloten, en verandert daarna niet meer.';
  $('charts').replaceChildren(
    ...report.indicators.map((indicator) => chart(indicator, months, report)));
  $('status').textContent = 'Periode ' + report.from + ' t/m ' + report.to + ' · '
    + report.comparison.regions + " regio's in de vergelijking";
}

function day(instant) {
  return new Date(instant).toLocaleDateString('nl-NL',
    { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });
}

function series(cells, indicator, months) {
  // An indicator is about one audience: young people's own answers, else parents', else foster
  // parents' (foster-parent support).
  const audience = ['YOUTH', 'PARENT', 'FOSTER_PARENT']
    .find((a) => cells.some((c) => c.indicator === indicator && c.audience === a)) || 'YOUTH';
  return months.map((month) => {
    if (state.unpublished.has(month)) return { month, kind: 'unpublished' };
    const cell = cells.find((c) => c.indicator === indicator && c.month === month
      && c.audience === audience && c.band === 'all');
    if (!cell) return { month, kind: 'none' };
    if (cell.suppressed || cell.value === null) return { month, kind: 'suppressed' };
    return { month, kind: 'value', value: cell.value, n: cell.n };
  });
}

const SVG = 'http://www.w3.org/2000/svg';
function el(name, attrs) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}

function chart(indicator, months, report) {
  const own = series(report.cells, indicator.id, months);
  const all = series(report.comparison.cells, indicator.id, months);
  const values = own.concat(all).filter((p) => p.kind === 'value').map((p) => p.value);
  const max = Math.max(1, ...values) * 1.1;
  const W = 320, H = 160, L = 34, B = 22;
  const x = (i) => L + (months.length === 1 ? 0 : i * (W - L - 8) / (months.length - 1));
  const y = (v) => H - B - v / max * (H - B - 8);

  const card = document.createElement('article');
  card.className = 'chart';
  const title = document.createElement('h3');
  title.textContent = indicator.title.nl;
  card.append(title);
  const svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, 'data-indicator': indicator.id,
    role: 'img', 'aria-label': indicator.title.nl });
  svg.append(el('line', { class: 'axis', x1: L, y1: H - B, x2: W, y2: H - B }));
  svg.append(el('line', { class: 'axis', x1: L, y1: 4, x2: L, y2: H - B }));
  const top = el('text', { class: 'label', x: 2, y: 12 });
  top.textContent = round(max);
  svg.append(top);
  [0, months.length - 1].forEach((i) => {
    const t = el('text', { class: 'label', x: x(i) - 14, y: H - 6 });
    t.textContent = months[i];
    svg.append(t);
  });
  svg.append(path(all, x, y, 'line all'));
  svg.append(path(own, x, y, 'line region'));
  own.forEach((p, i) => {
    if (p.kind === 'value') {
      const dot = el('circle', { class: 'point', cx: x(i), cy: y(p.value), r: 3 });
      const tip = el('title');
      tip.textContent = p.month + ': ' + round(p.value) + ' (n = ' + p.n + ')';
      dot.append(tip);
      svg.append(dot);
    } else if (p.kind === 'suppressed') {
      const mark = el('rect', { class: 'suppressed-mark', x: x(i) - 3, y: H - B - 10,
        width: 6, height: 10 });
      const tip = el('title');
      tip.textContent = p.month + ': onderdrukt (n < 10)';
      mark.append(tip);
      svg.append(mark);
    } else if (p.kind === 'unpublished') {
      const mark = el('rect', { class: 'unpublished-mark', x: x(i) - 3, y: H - B - 10,
        width: 6, height: 10 });
      const tip = el('title');
      tip.textContent = p.month + ': nog niet gepubliceerd';
      mark.append(tip);
      svg.append(mark);
    }
  });
  card.append(svg);
  const hidden = own.filter((p) => p.kind === 'suppressed').length;
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = hidden ? hidden + ' maand(en) onderdrukt (n < 10).' : 'Geen cellen onderdrukt.';
  card.append(note);
  const organisations = organisationTable(indicator, report);
  if (organisations) card.append(organisations);
  return card;
}

// Per organisation, for the latest month that has organisation cells: never per professional,
// and hidden where fewer than minProfessionals contributed or the numbers would tell.
function organisationTable(indicator, report) {
  const cells = (report.organisations ? report.organisations.cells : [])
    .filter((c) => c.indicator === indicator.id);
  if (cells.length === 0) return null;
  const audience = cells.some((c) => c.audience === 'YOUTH') ? 'YOUTH' : 'PARENT';
  const latest = cells.filter((c) => c.audience === audience)
    .map((c) => c.month).sort().pop();
  const table = document.createElement('table');
  table.className = 'organisations';
  const caption = document.createElement('caption');
  caption.textContent = 'Per organisatie, ' + latest;
  table.append(caption);
  cells.filter((c) => c.audience === audience && c.month === latest).forEach((c) => {
    const row = table.insertRow();
    row.insertCell().textContent = c.organisation;
    const value = row.insertCell();
    if (c.suppressed || c.value === null) {
      value.textContent = 'onderdrukt';
      value.className = 'suppressed';
    } else {
      value.textContent = round(c.value) + ' (n = ' + c.n + ')';
    }
  });
  return table;
}

function path(points, x, y, cls) {
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.kind !== 'value') { pen = false; return; }
    d += (pen ? ' L ' : ' M ') + x(i) + ' ' + y(p.value);
    pen = true;
  });
  return el('path', { class: cls, d: d.trim() || 'M 0 0' });
}

function round(v) {
  return Math.abs(v) < 10 ? v.toFixed(2) : v.toFixed(0);
}

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
    $('signin-error').textContent = e.message;
    $('status').textContent = e.message;
  });
}

$('dev-signin').addEventListener('click', showing(async () => {
  const res = await fetch('/v1/dev/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ person: 'analyst' }),
  });
  if (!res.ok) throw new Error('Dev mode staat uit op deze server.');
  await signedIn((await res.json()).accessToken);
}));
$('token-signin').addEventListener('submit', (e) => {
  e.preventDefault();
  showing(() => signedIn($('token').value.trim()))();
});
$('reload').addEventListener('click', showing(load));
$('region').addEventListener('change', showing(load));
$('csv').addEventListener('click', showing(downloadCsv));
