// End-to-end test of `timelinec preview --html`, in a real browser.
//   usage: node tests/e2e/e2e.mjs path/to/timelinec        (run.sh installs playwright-core first)
//
// For every bundled example (examples/*.yaml, with its "# golden-args:") it writes the page and the
// timeline (`compile --timeline` with the same --now and --param), opens the page from disk in
// Debian's chromium, scrubs it through its own controls (the "Go to" field, the arrow keys on the
// time axis, the locale switch) to sampled instants (every entry's date, one second before and
// after, the middle of every stretch, inside self-updating stretches, around targets, past the
// timeline's end) and checks that every widget mock reads exactly what `timelinec render TIMELINE
// --at T` prints for that countdown, family and locale, and that the page names the same entry.
// The browser runs in another locale and zone (ar-EG, Pacific/Chatham), with Intl and the Date
// locale methods wrapped to count calls (the page must make none), and no request may leave
// file://. Screenshots (light and dark) go to DIR/e2e/ beside the tool (build/e2e/). Then a
// 10,000-entry page (fixtures/minutes-10k.yaml) is timed: every scrub step must take < 50 ms.
//
// Live Activity specs (examples/delivery-activity.yaml with its "# golden-args:", and the
// scenarios examples/scenarios/08..12) get their page too: at every state change, one second
// before and after, inside every stretch, around each date a clock counts to, after the end and
// after the removal from the Lock Screen, in every locale, each presentation of the Lock Screen
// and Dynamic Island mocks must read what `timelinec render SPEC --at T --now ... --param ...
// --locale L` prints for it ("lock-screen [en_US] (active): TEXT"), in the same phase.
//
// Prints one summary line on success; every failure (and exit status 1) otherwise.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT_MS = 50;
const CHROMIUM = process.env.TIMELINEC_CHROMIUM || '/usr/bin/chromium';
const tool = path.resolve(process.argv[2] || '');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(path.dirname(tool), 'e2e');
const failures = [];
let checks = 0;

function fail(msg) {
	failures.push(msg);
	if (process.env.VERBOSE) console.error('FAIL: ' + msg);
}
function check(ok, msg) {
	checks++;
	if (!ok) fail(msg);
	return ok;
}

if (!process.argv[2] || !fs.existsSync(tool)) {
	console.error('e2e: usage: node e2e.mjs path/to/timelinec');
	process.exit(2);
}
if (!fs.existsSync(CHROMIUM)) {
	console.error(`e2e: FAIL: ${CHROMIUM} is missing (apt-get install chromium)`);
	process.exit(1);
}
fs.mkdirSync(out, { recursive: true });

