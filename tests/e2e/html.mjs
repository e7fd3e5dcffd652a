// End-to-end test of the HTML checksheets in a real browser (Debian's Chromium, driven by
// playwright-core). Run by .ci/run after the root project and every example are built:
//
//   node tests/e2e/html.mjs [FILE.html …]
//
// Without arguments it tests dist/*.html and examples/*/dist/*.html. For each page it
// validates the HTML with the Nu Html Checker (vnu.jar, from the vnu-jar npm package, run
// with java), then opens it headless and checks: no console errors and no request leaving
// the file, the page with scripts off, the table markup, the filters (text, status, level,
// their count, the URL keeping them, keyboard use, the no-results message), following a
// control anchor, contrast, and the print stylesheet (A4 PDF, the table header and running
// header on every page). Screenshots and PDFs go to a temporary folder (printed at the end,
// or E2E_OUT). The last line is `N passed, N failed`; the exit code is 1 if any failed.

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const vnuJar = path.join(repo, 'node_modules/vnu-jar/build/dist/vnu.jar');
const outDir = process.env.E2E_OUT || fs.mkdtempSync(path.join(os.tmpdir(), 'checksheet-e2e-'));
fs.mkdirSync(outDir, { recursive: true });

const STATUS_LABELS = {
  implemented: '実施済', partial: '一部実施', planned: '実施予定',
  'not-implemented': '未実施', 'not-applicable': '対象外', none: '',
};

let passed = 0;
let failed = 0;

function assert(condition, message) {
  if (!condition) { throw new Error(message); }
}

function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  assert(a === e, `${what}: expected ${e}, got ${a}`);
}

async function test(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}\n    ${String(error && error.stack || error).split('\n').slice(0, 4).join('\n    ')}`);
  }
}

function pages() {
  const args = process.argv.slice(2);
  if (args.length) { return args.map((a) => path.resolve(a)); }
  const found = [];
  const htmlIn = (dir) => (fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort().map((f) => path.join(dir, f))
    : []);
  found.push(...htmlIn(path.join(repo, 'dist')));
  for (const example of fs.readdirSync(path.join(repo, 'examples')).sort()) {
    found.push(...htmlIn(path.join(repo, 'examples', example, 'dist')));
  }
  return found;
}

function label(file) {
  return path.relative(repo, file) || file;
}

// --- The Nu Html Checker --------------------------------------------------------------

function validate(files) {
  const run = spawnSync('java', ['-jar', vnuJar, '--format', 'json', '--also-check-css', ...files], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) { throw new Error(`cannot run java -jar ${vnuJar}: ${run.error.message}`); }
  let report;
  try {
    report = JSON.parse(run.stderr || run.stdout);
  } catch {
    throw new Error(`the validator printed no report (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
  }
  const byFile = new Map(files.map((f) => [f, []]));
  for (const m of report.messages) {
    const file = m.url ? fileURLToPath(m.url) : files[0];
    if (!byFile.has(file)) { byFile.set(file, []); }
    byFile.get(file).push(m);
  }
  return byFile;
}

// --- In the page ----------------------------------------------------------------------

// What the page shows, read from the DOM without the page's own script.
function snapshot() {
  const visible = (el) => el.getClientRects().length > 0;
  const items = [...document.querySelectorAll('tr.item')];
  return {
    total: items.length,
    shown: items.filter(visible).map((r) => r.id),
    groupsShown: [...document.querySelectorAll('tr.group')].filter(visible).map((r) => r.id),
    sectionsShown: [...document.querySelectorAll('section.sheet')].filter(visible).length,
    count: document.getElementById('filter-count')?.textContent ?? null,
    empty: visible(document.getElementById('filter-empty')),
    search: location.search,
  };
}

// Each visible group row has a visible item under it, and each visible item's groups show.
function groupsConsistent() {
  const problems = [];
  const visible = (el) => el.getClientRects().length > 0;
  for (const section of document.querySelectorAll('section.sheet')) {
    const stack = [];
    const groups = [];
    for (const row of section.querySelectorAll('tbody > tr')) {
      if (row.classList.contains('group')) {
        const depth = Number(row.dataset.depth);
        while (stack.length && stack[stack.length - 1].depth >= depth) { stack.pop(); }
        const g = { row, depth, items: 0 };
        stack.push(g);
        groups.push(g);
      } else if (row.classList.contains('item') && visible(row)) {
        for (const g of stack) {
          g.items += 1;
          if (!visible(g.row)) { problems.push(`${row.id} shown but its group ${g.row.id} hidden`); }
        }
      }
    }
    for (const g of groups) {
      if (visible(g.row) && g.items === 0) { problems.push(`group ${g.row.id} shown with no item`); }
    }
  }
  return problems;
}