// The tool runs under a foreign TZ and LANG too: no output may depend on them.
const toolEnv = { ...process.env, TZ: 'Pacific/Chatham', LANG: 'ar_EG.UTF-8', LC_ALL: 'ar_EG.UTF-8' };
delete toolEnv.SOURCE_DATE_EPOCH;
function runRaw(args) {
	return spawnSync(tool, args, { cwd: root, encoding: 'utf8', env: toolEnv, maxBuffer: 1 << 28 });
}
function run(args) {
	const r = runRaw(args);
	if (r.status !== 0) throw new Error(`timelinec ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
	return r.stdout;
}

const epoch = (iso) => Math.round(Date.parse(iso) / 1000); // the test's own clock arithmetic
const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

// `render` at t: the entry line and COUNTDOWN/FAMILY [LOCALE]: TEXT lines, in one map.
const renderCache = new Map();
function render(timeline, t, extra = []) {
	const key = timeline + '@' + t + extra.join(' ');
	if (renderCache.has(key)) return renderCache.get(key);
	const lines = run(['render', timeline, '--at', '@' + t, ...extra]).split('\n');
	const res = { entry: null, texts: new Map() };
	for (const line of lines) {
		let m = /^entry (\d+) of (\d+)/.exec(line);
		if (m) res.entry = `entry ${m[1]} of ${m[2]}`;
		m = /^([^/\s]+)\/(\S+) \[([^\]]+)\]: (.*)$/.exec(line);
		if (m) res.texts.set(`${m[1]}/${m[2]}/${m[3]}`, m[4]);
	}
	renderCache.set(key, res);
	return res;
}
// What a family shows: its own line, else the default line (display.c), else nothing.
function expected(r, cd, fam, loc) {
	return r.texts.get(`${cd}/${fam}/${loc}`) ?? r.texts.get(`${cd}/default/${loc}`) ?? '';
}

// ---- the browser -------------------------------------------------------------------------------

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'timelinec-e2e-'));
const ctx = await chromium.launchPersistentContext(userDataDir, {
	executablePath: CHROMIUM,
	headless: true,
	args: [
		'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync',
	],
	viewport: { width: 1280, height: 900 },
	locale: 'ar-EG',
	timezoneId: 'Pacific/Chatham',
});
const offPage = [];
await ctx.route('**/*', (route) => {
	const url = route.request().url();
	if (url.startsWith('file://')) return route.continue();
	offPage.push(url);
	return route.abort();
});
// Count every call of the browser's locale and date API from the page: it must make none.
await ctx.addInitScript(() => {
	window.__tlcFormatCalls = [];
	// only calls from the page's own script count (playwright's injected helpers touch Intl too)
	const note = (name) => { if (/file:\/\//.test(new Error().stack)) window.__tlcFormatCalls.push(name); };
	const realIntl = window.Intl;
	Object.defineProperty(window, 'Intl', { configurable: true, get() { note('Intl'); return realIntl; } });
	for (const [proto, names] of [
		[Date.prototype, ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'toString', 'toDateString',
			'toTimeString', 'getHours', 'getDate', 'getTimezoneOffset']],
		[Number.prototype, ['toLocaleString']],
		[String.prototype, ['localeCompare', 'toLocaleUpperCase', 'toLocaleLowerCase']],
	]) {
		for (const n of names) {
			const real = proto[n];
			proto[n] = function (...a) { note(n); return real.apply(this, a); };
		}
	}
	const RealDate = Date;
	window.Date = new Proxy(RealDate, {
		construct(target, args) { note('new Date'); return new target(...args); },
		apply(target, self, args) { note('Date()'); return target(...args); },
		get(target, prop) { if (prop === 'now') note('Date.now'); return target[prop]; },
	});
});

async function openPage(file) {
	const page = await ctx.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	await page.goto('file://' + file);
	await page.waitForSelector('html[data-ready=true]', { timeout: 10000 });
	return { page, errors };
}

async function readPage(page) {
	return page.evaluate(() => {
		const texts = {};
		document.querySelectorAll('.txt[data-countdown]').forEach((e) => {
			texts[e.dataset.countdown + '/' + e.dataset.family] = e.textContent;
		});
		return {
			texts,
			entry: document.getElementById('entry').textContent,
			now: Number(document.getElementById('axis').getAttribute('aria-valuenow')),
		};
	});
}

async function gotoUI(page, value) {
	await page.fill('#goto', value);
	await page.press('#goto', 'Enter');
}

// The page at its current instant against `render` at t, for one locale.
async function compareAt(name, page, timeline, t, loc, how) {
	compareState(name, await readPage(page), timeline, t, loc, how);
}
function compareState(name, got, timeline, t, loc, how) {
	if (!check(got.now === t, `${name}: ${how} should put the scrubber at ${iso(t)}, it is at ${iso(got.now)}`)) return;
	const r = render(timeline, t);
	check(got.entry === r.entry, `${name} at ${iso(t)}: the page names '${got.entry}', render '${r.entry}'`);
	for (const [key, text] of Object.entries(got.texts)) {
		const [cd, fam] = key.split('/');
		const want = expected(r, cd, fam, loc);
		check(text === want, `${name} at ${iso(t)} (${how}) ${cd}/${fam} [${loc}]: the page reads '${text}', render '${want}'`);
	}
}

// ---- the examples ------------------------------------------------------------------------------

function argsOf(file, tag) {
	const m = new RegExp('^# ' + tag + ': (.*)$', 'm').exec(fs.readFileSync(file, 'utf8'));
	return m ? m[1].trim().split(/\s+/) : [];
}

function liveRuns(entry) {
	const runs = [];
	for (const v of Object.values(entry.views || {}))
		for (const fam of Object.values(v.families || {}))
			for (const r of fam) if (r.live) runs.push(r);
	return runs;
}

let seed = 20261201;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

// Instants worth checking: [instant, how the test gets there].
function sampleInstants(tl, until) {
	const dates = tl.entries.map((e) => epoch(e.date));
	const start = epoch(tl.start), end = epoch(tl.end);
	const set = new Set();
	const add = (t) => { if (t >= start && t <= until) set.add(t); };
	dates.forEach((d, k) => {
		const next = k + 1 < dates.length ? dates[k + 1] : end;
		add(d); add(d + 1); add(d - 1);
		add(Math.floor((d + next) / 2));
		const live = liveRuns(tl.entries[k]);
		if (live.length) {
			for (const dt of [59, 60, 61, 3599, 3600, 3601, 86399, 86400, 86401]) add(d + dt);
			for (const dt of [1, 2, 59, 60, 61, 3600]) add(next - dt);
			for (let i = 0; i < 8; i++) add(d + Math.floor(rnd() * (next - d)));
			for (const r of live) if (r.target) { const T = epoch(r.target); add(T - 1); add(T); add(T + 1); }
		}
	});
	add(end - 1); add(end); add(end + 1); add(Math.floor((end + until) / 2)); add(until);
	return [...set].sort((a, b) => a - b);
}

// Live Activity specs have pages of their own (below); the widget examples come first.
const isActivity = (f) => /^live-activity:/m.test(fs.readFileSync(path.join(root, f), 'utf8'));
const all = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
const activities = all.filter((f) => isActivity(path.join('examples', f)));
const examples = all.filter((f) => !isActivity(path.join('examples', f)));
let instantsChecked = 0, textsChecked = 0;
const localesSeen = new Set();
for (const f of examples) {
	const name = f.replace(/\.yaml$/, '');
	const spec = path.join('examples', f);
	const args = argsOf(path.join(root, spec), 'golden-args');
	const html = path.join(out, name + '.html');
	const timeline = path.join(out, name + '.timeline.json');
	try {
		run(['preview', spec, ...args, '--html', html]);
		run(['compile', spec, '--timeline', ...args, '-o', timeline]);
	} catch (e) {
		fail(`${name}: ${e.message}`);
		continue;
	}
	const tl = JSON.parse(fs.readFileSync(timeline, 'utf8'));
	if (process.env.VERBOSE) console.error(`${name}: ${(performance.now() / 1000).toFixed(1)} s`);
	const { page, errors } = await openPage(html);
	const data = await page.evaluate(() => {
		const d = window.timelinecPreview.data;
		return { locales: d.locales, until: d.until, start: d.start, end: d.end, now: d.now, families: d.families };
	});
	check(data.now === epoch(tl.now), `${name}: the page was made at ${iso(data.now)}, the timeline at ${tl.now}`);
	check(data.start === epoch(tl.start) && data.end === epoch(tl.end), `${name}: the page covers another span than the timeline`);
	const instants = sampleInstants(tl, data.until);
	const textsBefore = checks;
	for (const loc of data.locales) {
		localesSeen.add(loc);
		await page.selectOption('#locale', loc); // the locale switch
		// every sampled instant, through the scrubber's own seek (one round trip for all)
		const states = await page.evaluate((ts) => ts.map((t) => {
			window.timelinecPreview.seek(t);
			const texts = {};
			document.querySelectorAll('.txt[data-countdown]').forEach((e) => {
				texts[e.dataset.countdown + '/' + e.dataset.family] = e.textContent;
			});
			return { texts, entry: document.getElementById('entry').textContent,
				now: Number(document.getElementById('axis').getAttribute('aria-valuenow')) };
		}), instants);
		instants.forEach((t, i) => compareState(name, states[i], timeline, t, loc, 'seek'));
		// entry dates through the "Go to" field (both forms it takes), then one second each way
		// with the arrow keys on the time axis
		await page.selectOption('#step', '1');
		const dates = tl.entries.map((e) => epoch(e.date));
		for (const [k, d] of dates.entries()) {
			if (dates.length > 40 && k % Math.ceil(dates.length / 40)) continue;
			await gotoUI(page, k % 2 ? '@' + d : iso(d));
			await compareAt(name, page, timeline, d, loc, 'Go to');
			await page.focus('#axis');
			await page.keyboard.press('ArrowRight');
			await compareAt(name, page, timeline, Math.min(d + 1, data.until), loc, 'ArrowRight');
			if (d - 1 >= data.start) {
				await page.keyboard.press('ArrowLeft');
				await page.keyboard.press('ArrowLeft');
				await compareAt(name, page, timeline, d - 1, loc, 'ArrowLeft');
			}
		}
	}
	// "to the next change": from the start, the right arrow lands on the first change (the next
	// entry, or the next second when a clock runs), the left arrow comes back
	await page.selectOption('#step', 'change');
	await gotoUI(page, '@' + data.start);
	await page.focus('#axis');
	await page.keyboard.press('ArrowRight');
	const firstLive = liveRuns(tl.entries[0]).some((r) => r.live !== 'date' && r.live !== 'time');
	const next = tl.entries.length > 1 ? epoch(tl.entries[1].date) : data.until;
	let at = (await readPage(page)).now;
	check(firstLive ? at > data.start && at <= next : at === next,
		`${name}: "to the next change" from the start went to ${iso(at)} (next entry ${iso(next)})`);
	await page.keyboard.press('ArrowLeft');
	at = (await readPage(page)).now;
	check(at === data.start, `${name}: "to the previous change" went to ${iso(at)}, not back to the start`);
	// the default-family mapping against `render --family` itself, at one instant per example
	const probe = instants[Math.floor(instants.length / 2)];
	for (const loc of data.locales) {
		await page.selectOption('#locale', loc);
		await gotoUI(page, '@' + probe);
		const got = await readPage(page);
		for (const [key, text] of Object.entries(got.texts)) {
			const [cd, fam] = key.split('/');
			const r = render(timeline, probe, ['--locale', loc, '--family', fam]);
			check(text === (r.texts.get(`${cd}/${fam}/${loc}`) ?? ''),
				`${name} at ${iso(probe)} ${cd}/${fam} [${loc}]: the page reads '${text}', render --family '${r.texts.get(`${cd}/${fam}/${loc}`)}'`);
		}
	}
	textsChecked += checks - textsBefore;
	instantsChecked += instants.length;
	const calls = await page.evaluate(() => window.__tlcFormatCalls);
	check(calls.length === 0, `${name}: the page called the browser's formatting: ${[...new Set(calls)].join(', ')}`);
	check(errors.length === 0, `${name}: page errors: ${errors.join('; ')}`);
	// screenshots: in the middle of the first self-updating stretch, light and dark
	const liveK = tl.entries.findIndex((e) => liveRuns(e).length);
	const shotAt = liveK >= 0 ? epoch(tl.entries[liveK].date) + 3600 + 754 : probe;
	await page.selectOption('#locale', data.locales[0]);
	await gotoUI(page, '@' + Math.min(shotAt, data.until));
	await page.screenshot({ path: path.join(out, name + '-light.png'), fullPage: true });
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.screenshot({ path: path.join(out, name + '-dark.png'), fullPage: true });
	await page.close();
}

// ---- Live Activities ---------------------------------------------------------------------------

// `render SPEC --at T ... --locale L`: presentation -> {phase, text}.
const laCache = new Map();
function renderActivity(spec, args, t, loc) {
	const key = [spec, t, loc, ...args].join(' ');
	if (laCache.has(key)) return laCache.get(key);
	const res = new Map();
	for (const line of run(['render', spec, '--at', '@' + t, ...args, '--locale', loc]).split('\n')) {
		const m = /^(\S+) \[([^\]]+)\] \(([^)]+)\): ?(.*)$/.exec(line);
		if (m && m[2] === loc) res.set(m[1], { phase: m[3], text: m[4] });
	}
	laCache.set(key, res);
	return res;
}

// Instants worth checking on an activity's page: [instant, what].
function activityInstants(d) {
	const set = new Set(), lc = d.lifecycle, E = d.entries;
	const add = (t) => { if (t >= d.start && t <= d.until) set.add(t); };
	const around = (t) => { add(t - 1); add(t); add(t + 1); };
	E.date.forEach((t, k) => {
		const next = k + 1 < E.date.length ? E.date[k + 1] : d.until;
		around(t);
		add(Math.floor((t + next) / 2)); // mid-stretch
		for (const dt of [59, 60, 61, 3599, 3600, 3601]) add(t + dt);
		for (const dt of [2, 60, 61]) add(next - dt);
		for (let i = 0; i < 4; i++) add(t + Math.floor(rnd() * (next - t)));
	});
	d.states.forEach((st) => around(st.at));
	for (const l of d.live) for (const x of [l.T, l.a, l.b, l.P]) if (typeof x === 'number') around(x); // what the clocks count to
	around(lc.start); around(lc.gone); around(lc.systemEnd);
	if (lc.end !== null) {
		around(lc.end);
		add(lc.end + 60); add(Math.floor((lc.end + lc.gone) / 2)); // after the end, still on the Lock Screen
	}
	add(lc.gone + 60); add(d.until); // after the removal
	return [...set].sort((a, b) => a - b);
}