// Text whose contrast with its background is below WCAG AA.
function lowContrast() {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) { return null; }
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { return c; }
    }
    return [255, 255, 255, 1];
  };
  const bad = [];
  const seen = new Set();
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.visually-hidden') || !el.getClientRects().length) { continue; }
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) { continue; }
    const style = getComputedStyle(el);
    const fg = parse(style.color);
    if (!fg) { continue; }
    const bg = background(el);
    const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const key = `${el.tagName}.${el.className}:${style.color}/${bg}`;
    if (ratio < (large ? 3 : 4.5) && !seen.has(key)) {
      seen.add(key);
      bad.push(`${el.tagName.toLowerCase()}.${el.className} ${style.color} on rgb(${bg.slice(0, 3)}) = ${ratio.toFixed(2)}`);
    }
  }
  return bad;
}

// --- One page -------------------------------------------------------------------------

async function checkPage(context, file, validation) {
  const name = label(file);
  const slug = name.replace(/[^A-Za-z0-9]+/g, '-');
  const url = pathToFileURL(file).href;
  const source = fs.readFileSync(file, 'utf8');

  await test(`${name}: valid HTML5 (Nu Html Checker)`, async () => {
    // The checker cannot tell whether a hash in the page's Content-Security-Policy matches
    // its inline script and style, so it notes every inline element as possibly refused;
    // the policy test below recomputes the hashes and Chromium enforces them.
    const unverifiable = /^Inline (style|script) violates Content Security Policy \(meta tag\): blocked by “(style|script)-src” directive \(missing “‘unsafe-inline’” or nonce\/hash\)\.$/;
    const messages = (validation.get(file) || []).filter((m) => !(m.type === 'info' && unverifiable.test(m.message)));
    const shown = messages.map((m) => `${m.type}${m.subType ? `/${m.subType}` : ''} line ${m.lastLine}: ${m.message}`);
    equal(shown, [], 'validator messages');
  });

  await test(`${name}: self-contained, lang="ja"`, async () => {
    assert(/<html lang="ja">/.test(source), 'no <html lang="ja">');
    assert(/<meta charset="utf-8">/i.test(source), 'no <meta charset="utf-8">');
    const external = source.match(/<(link|img|iframe|object|embed|audio|video|source)\b[^>]*>|<script\b[^>]*\bsrc=|@import|url\(|@font-face/gi);
    equal(external, null, 'external resources');
  });

  await test(`${name}: Content-Security-Policy allows only the page's own script and style`, async () => {
    const csp = source.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert(csp, 'no Content-Security-Policy <meta>');
    const policy = csp[1];
    assert(/^default-src 'none';/.test(policy), `policy does not start with default-src 'none': ${policy}`);
    assert(/script-src 'sha256-[A-Za-z0-9+/]+=*';/.test(policy), `no script hash: ${policy}`);
    assert(/style-src 'sha256-[A-Za-z0-9+/]+=*';/.test(policy), `no style hash: ${policy}`);
    assert(!/https?:|'unsafe-|\*/.test(policy), `policy allows more than the page: ${policy}`);
    assert(source.indexOf('http-equiv="Content-Security-Policy"') < source.indexOf('<style'), 'the policy comes after the style it allows');
    // The hashes are those of the exact text of each inline element, and nothing else.
    for (const tag of ['script', 'style']) {
      const wanted = [...source.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))]
        .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
      const given = (policy.match(new RegExp(`${tag}-src ([^;]*)`)) || [])[1];
      equal(given, wanted.join(' '), `${tag}-src`);
    }
    // An inline script the page did not ship is refused (and reported as a violation).
    const probe = await context.newPage();
    const violations = [];
    await probe.exposeFunction('reportViolation', (v) => violations.push(v));
    await probe.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(e.violatedDirective)));
    await probe.goto(url);
    const ran = await probe.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
      return window.injected === true;
    });
    equal(ran, false, 'an injected inline script ran');
    await probe.waitForTimeout(100);
    assert(violations.some((v) => v.startsWith('script-src')), `no violation reported: ${violations}`);
    await probe.close();
  });

  const page = await context.newPage();
  const errors = [];
  const requests = [];
  // A resource, script or style the policy refuses fails the page: its own script and
  // style must match their hashes exactly.
  await page.exposeFunction('reportViolation', (v) => errors.push(`CSP violation: ${v}`));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI} line ${e.lineNumber}`)));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') { errors.push(`console.${m.type()}: ${m.text()}`); } });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!(u.protocol === 'file:' && u.pathname === new URL(url).pathname) && u.protocol !== 'data:') {
      requests.push(r.url());
    }
  });

  try {
    await test(`${name}: readable with scripts off`, async () => {
      const off = await context.newPage();
      const cdp = await context.newCDPSession(off);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
      await off.goto(`${url}?q=zzz-no-such-text&status=partial`);
      const s = await off.evaluate(snapshot);
      assert(s.total > 0, 'no item rows');
      equal(s.shown.length, s.total, 'rows shown with scripts off');
      equal(await off.locator('#filters').isVisible(), false, 'filters visible without scripts');
      equal(s.empty, false, 'no-results message shown');
      await off.screenshot({ path: path.join(outDir, `${slug}-noscript.png`) });
      await off.close();
    });

    await page.goto(url);
    const info = await page.evaluate(() => ({
      ids: [...document.querySelectorAll('tr.item')].map((r) => r.id),
      statuses: [...document.querySelectorAll('tr.item')].map((r) => r.dataset.status),
      levels: [...document.querySelectorAll('tr.item')].map((r) => r.dataset.level),
      texts: [...document.querySelectorAll('tr.item')].map((r) => r.textContent.normalize('NFKC').toLowerCase()),
      cells: [...document.querySelectorAll('tr.item')].map((r) => [...r.cells].map((c) => c.textContent)),
      hasStatusColumn: document.querySelector('col.col-status') !== null,
      hasLevelColumn: document.querySelector('col.col-level') !== null,
      statusFilter: document.getElementById('filter-status') !== null,
      levelFilter: document.getElementById('filter-level') !== null,
    }));
    const total = info.ids.length;

    await test(`${name}: table markup (header cells, scopes, unique anchors)`, async () => {
      const m = await page.evaluate(() => {
        const out = [];
        for (const table of document.querySelectorAll('table')) {
          const head = table.tHead;
          if (!head || !head.rows.length) { out.push('a table without <thead>'); continue; }
          for (const th of head.querySelectorAll('th')) { if (th.scope !== 'col') { out.push(`thead th without scope=col: ${th.textContent}`); } }
          if (!table.caption && !table.getAttribute('aria-label')) { out.push('a table without caption'); }
        }
        for (const row of document.querySelectorAll('tr.item')) {
          const th = row.querySelectorAll('th[scope=row]');
          const link = th.length === 1 && [...th[0].querySelectorAll('a')].some((x) => x.getAttribute('href') === `#${row.id}`);
          if (!link) { out.push(`${row.id}: not one th scope=row linking to the row`); }
          if (!row.id) { out.push('an item row without id'); }
        }
        for (const row of document.querySelectorAll('tr.group')) {
          if (!row.querySelector('th[scope=rowgroup]')) { out.push(`${row.id}: group row without th scope=rowgroup`); }
        }
        const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
        const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
        if (dup.length) { out.push(`duplicate ids: ${[...new Set(dup)].join(', ')}`); }
        for (const a of document.querySelectorAll('a[href^="#"]')) {
          const id = a.getAttribute('href').slice(1);
          if (!document.getElementById(id)) { out.push(`link to missing #${id}`); }
        }
        for (const a of document.querySelectorAll('td a[href^="http"]')) {
          if (a.textContent.trim() === '') { out.push('an empty link'); }
        }
        const toc = document.querySelectorAll('nav.toc a');
        if (document.querySelectorAll('tr.group').length && !toc.length) { out.push('groups but no table of contents'); }
        return out;
      });
      equal(m, [], 'markup problems');
    });

    await test(`${name}: no filter → every row, count "全 ${total} 件"`, async () => {
      const s = await page.evaluate(snapshot);
      assert(total > 0, 'no item rows');
      equal(s.shown.length, total, 'rows shown');
      equal(s.count, `全 ${total} 件`, 'count');
      equal(s.empty, false, 'no-results message');
      await page.screenshot({ path: path.join(outDir, `${slug}-screen.png`) });
    });

    // A term that some items contain and others do not: two characters of a middle item's
    // second cell (its title or question), preferring the most selective.
    const term = (() => {
      let best = null;
      for (let i = Math.floor(total / 2); i < total + Math.floor(total / 2); i += 1) {
        const cell = info.cells[i % total].join('').normalize('NFKC').replace(/\s+/g, '');
        for (let k = 0; k + 2 <= Math.min(cell.length, 40); k += 1) {
          const t = cell.slice(k, k + 2).toLowerCase();
          if (/[\x00-\x7f]/.test(t)) { continue; }
          const n = info.texts.filter((x) => x.includes(t)).length;
          if (n > 0 && n < total && (!best || Math.abs(n - 5) < Math.abs(best.n - 5))) { best = { t, n }; }
        }
        if (best && best.n >= 2 && best.n <= 15) { break; }
      }
      return best && best.t;
    })();
    const matching = (pred) => info.ids.filter((id, i) => pred(i));
    const byText = (t) => (i) => info.texts[i].includes(t);

    await test(`${name}: search by keyboard for "${term}" (Japanese substring)`, async () => {
      assert(term, 'no search term found in the page');
      let tabs = 0;
      while (tabs < 30 && await page.evaluate(() => document.activeElement.id) !== 'filter-text') {
        await page.keyboard.press('Tab');
        tabs += 1;
      }
      equal(await page.evaluate(() => document.activeElement.id), 'filter-text', `focus after ${tabs} Tab presses`);
      await page.keyboard.type(term);
      const expected = matching(byText(term));
      const s = await page.evaluate(snapshot);
      equal(s.shown, expected, 'rows shown');
      equal(s.count, `${total} 件中 ${expected.length} 件を表示`, 'count');
      equal(new URLSearchParams(s.search).get('q'), term, 'q in the URL');
      equal(await page.evaluate(groupsConsistent), [], 'group rows');
      await page.screenshot({ path: path.join(outDir, `${slug}-search.png`) });
    });

    // An ASCII word typed in full-width capitals finds the same rows (NFKC, any case).
    const word = (() => {
      const counts = new Map();
      info.texts.forEach((t) => new Set(t.match(/[a-z]{3,}/g) || []).forEach((w) => counts.set(w, (counts.get(w) || 0) + 1)));
      return [...counts].filter(([, n]) => n < total).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    })();
    if (word) {
      const wide = [...word.toUpperCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
      await test(`${name}: search "${wide}" finds "${word}" (width and case ignored)`, async () => {
        await page.fill('#filter-text', wide);
        equal((await page.evaluate(snapshot)).shown, matching(byText(word)), 'rows shown');
        await page.fill('#filter-text', term);
      });
    }

    await test(`${name}: the URL keeps the filter (reload)`, async () => {
      const shared = await page.evaluate(() => location.href);
      const other = await context.newPage();
      await other.goto(shared);
      const s = await other.evaluate(snapshot);
      equal(s.shown, matching(byText(term)), 'rows shown after opening the shared URL');
      equal(await other.inputValue('#filter-text'), term, 'search box');
      await other.close();
    });

    if (info.statusFilter) {
      const counts = {};
      info.statuses.forEach((s) => { counts[s] = (counts[s] || 0) + 1; });
      const status = ['partial', 'planned', 'not-implemented', 'not-applicable', 'implemented', 'none']
        .find((s) => counts[s] > 0);
      await test(`${name}: status filter "${status}" with and without text`, async () => {
        await page.fill('#filter-text', '');
        await page.selectOption('#filter-status', status);
        let expected = matching((i) => info.statuses[i] === status);
        let s = await page.evaluate(snapshot);
        equal(s.shown, expected, `rows with status ${status}`);
        equal(s.count, `${total} 件中 ${expected.length} 件を表示`, 'count');
        equal(new URLSearchParams(s.search).get('status'), status, 'status in the URL');
        const badges = await page.$$eval('tr.item:not([hidden]) .badge[class*="status-"]', (b) => b.map((x) => x.textContent));
        assert(badges.every((b) => b === STATUS_LABELS[status]), `badges ${badges}`);
        equal(await page.evaluate(groupsConsistent), [], 'group rows');
        await page.screenshot({ path: path.join(outDir, `${slug}-status.png`) });
        await page.fill('#filter-text', term);
        expected = matching((i) => info.statuses[i] === status && byText(term)(i));
        s = await page.evaluate(snapshot);
        equal(s.shown, expected, `rows with status ${status} and "${term}"`);
        equal(s.empty, expected.length === 0, 'no-results message');
      });
      await test(`${name}: status filter by keyboard`, async () => {
        await page.click('#filter-reset');
        await page.focus('#filter-status');
        await page.keyboard.press('ArrowDown');
        const value = await page.inputValue('#filter-status');
        equal(value, 'implemented', 'status after ArrowDown');
        equal((await page.evaluate(snapshot)).shown, matching((i) => info.statuses[i] === 'implemented'), 'rows shown');
        await page.click('#filter-reset');
      });
    } else {
      await test(`${name}: no status column → no status filter; ?status= ignored`, async () => {
        assert(!info.hasStatusColumn, 'a status column but no status filter');
        const other = await context.newPage();
        await other.goto(`${url}?status=implemented`);
        const s = await other.evaluate(snapshot);
        equal(s.shown.length, total, 'rows shown');
        equal(s.search, '', 'URL');
        await other.close();
      });
    }

    if (info.levelFilter) {
      await test(`${name}: level filter 推奨, then with status`, async () => {
        await page.click('#filter-reset');
        await page.selectOption('#filter-level', '推奨');
        const expected = matching((i) => info.levels[i] === '推奨');
        assert(expected.length > 0 && expected.length < total, 'level filter shows all or nothing');
        const s = await page.evaluate(snapshot);
        equal(s.shown, expected, 'rows shown');
        equal(s.count, `${total} 件中 ${expected.length} 件を表示`, 'count');
        equal(new URLSearchParams(s.search).get('level'), '推奨', 'level in the URL');
        equal(await page.evaluate(groupsConsistent), [], 'group rows');
        if (info.statusFilter) {
          await page.selectOption('#filter-status', 'implemented');
          equal((await page.evaluate(snapshot)).shown,
            matching((i) => info.levels[i] === '推奨' && info.statuses[i] === 'implemented'), 'rows shown');
        }
        await page.click('#filter-reset');
      });
    } else {
      await test(`${name}: no level → no level filter`, async () => {
        assert(!info.hasLevelColumn || info.levels.every((l) => l === ''), 'levels shown but no level filter');
      });
    }

    await test(`${name}: no results → message, count 0, reset restores`, async () => {
      await page.fill('#filter-text', '該当しないはずの語zzz');
      let s = await page.evaluate(snapshot);
      equal(s.shown, [], 'rows shown');
      equal(s.groupsShown, [], 'group rows shown');
      equal(s.sectionsShown, 0, 'sections shown');
      equal(s.empty, true, 'no-results message');
      equal(s.count, `${total} 件中 0 件を表示`, 'count');
      await page.screenshot({ path: path.join(outDir, `${slug}-empty.png`) });
      await page.click('#filter-empty-reset');
      s = await page.evaluate(snapshot);
      equal(s.shown.length, total, 'rows after reset');
      equal(s.search, '', 'URL after reset');
    });

    await test(`${name}: follow a control anchor (also when filtered out)`, async () => {
      const id = info.ids[Math.floor(total * 0.7)];
      const other = await context.newPage();
      other.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      await other.goto(`${url}?q=zzz-no-such-text#${encodeURI(id).replace(/#/g, '%23')}`);
      const r = await other.evaluate((rowId) => {
        const row = document.getElementById(rowId);
        const box = row.getBoundingClientRect();
        const bar = document.getElementById('filters').getBoundingClientRect();
        return { target: row.matches(':target'), top: box.top, bottom: box.bottom, height: innerHeight, bar: bar.bottom, shown: row.getClientRects().length > 0 };
      }, id);
      equal(r.target, true, `#${id} is :target`);
      equal(r.shown, true, `#${id} shown (filter reset)`);
      assert(r.top >= r.bar - 1 && r.top < r.height, `#${id} not in view below the filters: ${JSON.stringify(r)}`);
      await other.screenshot({ path: path.join(outDir, `${slug}-anchor.png`) });
      // The row's own link, then a table-of-contents link.
      const first = info.ids[0];
      await other.click(`tr.item[id="${first}"] > th a`);
      equal(await other.evaluate(() => decodeURIComponent(location.hash.slice(1))), first, 'hash after clicking the row link');
      const toc = other.locator('nav.toc a').last();
      if (await toc.count()) {
        const href = await toc.getAttribute('href');
        await toc.click();
        const inView = await other.evaluate((h) => {
          const el = document.getElementById(h.slice(1));
          const b = el.getBoundingClientRect();
          return b.top >= 0 && b.top < innerHeight;
        }, href);
        equal(inView, true, `${href} in view after the table-of-contents link`);
      }
      await other.close();
    });

    await test(`${name}: narrow screen (390 px): one card per row, no sideways scrolling`, async () => {
      const phone = await context.newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(url);
      const r = await phone.evaluate(() => ({
        scroll: document.scrollingElement.scrollWidth, width: innerWidth,
        label: getComputedStyle(document.querySelector('tr.item > td'), '::before').content,
      }));
      assert(r.scroll <= r.width, `page ${r.scroll}px wide in a ${r.width}px viewport`);
      assert(r.label && r.label !== 'none', 'cells without their column name');
      await phone.screenshot({ path: path.join(outDir, `${slug}-phone.png`) });
      await phone.close();
    });

    await test(`${name}: contrast (WCAG AA)`, async () => {
      await page.goto(url);
      equal(await page.evaluate(lowContrast), [], 'low-contrast text');
    });

    await test(`${name}: print stylesheet (A4, header on every page, no chrome)`, async () => {
      await page.emulateMedia({ media: 'print' });
      const css = await page.evaluate(() => ({
        toc: getComputedStyle(document.querySelector('nav.toc') || document.body).display,
        filters: getComputedStyle(document.getElementById('filters')).display,
        thead: getComputedStyle(document.querySelector('thead')).display,
        row: getComputedStyle(document.querySelector('tr.item')).breakInside,
      }));
      if (await page.$('nav.toc')) { equal(css.toc, 'none', 'table of contents in print'); }
      equal(css.filters, 'none', 'filters in print');
      equal(css.thead, 'table-header-group', 'thead display');
      equal(css.row, 'avoid', 'row break-inside');
      await page.screenshot({ path: path.join(outDir, `${slug}-print.png`) });
      const pdf = path.join(outDir, `${slug}.pdf`);
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      const pdfinfo = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
      assert(!pdfinfo.error, `pdfinfo: ${pdfinfo.error && pdfinfo.error.message}`);
      assert(/Page size:\s+84[12]\.\d+ x 59[45]\.\d+ pts \(A4\)/.test(pdfinfo.stdout), `not A4 landscape: ${pdfinfo.stdout}`);
      const pages = Number(/Pages:\s+(\d+)/.exec(pdfinfo.stdout)[1]);
      assert(pages >= 2, `only ${pages} page(s)`);
      const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
      const sheets = text.split('\f').filter((p) => p.trim());
      equal(sheets.length, pages, 'pages with text');
      const headers = await page.$$eval('table:first-of-type thead th', (t) => t.map((x) => x.textContent.replace(/\s+/g, '')));
      // The running header: the @page top-left text and the organization at the top right.
      const running = await page.evaluate(() => {
        const rule = [...document.styleSheets[0].cssRules].find((r) => r instanceof CSSPageRule);
        const margin = [...(rule.cssRules || [])].find((r) => r.name === 'top-left');
        return [margin ? margin.style.content : '', document.querySelector('.org').textContent];
      });
      const left = running[0].replace(/^"|"$/g, '').replace(/\\[0-9a-f]+ ?/gi, '').replace(/\s+/g, '').slice(0, 12);
      assert(left, `no running header in @page: ${running[0]}`);
      sheets.forEach((p, i) => {
        const flat = p.replace(/\s+/g, '');
        for (const h of [headers[0], headers[headers.length - 1]]) {
          assert(flat.includes(h), `page ${i + 1} of ${pages} lacks the table header "${h}"`);
        }
        assert(/\d+\s*\/\s*\d+/.test(p), `page ${i + 1} lacks a page number`);
        assert(flat.includes(left), `page ${i + 1} lacks the running header "${left}"`);
        assert(flat.includes(running[1].replace(/\s+/g, '')), `page ${i + 1} lacks the organization`);
      });
      spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, path.join(outDir, `${slug}-pdf`)]);
    });

    await test(`${name}: no console errors, no requests`, async () => {
      equal(errors, [], 'console errors');
      equal(requests, [], 'requests other than the page');
    });
  } finally {
    await page.close();
  }
}

// --- Main -----------------------------------------------------------------------------

const files = pages();
if (!files.length) {
  console.log('not ok - no HTML checksheet found: build the root project and the examples first');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let validation = new Map();
await test('Nu Html Checker runs', async () => {
  assert(fs.existsSync(vnuJar), `${vnuJar} missing: run npm ci`);
  validation = validate(files);
});

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'checksheet-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  locale: 'ja-JP',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
try {
  for (const file of files) {
    await checkPage(context, file, validation);
  }
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

console.log(`screenshots and PDFs: ${outDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