function readActivity(page) {
	return page.evaluate(() => {
		const texts = {};
		document.querySelectorAll('[data-presentation]').forEach((e) => { texts[e.dataset.presentation] = e.textContent; });
		return { texts, phase: window.timelinecPreview.phase(), now: Number(document.getElementById('axis').getAttribute('aria-valuenow')) };
	});
}

function compareActivity(name, got, spec, args, t, loc, how) {
	if (!check(got.now === t, `${name}: ${how} should put the scrubber at ${iso(t)}, it is at ${iso(got.now)}`)) return;
	const r = renderActivity(spec, args, t, loc);
	check(r.size === Object.keys(got.texts).length && [...r.keys()].every((p) => p in got.texts),
		`${name} at ${iso(t)} [${loc}]: the page shows ${Object.keys(got.texts).join(', ')}, render prints ${[...r.keys()].join(', ')}`);
	for (const [pres, want] of r) {
		const text = got.texts[pres];
		check(text === want.text, `${name} at ${iso(t)} (${how}) ${pres} [${loc}]: the page reads '${text}', render '${want.text}'`);
		check(got.phase === want.phase, `${name} at ${iso(t)} (${how}) ${pres} [${loc}]: the page says ${got.phase}, render ${want.phase}`);
	}
}

const laSpecs = [
	...activities.map((f) => path.join('examples', f)),
	...fs.readdirSync(path.join(root, 'examples/scenarios')).filter((f) => f.endsWith('.yaml')).sort()
		.map((f) => path.join('examples/scenarios', f)).filter(isActivity),
];
let laInstants = 0, laChecks = 0;
for (const spec of laSpecs) {
	const name = path.basename(spec, '.yaml');
	const light = spec.startsWith('examples/scenarios/'); // scenarios: seek only; the example: every control too
	const args = argsOf(path.join(root, spec), 'golden-args');
	const html = path.join(out, name + '.html');
	try {
		run(['preview', spec, ...args, '--html', html]);
	} catch (e) {
		fail(`${name}: ${e.message}`);
		continue;
	}
	const before = checks;
	const { page, errors } = await openPage(html);
	const d = await page.evaluate(() => window.timelinecPreview.data);
	check(d.kind === 'activity', `${name}: the page is not a Live Activity page (${d.kind})`);
	const instants = activityInstants(d);
	for (const loc of d.locales) {
		localesSeen.add(loc);
		await page.selectOption('#locale', loc); // the locale switch
		const states = await page.evaluate((ts) => ts.map((t) => {
			window.timelinecPreview.seek(t);
			const texts = {};
			document.querySelectorAll('[data-presentation]').forEach((e) => { texts[e.dataset.presentation] = e.textContent; });
			return { texts, phase: window.timelinecPreview.phase(), now: Number(document.getElementById('axis').getAttribute('aria-valuenow')) };
		}), instants);
		instants.forEach((t, i) => compareActivity(name, states[i], spec, args, t, loc, 'seek'));
		if (light) continue;
		// every change of state or phase through "Go to" and the arrow keys, one second each way
		await page.selectOption('#step', '1');
		for (const t of d.entries.date) {
			await gotoUI(page, iso(t));
			await page.focus('#axis');
			compareActivity(name, await readActivity(page), spec, args, t, loc, 'Go to');
			await page.keyboard.press('ArrowLeft');
			if (t - 1 >= d.start) {
				compareActivity(name, await readActivity(page), spec, args, t - 1, loc, 'ArrowLeft');
				await page.keyboard.press('ArrowRight');
			}
			await page.keyboard.press('ArrowRight');
			if (t + 1 <= d.until) compareActivity(name, await readActivity(page), spec, args, Math.min(t + 1, d.until), loc, 'ArrowRight');
		}
		// PageDown walks the changes one by one
		await gotoUI(page, '@' + d.start);
		await page.focus('#axis');
		for (let k = 1; k < d.entries.date.length; k++) {
			await page.keyboard.press('PageDown');
			const got = await readActivity(page);
			check(got.now === d.entries.date[k], `${name}: PageDown ${k} went to ${iso(got.now)}, not ${iso(d.entries.date[k])}`);
		}
	}
	laInstants += instants.length;
	laChecks += checks - before;
	const calls = await page.evaluate(() => window.__tlcFormatCalls);
	check(calls.length === 0, `${name}: the page called the browser's formatting: ${[...new Set(calls)].join(', ')}`);
	check(errors.length === 0, `${name}: page errors: ${errors.join('; ')}`);
	// screenshots: in the middle of the second stretch (the first update), light and dark, and ended
	if (!light) {
		const E = d.entries, k = E.date.findIndex((t) => t >= d.lifecycle.start) + 1;
		const mid = k < E.date.length ? Math.floor((E.date[k] + (E.date[k + 1] ?? d.until)) / 2) : d.lifecycle.start;
		await page.selectOption('#locale', d.locales[0]);
		await gotoUI(page, '@' + mid);
		await page.screenshot({ path: path.join(out, name + '-light.png'), fullPage: true });
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.screenshot({ path: path.join(out, name + '-dark.png'), fullPage: true });
		await page.emulateMedia({ colorScheme: 'light' });
		if (d.lifecycle.end !== null) {
			await gotoUI(page, '@' + (d.lifecycle.end + 60));
			await page.screenshot({ path: path.join(out, name + '-ended.png'), fullPage: true });
		}
	}
	await page.close();
}
// the terminal table names the same instants: one --at per state change against render
{
	const spec = path.join('examples', activities[0] || 'delivery-activity.yaml');
	const args = argsOf(path.join(root, spec), 'golden-args');
	const html = path.join(out, path.basename(spec, '.yaml') + '.html');
	const d = JSON.parse(/<script type="application\/json" id="tlc-data">([\s\S]*?)<\/script>/.exec(fs.readFileSync(html, 'utf8'))[1]);
	for (const t of d.entries.date) {
		const lines = run(['preview', spec, ...args, '--at', '@' + t]).split('\n');
		for (const loc of d.locales) {
			const r = renderActivity(spec, args, t, loc);
			let pres = null;
			for (const line of lines) {
				const m = /^  (\S*)\s+(\S+)\s+(.*)$/.exec(line);
				if (!m || !d.locales.includes(m[2])) continue;
				if (m[1]) pres = m[1];
				if (m[2] !== loc) continue;
				const want = r.get(pres)?.text ?? null;
				check(m[3] === (want === '' ? '(nothing shows)' : want),
					`preview --at ${iso(t)}: ${pres} [${loc}] reads '${m[3]}', render '${want}'`);
			}
		}
	}
}

// Play and pause with the space bar: the clock moves while playing and stops after.
{
	const { page } = await openPage(path.join(out, 'launch.html'));
	await page.focus('#axis');
	const t0 = (await readPage(page)).now;
	await page.keyboard.press('Space');
	await page.waitForTimeout(400);
	const playing = await page.getAttribute('#play', 'aria-pressed');
	await page.keyboard.press('Space');
	const t1 = (await readPage(page)).now;
	await page.waitForTimeout(200);
	const t2 = (await readPage(page)).now;
	check(playing === 'true' && t1 > t0 && t2 === t1 &&
		(await page.getAttribute('#play', 'aria-pressed')) === 'false',
		`launch: space should play (the clock moved from ${iso(t0)} to ${iso(t1)}) and pause (then ${iso(t2)})`);
	await page.close();
}

// The page itself: one file, nothing fetched, no formatting API in its script.
for (const f of [...examples, ...laSpecs.map((s) => path.basename(s))]) {
	const file = path.join(out, f.replace(/\.yaml$/, '.html'));
	if (!fs.existsSync(file)) continue;
	const html = fs.readFileSync(file, 'utf8');
	const script = html.split('<script>').slice(1).join('');
	const code = script.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
	check(!/\bIntl\b|toLocale|new Date|Date\.now|Date\(/.test(code), `${f}: the page's script names Intl or Date`);
	check(!/<(link|img|iframe)\b|\bsrc=|@import|url\(/i.test(html), `${f}: the page refers to another file`);
}
check(offPage.length === 0, `requests left file://: ${offPage.join(', ')}`);

// ---- 10,000 entries: every scrub step under 50 ms ----------------------------------------------

if (process.env.VERBOSE) console.error(`10k: ${(performance.now() / 1000).toFixed(1)} s`);
const big = 'tests/e2e/fixtures/minutes-10k.yaml';
const bigArgs = argsOf(path.join(root, big), 'e2e-args');
const bigHtml = path.join(out, 'minutes-10k.html'), bigTl = path.join(out, 'minutes-10k.timeline.json');
let timing = 'not measured';
try {
	run(['preview', big, ...bigArgs, '--html', bigHtml]);
	run(['compile', big, '--timeline', ...bigArgs, '-o', bigTl]);
	const t0 = process.hrtime.bigint();
	const { page, errors } = await openPage(bigHtml);
	const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
	const n = await page.evaluate(() => window.timelinecPreview.data.entries.date.length);
	check(n === 10000, `minutes-10k: the page holds ${n} entries, not 10000`);
	// (1) arrow-key steps of one minute: every step moves to a new entry; the handler, style and
	//     layout are timed inside the page.
	await page.selectOption('#step', '60');
	await page.focus('#axis');
	// A step slower than the limit is measured twice more from the same instant and its fastest
	// run counts: an algorithmic cost shows every time, a scheduler hiccup (another process on
	// the machine) does not. Both the raw and the retried numbers are reported.
	const steps = await page.evaluate((limit) => {
		const ax = document.getElementById('axis'), P = window.timelinecPreview, raw = [], best = [];
		const step = () => {
			const t0 = performance.now();
			ax.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));
			document.body.getBoundingClientRect();
			void document.querySelector('.txt').offsetWidth;
			return performance.now() - t0;
		};
		for (let i = 0; i < 600; i++) {
			const from = P.now();
			let dt = step(), b = dt;
			for (let r = 0; r < 2 && b >= limit; r++) { P.seek(from); b = Math.min(b, step()); }
			raw.push(dt);
			best.push(b);
		}
		return { raw, best };
	}, LIMIT_MS);
	// (2) jumps to random instants anywhere in the week
	const jumps = await page.evaluate((limit) => {
		const d = window.timelinecPreview.data, P = window.timelinecPreview, raw = [], best = [];
		const jump = (t) => {
			const t0 = performance.now();
			P.seek(t);
			document.body.getBoundingClientRect();
			void document.querySelector('.txt').offsetWidth;
			return performance.now() - t0;
		};
		let s = 7;
		for (let i = 0; i < 600; i++) {
			s = (s * 1103515245 + 12345) % 2147483648;
			const t = d.start + Math.floor((s / 2147483648) * (d.until - d.start)), from = P.now();
			let dt = jump(t), b = dt;
			for (let r = 0; r < 2 && b >= limit; r++) { P.seek(from); b = Math.min(b, jump(t)); }
			raw.push(dt);
			best.push(b);
		}
		return { raw, best };
	}, LIMIT_MS);
	// (3) real key presses through the browser, until the next frame is painted
	const frames = [];
	for (let i = 0; i < 60; i++) {
		const t0 = process.hrtime.bigint();
		await page.keyboard.press('ArrowRight');
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
		frames.push(Number(process.hrtime.bigint() - t0) / 1e6);
	}
	const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
	const fmt = (x) => x.toFixed(x < 10 ? 2 : 1);
	const slow = (m) => m.best.filter((x) => x >= LIMIT_MS).length;
	const retried = (m) => m.raw.filter((x) => x >= LIMIT_MS).length;
	check(slow(steps) === 0, `minutes-10k: ${slow(steps)} arrow-key scrub steps took ${LIMIT_MS} ms or more (slowest ${fmt(Math.max(...steps.best))} ms)`);
	check(slow(jumps) === 0, `minutes-10k: ${slow(jumps)} jumps took ${LIMIT_MS} ms or more (slowest ${fmt(Math.max(...jumps.best))} ms)`);
	check(q(frames, 0.5) < LIMIT_MS, `minutes-10k: a key press took ${fmt(q(frames, 0.5))} ms to the next frame (median; limit ${LIMIT_MS})`);
	const re = retried(steps) + retried(jumps);
	timing = `opens in ${fmt(loadMs)} ms, steps ${fmt(q(steps.raw, 0.5))} ms median / ${fmt(q(steps.raw, 0.99))} ms p99 / ` +
		`${fmt(Math.max(...steps.best))} ms max, jumps ${fmt(q(jumps.raw, 0.5))} / ${fmt(q(jumps.raw, 0.99))} / ` +
		`${fmt(Math.max(...jumps.best))} ms, key to painted frame ${fmt(q(frames, 0.5))} ms median` +
		(re ? ` (${re} slow run${re === 1 ? '' : 's'} measured again)` : '');
	// and the texts are still right there
	const d = await page.evaluate(() => ({ start: window.timelinecPreview.data.start, until: window.timelinecPreview.data.until }));
	for (let i = 0; i < 6; i++) {
		const t = d.start + Math.floor(rnd() * (d.until - d.start));
		for (const loc of ['en_US', 'de_DE']) {
			await page.selectOption('#locale', loc);
			await gotoUI(page, '@' + t);
			await compareAt('minutes-10k', page, bigTl, t, loc, 'Go to');
		}
	}
	check(errors.length === 0, `minutes-10k: page errors: ${errors.join('; ')}`);
	await page.screenshot({ path: path.join(out, 'minutes-10k-light.png'), fullPage: true });
	await page.close();
} catch (e) {
	fail(`minutes-10k: ${e.message}`);
}

await ctx.close();
fs.rmSync(userDataDir, { recursive: true, force: true });

if (failures.length) {
	console.error(`e2e: ${failures.length} of ${checks} checks failed:`);
	for (const f of failures.slice(0, 50)) console.error('  - ' + f);
	if (failures.length > 50) console.error(`  ... and ${failures.length - 50} more`);
	process.exit(1);
}
console.log(`e2e: ok: ${examples.length} widget examples, ${instantsChecked} instants, ${textsChecked} checks against 'timelinec render'; ` +
	`${laSpecs.length} Live Activity pages, ${laInstants} instants, ${laChecks} checks against 'timelinec render'; ${localesSeen.size} locales; ` +
	`10000 entries: ${timing} (limit ${LIMIT_MS} ms); ` +
	`screenshots in ${out.startsWith(root + path.sep) ? path.relative(root, out) : out}`);
