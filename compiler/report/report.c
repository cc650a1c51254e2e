/*
 * report.c — findings of a run over many specs, where developers look: gcc-style lines (Xcode,
 * editors), JSON (docs/diagnostics.md), SARIF 2.1.0 (GitHub code scanning) and GitHub Actions
 * workflow commands (annotations on a pull request), one or several per run; suppressed
 * findings with their reasons; baselines; and the exit code.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "core/jsonw.h"
#include "report/report.h"
#include "report/paths.h"
#include "front/parse.h"
#include "spec/spec.h"
#include "base/rules.h"
#include "timelinec/civil.h"

/* From the generated explain_pages.c: a rule's page (docs/diagnostics/<ID>.md), or NULL. */
const char *tlc_explain_page(const char *id);

static char *xdup(const char *s) { return s ? strdup(s) : NULL; }

static void loc_of(const tlc_sources *srcs, tlc_span sp, char **file, unsigned *l0, unsigned *c0,
		   unsigned *l1, unsigned *c1)
{
	const tlc_source *src = tlc_sources_get(srcs, sp.file);
	*file = NULL;
	*l0 = *c0 = *l1 = *c1 = 0;
	if (!src)
		return;
	*file = xdup(strcmp(src->name, "-") == 0 ? "<stdin>" : src->name);
	if (!src->len)
		return;
	tlc_source_linecol(src, sp.start, l0, c0);
	tlc_source_linecol(src, sp.end > sp.start ? sp.end : sp.start, l1, c1);
	if (sp.end <= sp.start)
		*c1 = *c0 + 1;
}

/*
 * FNV-1a over rule, file and the trimmed source line: stable when lines move. Reports hash the
 * spec's path_key() and a version 2 baseline its baseline_key(), so every spelling of one path
 * gives one fingerprint; version 1 baselines hashed the path as it was typed.
 */
static void fingerprint(char out[17], const char *rule, const char *file, const tlc_source *src,
			size_t off)
{
	uint64_t h = 1469598103934665603ull;
	const char *parts[2] = {rule, file ? file : ""};
	for (int p = 0; p < 2; p++) {
		for (const char *c = parts[p]; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211ull;
		h = (h ^ '|') * 1099511628211ull;
	}
	if (src && src->len) {
		const char *ls;
		size_t ll;
		tlc_source_line(src, off, &ls, &ll);
		while (ll && (*ls == ' ' || *ls == '\t'))
			ls++, ll--;
		for (size_t i = 0; i < ll; i++)
			h = (h ^ (unsigned char)ls[i]) * 1099511628211ull;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* The path a fingerprint hashes: relative to the repository root, or to the current folder
 * outside one (tlc_path_repo_key); standard input stays "<stdin>". */
static void path_key(char *out, size_t n, const tlc_source *src, const char *shown)
{
	if (!src || strcmp(src->name, "-") == 0 || tlc_path_repo_key(out, n, src->name) < 0)
		snprintf(out, n, "%s", shown ? shown : "");
}

/* The path a version 2 baseline records: relative to the baseline's folder. */
static void baseline_key(char *out, size_t n, const char *file, const char *dir)
{
	if (!file || strcmp(file, "<stdin>") == 0 || tlc_path_key_from(out, n, file, dir) < 0)
		snprintf(out, n, "%s", file ? file : "");
}

static int rdiag_push_to(rdiag **pv, size_t *n, size_t *pcap, const rdiag *d)
{
	if (*n == *pcap) {
		size_t cap = *pcap ? *pcap * 2 : 32;
		rdiag *v = realloc(*pv, cap * sizeof *v);
		if (!v)
			return TLC_ENOMEM;
		*pv = v;
		*pcap = cap;
	}
	(*pv)[(*n)++] = *d;
	return 0;
}

static int rdiag_push(report *r, const rdiag *d)
{
	return rdiag_push_to(&r->v, &r->n, &r->cap, d);
}

static void rdiag_release(rdiag *d)
{
	free(d->file);
	free(d->message);
	free(d->fix);
	free(d->related_note);
	free(d->related_file);
	free(d->justification);
	free(d->supp_file);
}

void report_init(report *r, const cli_opts *o, FILE *out, FILE *err, report_write_fn write_file)
{
	memset(r, 0, sizeof *r);
	r->opts = o;
	r->out = out;
	r->err = err ? err : out;
	r->write_file = write_file;
	/* auto: colour only on a terminal, and not when NO_COLOR is set to something */
	const char *nc = getenv("NO_COLOR");
	r->color = o->color >= 0 ? o->color : isatty(fileno(out)) && !(nc && *nc);
}

/* ---- baselines ------------------------------------------------------------------------------ */

/* One problem in a baseline file: a diagnostic at the node (TL010..TL014 as a spec's). */
#ifdef __GNUC__
__attribute__((format(printf, 4, 5)))
#endif
static int base_error(tlc_ctx *ctx, const char *rule, const tlc_node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tlc_diag *g = tlc_diag_vadd(&ctx->diags, rule, n->span, fmt, ap);
	va_end(ap);
	if (g)
		g->sev = TLC_SEV_ERROR;
	return -1;
}

static const tlc_node *base_string(tlc_ctx *ctx, const tlc_node *item, const char *key, int *bad)
{
	const tlc_node *v = tlc_node_get(item, key);
	if (!v)
		*bad = base_error(ctx, "TL013", item, "a baseline finding needs '%s'", key);
	else if (v->kind != TLC_NODE_SCALAR || v->type != TLC_SCALAR_STR)
		*bad = base_error(ctx, "TL011", v, "'%s' of a baseline finding is a string", key);
	else
		return v;
	return NULL;
}

/*
 * A baseline as --write-baseline writes it, read strictly with positions: {"timelinec-baseline":
 * 1, "findings": [{"rule", "file", "fingerprint", "message"}...]}; anything else, another
 * version, a duplicate key, a finding of another shape, is refused (exit 2), never half-used.
 */
int report_load_baseline(report *r, tlc_ctx *ctx, const char *path)
{
	uint32_t file;
	if (tlc_input_read_as(ctx, path, "baseline", TLC_MAX_BASELINE_BYTES,
			      "16 MiB (TLC_MAX_BASELINE_BYTES)", &file) < 0)
		return -1;
	return report_read_baseline(r, ctx, file);
}

/* A version 2 entry's file as the matching compares it: normalised, relative to the baseline's
 * folder (an absolute one is made relative); version 1 keeps it as written. */
static char *base_file(const report *r, const char *file)
{
	char key[4096];
	if (r->base_version == 1 || !*file ||
	    (file[0] == '/' ? tlc_path_key_from(key, sizeof key, file, r->base_dir)
			    : tlc_path_normalize(key, sizeof key, file)) < 0)
		return xdup(file);
	return xdup(key);
}

int report_read_baseline(report *r, tlc_ctx *ctx, uint32_t file)
{
	static const char *const keys[] = {"rule", "file", "fingerprint", "message"};
	tlc_node *root = NULL;
	int bad = 0;
	if (tlc_parse_json(ctx, file, &root) < 0)
		return -1;
	if (root->kind != TLC_NODE_MAP)
		return base_error(ctx, "TL004", root, "a baseline is an object%s", "");
	for (size_t i = 0; i < root->n; i++) {
		const tlc_node *k = root->pairs[i].key;
		if (strcmp(k->str, "timelinec-baseline") != 0 && strcmp(k->str, "findings") != 0)
			bad = base_error(ctx, "TL010", k, "unknown key '%s' in a baseline", k->str);
	}
	const tlc_node *ver = tlc_node_get(root, "timelinec-baseline"), *fs = tlc_node_get(root, "findings");
	if (!ver)
		return base_error(ctx, "TL013", root, "not a timelinec baseline: it has no "
				  "'timelinec-baseline'%s", "");
	if (ver->kind != TLC_NODE_SCALAR || ver->type != TLC_SCALAR_INT ||
	    (strcmp(ver->str, "1") != 0 && strcmp(ver->str, "2") != 0))
		return base_error(ctx, "TL014", ver, "baseline version %s: this timelinec reads "
				  "versions 1 and 2 (write a new one with --write-baseline)",
				  ver->kind == TLC_NODE_SCALAR ? ver->str : "?");
	const tlc_source *bsrc = tlc_sources_get(&ctx->sources, file);
	char dir[4096];
	tlc_path_dirname(dir, sizeof dir, bsrc && strcmp(bsrc->name, "-") != 0 ? bsrc->name : ".");
	free(r->base_dir);
	if (!(r->base_dir = xdup(dir)))
		return base_error(ctx, "TL005", root, "out of memory reading the baseline%s", "");
	r->base_version = ver->str[0] - '0';
	if (!fs)
		return base_error(ctx, "TL013", root, "a baseline needs 'findings'%s", "");
	if (fs->kind != TLC_NODE_SEQ)
		return base_error(ctx, "TL011", fs, "'findings' is an array%s", "");
	for (size_t i = 0; i < fs->n; i++) {
		const tlc_node *it = fs->items[i];
		if (it->kind != TLC_NODE_MAP) {
			bad = base_error(ctx, "TL011", it, "a baseline finding is an object%s", "");
			continue;
		}
		for (size_t j = 0; j < it->n; j++) {
			const tlc_node *k = it->pairs[j].key;
			bool known = false;
			for (size_t q = 0; q < 4; q++)
				known = known || strcmp(k->str, keys[q]) == 0;
			if (!known)
				bad = base_error(ctx, "TL010", k, "unknown key '%s' in a baseline finding", k->str);
		}
		const tlc_node *rule = base_string(ctx, it, "rule", &bad);
		const tlc_node *fp = base_string(ctx, it, "fingerprint", &bad);
		const tlc_node *fl = base_string(ctx, it, "file", &bad);
		if (tlc_node_get(it, "message"))
			base_string(ctx, it, "message", &bad);
		if (rule && !tlc_rule_find(rule->str))
			bad = base_error(ctx, "TL014", rule, "'%s' is not a rule id", rule->str);
		if (fp && (fp->len != 16 || strspn(fp->str, "0123456789abcdef") != 16))
			bad = base_error(ctx, "TL014", fp, "'%s' is not a fingerprint (16 hex digits)", fp->str);
		if (bad || !rule || !fp || !fl)
			continue;
		baseline_entry *v = realloc(r->base, (r->nbase + 1) * sizeof *v);
		if (!v) {
			fputs("timelinec: out of memory\n", r->err);
			return -1;
		}
		r->base = v;
		baseline_entry *e = &r->base[r->nbase++];
		snprintf(e->fingerprint, sizeof e->fingerprint, "%s", fp->str);
		snprintf(e->rule, sizeof e->rule, "%s", rule->str);
		e->file = base_file(r, fl->str);
		e->matched = 0;
	}
	return bad;
}

/*
 * Whether a finding is in the baseline (each entry hides one finding). Version 2: the same rule,
 * file relative to the baseline's folder (whatever spelling the command line used) and
 * fingerprint of that file, so neither the current folder nor a repository matters; version 1:
 * the fingerprint of the path as typed, as that version wrote it.
 */
static bool in_baseline(report *r, const char *rule, const char *file, const tlc_source *src,
			size_t off)
{
	char key[4096], fp[17];
	if (r->base_version == 1) {
		fingerprint(fp, rule, file, src, off);
	} else {
		baseline_key(key, sizeof key, file, r->base_dir);
		fingerprint(fp, rule, key, src, off);
	}
	for (size_t i = 0; i < r->nbase; i++) {
		baseline_entry *e = &r->base[i];
		if (e->matched)
			continue;
		if (strcmp(e->fingerprint, fp) == 0 &&
		    (r->base_version == 1 || (strcmp(e->rule, rule) == 0 && e->file && strcmp(e->file, key) == 0))) {
			e->matched = 1;
			return true;
		}
	}
	return false;
}

/* ---- collecting ----------------------------------------------------------------------------- */

/* A suppressed finding, in human output: where, what, and the reason written with it. */
static void human_suppressed(tlc_buf *b, const rdiag *d)
{
	if (d->file) { /* a file name may hold anything: shown escaped, as every location is */
		tlc_diag_escape(b, d->file, strlen(d->file));
		if (d->line)
			tlc_buf_printf(b, ":%u:%u", d->line, d->col);
		tlc_buf_puts(b, ": ");
	}
	tlc_buf_printf(b, "suppressed: %s [%s]\n    reason: %s\n", d->message, d->rule, d->justification);
}

/* The finding g (at severity sev) into d, whose location and fingerprint are set. */
static void take(rdiag *d, tlc_ctx *ctx, const tlc_diag *g, tlc_severity sev)
{
	d->rule = g->rule;
	d->sev = sev;
	d->message = xdup(g->message);
	d->fix = xdup(g->fix);
	if (g->related_note) {
		d->related_note = xdup(g->related_note);
		unsigned l1, c1;
		loc_of(&ctx->sources, g->related, &d->related_file, &d->related_line, &d->related_col,
		       &l1, &c1);
	}
	d->has_timing = g->has_timing;
	d->first = g->first;
	d->worst = g->worst;
	d->tolerated = g->tolerated;
	d->count = g->count;
}

void report_ctx(report *r, tlc_ctx *ctx)
{
	tlc_render_opts ro = {r->color};
	tlc_buf b = TLC_BUF_INIT;
	tlc_diags_sort(&ctx->diags);
	for (size_t i = 0; i < ctx->diags.n; i++) {
		const tlc_diag *g = &ctx->diags.v[i];
		rdiag d;
		bool supp = g->sev == TLC_SEV_NONE && g->suppressed_sev != TLC_SEV_NONE && g->justification;
		if (g->sev == TLC_SEV_NONE && !supp)
			continue; /* turned off */
		memset(&d, 0, sizeof d);
		const tlc_source *src = tlc_sources_get(&ctx->sources, g->span.file);
		loc_of(&ctx->sources, g->span, &d.file, &d.line, &d.col, &d.end_line, &d.end_col);
		char key[4096];
		path_key(key, sizeof key, src, d.file);
		fingerprint(d.fingerprint, g->rule, key, src, g->span.start);
		if (supp) { /* in the spec, with its reason: reported as suppressed, never counted */
			take(&d, ctx, g, g->suppressed_sev);
			d.justification = xdup(g->justification);
			loc_of(&ctx->sources, g->suppressed_by, &d.supp_file, &d.supp_line, &d.supp_col,
			       &d.supp_end_line, &d.supp_end_col);
			if (rdiag_push_to(&r->sv, &r->ns, &r->scap, &d) < 0) {
				rdiag_release(&d);
				break;
			}
			if (r->opts->format == FORMAT_HUMAN)
				human_suppressed(&b, &d);
			continue;
		}
		if (r->nbase && in_baseline(r, g->rule, d.file, src, g->span.start)) {
			r->baselined++; /* hidden; SARIF and JSON carry it as suppressed by the baseline */
			take(&d, ctx, g, g->sev);
			d.external = true;
			tlc_buf why = TLC_BUF_INIT;
			tlc_buf_printf(&why, "recorded in the baseline %s", r->opts->baseline);
			d.justification = tlc_buf_detach(&why);
			if (rdiag_push_to(&r->sv, &r->ns, &r->scap, &d) < 0) {
				rdiag_release(&d);
				break;
			}
			continue;
		}
		if (r->opts->write_baseline) {
			char dir[4096];
			tlc_path_dirname(dir, sizeof dir, r->opts->write_baseline);
			baseline_key(key, sizeof key, d.file, dir);
			fingerprint(d.base_fingerprint, g->rule, key, src, g->span.start);
		}
		take(&d, ctx, g, g->sev);
		r->count[g->sev]++;
		if (rdiag_push(r, &d) < 0) {
			rdiag_release(&d);
			break;
		}
		if (r->opts->format == FORMAT_HUMAN)
			tlc_diag_render_human(&b, &ctx->sources, g, &ro);
	}
	if (b.len)
		fwrite(b.ptr, 1, b.len, r->out);
	tlc_buf_release(&b);
}

/* ---- JSON ----------------------------------------------------------------------------------- */

static void j_timing(jsonw *w, const rdiag *d)
{
	char first[32];
	tlc_format_rfc3339(first, d->first);
	jw_key(w, "timing");
	jw_obj_compact(w);
	jw_key(w, "first");
	jw_str(w, first);
	jw_key(w, "worst");
	if (d->worst == INT64_MAX)
		jw_null(w);
	else
		jw_int(w, d->worst);
	jw_key(w, "tolerated");
	if (d->tolerated < 0)
		jw_null(w);
	else
		jw_int(w, d->tolerated);
	jw_key(w, "count");
	jw_int(w, (int64_t)d->count);
	jw_end_obj(w);
}

static void j_location(jsonw *w, const char *file, unsigned l0, unsigned c0, unsigned l1, unsigned c1)
{
	jw_obj_compact(w);
	jw_key(w, "file");
	jw_str(w, file);
	jw_key(w, "line");
	jw_int(w, l0);
	jw_key(w, "column");
	jw_int(w, c0);
	jw_key(w, "endLine");
	jw_int(w, l1);
	jw_key(w, "endColumn");
	jw_int(w, c1);
	jw_end_obj(w);
}

static const char *supp_kind(const rdiag *d)
{
	return d->external ? "external" : "inSource";
}

/* One diagnostic object; a suppressed one also has "suppression": {kind, justification,
 * location (in the spec; none for a baseline)}. */
static void j_diag(jsonw *w, const rdiag *d)
{
	jw_obj(w);
	jw_key(w, "rule");
	jw_str(w, d->rule);
	jw_key(w, "severity");
	jw_str(w, tlc_severity_name(d->sev));
	jw_key(w, "location");
	j_location(w, d->file, d->line, d->col, d->end_line, d->end_col);
	jw_key(w, "message");
	jw_str(w, d->message);
	jw_key(w, "fix");
	jw_str(w, d->fix);
	if (d->has_timing)
		j_timing(w, d);
	jw_key(w, "related");
	jw_arr(w);
	if (d->related_note) {
		jw_obj_compact(w);
		jw_key(w, "location");
		j_location(w, d->related_file, d->related_line, d->related_col, d->related_line,
			   d->related_col + 1);
		jw_key(w, "message");
		jw_str(w, d->related_note);
		jw_end_obj(w);
	}
	jw_end_arr(w);
	jw_key(w, "fingerprint");
	jw_str(w, d->fingerprint);
	if (d->justification) {
		jw_key(w, "suppression");
		jw_obj_compact(w);
		jw_key(w, "kind");
		jw_str(w, supp_kind(d));
		jw_key(w, "justification");
		jw_str(w, d->justification);
		if (!d->external) {
			jw_key(w, "location");
			j_location(w, d->supp_file, d->supp_line, d->supp_col, d->supp_end_line,
				   d->supp_end_col);
		}
		jw_end_obj(w);
	}
	jw_end_obj(w);
}

static void emit_json(const report *r, tlc_buf *out)
{
	jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "version");
	jw_int(&w, 1);
	jw_key(&w, "diagnostics");
	jw_arr(&w);
	for (size_t i = 0; i < r->n; i++)
		j_diag(&w, &r->v[i]);
	jw_end_arr(&w);
	if (r->ns) { /* optional (version 1 still): only when something was suppressed */
		jw_key(&w, "suppressed");
		jw_arr(&w);
		for (size_t i = 0; i < r->ns; i++)
			j_diag(&w, &r->sv[i]);
		jw_end_arr(&w);
	}
	jw_key(&w, "summary");
	jw_obj_compact(&w);
	jw_key(&w, "errors");
	jw_int(&w, (int64_t)r->count[TLC_SEV_ERROR]);
	jw_key(&w, "warnings");
	jw_int(&w, (int64_t)r->count[TLC_SEV_WARNING]);
	jw_key(&w, "notes");
	jw_int(&w, (int64_t)r->count[TLC_SEV_NOTE]);
	jw_key(&w, "baselined");
	jw_int(&w, (int64_t)r->baselined);
	if (r->ns) {
		jw_key(&w, "suppressed");
		jw_int(&w, (int64_t)r->ns);
	}
	jw_end_obj(&w);
	jw_end_obj(&w);
}

/* ---- SARIF 2.1.0 ---------------------------------------------------------------------------- */

static const char *sarif_level(tlc_severity s)
{
	return s == TLC_SEV_ERROR ? "error" : s == TLC_SEV_WARNING ? "warning" : "note";
}

static void s_message(jsonw *w, const char *text)
{
	jw_obj_compact(w);
	jw_key(w, "text");
	jw_str(w, text);
	jw_end_obj(w);
}

/* base, which names a folder, with exactly one '/' before what follows */
static void put_base(tlc_buf *b, const char *base)
{
	size_t n = strlen(base);
	tlc_buf_puts(b, base);
	if (!n || base[n - 1] != '/')
		tlc_buf_puts(b, "/");
}

static bool has_scheme(const char *s, size_t n)
{
	size_t i = 0;
	if (!n || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	while (i < n && (strchr("+-.", s[i]) || (s[i] >= '0' && s[i] <= '9') ||
			 (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		i++;
	return i < n && s[i] == ':';
}

/* A rule's page as help.markdown: its relative links (`](../cli.md#x)`, `](TL030.md)`,
 * `](#fix)`) made absolute under the docs URL, so they work where GitHub shows the help; without
 * a docs URL the page as it is. */
static void help_markdown(tlc_buf *b, const char *page, const char *id, const char *docs)
{
	const char *p = page, *l;
	while (docs && (l = strstr(p, "](")) != NULL) {
		const char *t = l + 2, *e = t + strcspn(t, ") \n");
		tlc_buf_put(b, p, (size_t)(t - p));
		p = t;
		if (*e != ')' || e == t || has_scheme(t, (size_t)(e - t)))
			continue;
		put_base(b, docs);
		if (*t == '#')
			tlc_buf_printf(b, "diagnostics/%s.md", id);
		else if (strncmp(t, "../", 3) == 0)
			t += 3;
		else
			tlc_buf_puts(b, "diagnostics/");
		if (strncmp(t, "./", 2) == 0)
			t += 2;
		tlc_buf_put(b, t, (size_t)(e - t));
		p = e;
	}
	tlc_buf_puts(b, p);
}

static void s_rules(jsonw *w, const char *docs)
{
	size_t n;
	const tlc_rule *rules = tlc_rules(&n);
	jw_key(w, "rules");
	jw_arr(w);
	for (size_t i = 0; i < n; i++) {
		jw_obj(w);
		jw_key(w, "id");
		jw_str(w, rules[i].id);
		jw_key(w, "name");
		jw_str(w, rules[i].name);
		jw_key(w, "shortDescription");
		s_message(w, rules[i].summary);
		jw_key(w, "fullDescription");
		{
			tlc_buf fb = TLC_BUF_INIT;
			tlc_buf_printf(&fb, "%s. Run 'timelinec explain %s' for what happens on the "
					    "device, why, and the fix.", rules[i].summary, rules[i].id);
			s_message(w, fb.ptr);
			tlc_buf_release(&fb);
		}
		/* GitHub shows help (text and markdown) with an alert, and requires it of every rule
		 * once one has it: each rule's page, embedded as `explain` prints it */
		const char *page = tlc_explain_page(rules[i].id);
		tlc_buf hb = TLC_BUF_INIT;
		if (page)
			help_markdown(&hb, page, rules[i].id, docs);
		else
			tlc_buf_printf(&hb, "%s: %s.\n", rules[i].id, rules[i].summary);
		jw_key(w, "help");
		jw_obj(w);
		jw_key(w, "text");
		jw_str(w, page ? page : hb.ptr);
		jw_key(w, "markdown");
		jw_str(w, hb.ptr);
		jw_end_obj(w);
		tlc_buf_release(&hb);
		if (docs) { /* absolute, as SARIF requires of helpUri; none without --docs-url */
			tlc_buf ub = TLC_BUF_INIT;
			put_base(&ub, docs);
			tlc_buf_printf(&ub, "diagnostics/%s.md", rules[i].id);
			jw_key(w, "helpUri");
			jw_str(w, ub.ptr);
			tlc_buf_release(&ub);
		}
		jw_key(w, "defaultConfiguration");
		jw_obj_compact(w);
		jw_key(w, "level");
		jw_str(w, sarif_level(rules[i].sev));
		jw_end_obj(w);
		jw_end_obj(w);
	}
	jw_end_arr(w);
}

static void s_location(jsonw *w, const char *file, unsigned l0, unsigned c0, unsigned l1, unsigned c1,
		       const char *msg)
{
	jw_obj(w);
	jw_key(w, "physicalLocation");
	jw_obj(w);
	jw_key(w, "artifactLocation");
	jw_obj_compact(w);
	jw_key(w, "uri");
	jw_str(w, file && file[0] == '/' ? file + 1 : file);
	if (file && file[0] == '/') {
		jw_key(w, "uriBaseId");
		jw_str(w, "ROOT");
	}
	jw_end_obj(w);
	if (l0) {
		jw_key(w, "region");
		jw_obj_compact(w);
		jw_key(w, "startLine");
		jw_int(w, l0);
		jw_key(w, "startColumn");
		jw_int(w, c0);
		jw_key(w, "endLine");
		jw_int(w, l1 ? l1 : l0);
		jw_key(w, "endColumn");
		jw_int(w, c1 > c0 || l1 > l0 ? c1 : c0 + 1);
		jw_end_obj(w);
	}
	jw_end_obj(w);
	if (msg) {
		jw_key(w, "message");
		s_message(w, msg);
	}
	jw_end_obj(w);
}

static size_t rule_index(const char *id)
{
	size_t n;
	const tlc_rule *rules = tlc_rules(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(rules[i].id, id) == 0)
			return i;
	return 0;
}

/* s as a sentence: a final '.' unless it ends in '.', '?' or '!' already */
static void put_sentence(tlc_buf *b, const char *s)
{
	size_t n = strlen(s);
	tlc_buf_puts(b, s);
	if (n && !strchr(".?!", s[n - 1]))
		tlc_buf_puts(b, ".");
}

static void s_result(jsonw *w, const rdiag *d)
{
	tlc_buf m = TLC_BUF_INIT;
	put_sentence(&m, d->message);
	if (d->fix) {
		tlc_buf_puts(&m, " Fix: ");
		put_sentence(&m, d->fix);
	}
	jw_obj(w);
	jw_key(w, "ruleId");
	jw_str(w, d->rule);
	jw_key(w, "ruleIndex");
	jw_int(w, (int64_t)rule_index(d->rule));
	jw_key(w, "level");
	jw_str(w, sarif_level(d->sev));
	jw_key(w, "message");
	s_message(w, m.ptr);
	tlc_buf_release(&m);
	jw_key(w, "locations");
	jw_arr(w);
	s_location(w, d->file, d->line, d->col, d->end_line, d->end_col, NULL);
	jw_end_arr(w);
	if (d->related_note) {
		jw_key(w, "relatedLocations");
		jw_arr(w);
		s_location(w, d->related_file, d->related_line, d->related_col, d->related_line,
			   d->related_col + 1, d->related_note);
		jw_end_arr(w);
	}
	jw_key(w, "partialFingerprints");
	jw_obj_compact(w);
	jw_key(w, "timelinec/v1");
	jw_str(w, d->fingerprint);
	jw_end_obj(w);
	if (d->justification) { /* kept, so the alert is closed as suppressed, not as fixed */
		jw_key(w, "suppressions");
		jw_arr(w);
		jw_obj(w);
		jw_key(w, "kind");
		jw_str(w, supp_kind(d));
		jw_key(w, "justification");
		jw_str(w, d->justification);
		if (!d->external && d->supp_file) {
			jw_key(w, "location");
			s_location(w, d->supp_file, d->supp_line, d->supp_col, d->supp_end_line,
				   d->supp_end_col, NULL);
		}
		jw_end_obj(w);
		jw_end_arr(w);
	}
	if (d->has_timing) {
		jw_key(w, "properties");
		jw_obj(w);
		j_timing(w, d);
		jw_end_obj(w);
	}
	jw_end_obj(w);
}

static void emit_sarif(const report *r, tlc_buf *out)
{
	jsonw w;
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "$schema");
	jw_str(&w, "https://json.schemastore.org/sarif-2.1.0.json");
	jw_key(&w, "version");
	jw_str(&w, "2.1.0");
	jw_key(&w, "runs");
	jw_arr(&w);
	jw_obj(&w);
	jw_key(&w, "tool");
	jw_obj(&w);
	jw_key(&w, "driver");
	jw_obj(&w);
	jw_key(&w, "name");
	jw_str(&w, "timelinec");
	jw_key(&w, "version");
	jw_str(&w, tlc_version());
	if (r->opts->docs_url) {
		jw_key(&w, "informationUri");
		jw_str(&w, r->opts->docs_url);
	}
	s_rules(&w, r->opts->docs_url);
	jw_end_obj(&w);
	jw_end_obj(&w);
	jw_key(&w, "originalUriBaseIds");
	jw_obj(&w);
	jw_key(&w, "ROOT");
	jw_obj_compact(&w);
	jw_key(&w, "uri");
	jw_str(&w, "file:///");
	jw_end_obj(&w);
	jw_end_obj(&w);
	jw_key(&w, "columnKind");
	jw_str(&w, "unicodeCodePoints");
	jw_key(&w, "results");
	jw_arr(&w);
	for (size_t i = 0; i < r->n; i++)
		s_result(&w, &r->v[i]);
	for (size_t i = 0; i < r->ns; i++)
		s_result(&w, &r->sv[i]);
	jw_end_arr(&w);
	jw_end_obj(&w);
	jw_end_arr(&w);
	jw_end_obj(&w);
}

/* ---- GitHub Actions workflow commands ------------------------------------------------------ */

/* GitHub's escaping (toolkit's command.ts): data escapes '%', CR and LF; a property value
 * also ':' and ','. Everything else, '::' included, is safe once no line can start anew. */
static void gh_escape(tlc_buf *b, const char *s, bool property)
{
	for (; s && *s; s++) {
		if (*s == '%')
			tlc_buf_puts(b, "%25");
		else if (*s == '\r')
			tlc_buf_puts(b, "%0D");
		else if (*s == '\n')
			tlc_buf_puts(b, "%0A");
		else if (property && *s == ':')
			tlc_buf_puts(b, "%3A");
		else if (property && *s == ',')
			tlc_buf_puts(b, "%2C");
		else
			tlc_buf_putc(b, *s);
	}
}

/* The file as GitHub wants it, relative to the working directory (the checkout) when it is
 * inside it; otherwise as given. */
static const char *gh_path(const char *file, const char *cwd)
{
	size_t n = cwd ? strlen(cwd) : 0;
	if (file && n && strncmp(file, cwd, n) == 0 && (file[n] == '/' || cwd[n - 1] == '/')) {
		const char *rel = file + n + (file[n] == '/');
		return *rel ? rel : file;
	}
	return file;
}

/* ::error|warning|notice file=F,line=L,col=C,endLine=L2,endColumn=C2,title=TLxxx name::message
 * with the fix and a related location on lines of their own (%0A). Columns only on one line:
 * GitHub takes columns of an annotation whose lines differ as wrong. */
static void gh_annotation(tlc_buf *b, const rdiag *d, const char *cwd)
{
	const tlc_rule *rule = tlc_rule_find(d->rule);
	const char *file = gh_path(d->file, cwd);
	const char *cmd = d->sev == TLC_SEV_ERROR ? "error" : d->sev == TLC_SEV_WARNING ? "warning" : "notice";
	tlc_buf_printf(b, "::%s ", cmd);
	if (file) {
		tlc_buf_puts(b, "file=");
		gh_escape(b, file, true);
		tlc_buf_puts(b, ",");
	}
	if (file && d->line) {
		unsigned l1 = d->end_line > d->line ? d->end_line : d->line;
		tlc_buf_printf(b, "line=%u,", d->line);
		if (l1 == d->line)
			tlc_buf_printf(b, "col=%u,endLine=%u,endColumn=%u,", d->col, l1,
				       d->end_col > d->col ? d->end_col : d->col + 1);
		else
			tlc_buf_printf(b, "endLine=%u,", l1);
	}
	tlc_buf_puts(b, "title=");
	tlc_buf_printf(b, "%s", d->rule);
	if (rule) {
		tlc_buf_puts(b, " ");
		gh_escape(b, rule->name, true);
	}
	tlc_buf_puts(b, "::");
	gh_escape(b, d->message, false);
	if (d->fix) {
		tlc_buf_puts(b, "%0Afix: ");
		gh_escape(b, d->fix, false);
	}
	if (d->related_note) {
		tlc_buf_puts(b, "%0Anote: ");
		gh_escape(b, d->related_note, false);
		tlc_buf_printf(b, " (");
		gh_escape(b, gh_path(d->related_file, cwd), false);
		tlc_buf_printf(b, ":%u:%u)", d->related_line, d->related_col);
	}
	tlc_buf_puts(b, "\n");
}

static void emit_github(const report *r, tlc_buf *out)
{
	char cwd[4096];
	const char *wd = getcwd(cwd, sizeof cwd) ? cwd : NULL;
	for (size_t i = 0; i < r->n; i++)
		gh_annotation(out, &r->v[i], wd);
}

/* ---- finishing ------------------------------------------------------------------------------ */

static int write_out(const char *path, void (*emit)(const report *, tlc_buf *), const report *r)
{
	tlc_buf b = TLC_BUF_INIT;
	emit(r, &b);
	int rc = tlc_buf_oom(&b) || !r->write_file ? -1 : r->write_file(path, b.ptr, b.len);
	tlc_buf_release(&b);
	return rc;
}

/* Version 2: each file relative to the baseline's own folder (--write-baseline FILE), and its
 * fingerprint hashing that file (the report's own when the baseline is at the repository root). */
static void emit_baseline(const report *r, tlc_buf *out)
{
	jsonw w;
	char dir[4096], key[4096];
	tlc_path_dirname(dir, sizeof dir, r->opts->write_baseline ? r->opts->write_baseline : ".");
	jw_init(&w, out);
	jw_obj(&w);
	jw_key(&w, "timelinec-baseline");
	jw_int(&w, 2);
	jw_key(&w, "findings");
	jw_arr(&w);
	for (size_t i = 0; i < r->n; i++) {
		jw_obj_compact(&w);
		jw_key(&w, "rule");
		jw_str(&w, r->v[i].rule);
		jw_key(&w, "file");
		baseline_key(key, sizeof key, r->v[i].file, dir);
		jw_str(&w, key);
		jw_key(&w, "fingerprint");
		jw_str(&w, r->v[i].base_fingerprint);
		jw_key(&w, "message");
		jw_str(&w, r->v[i].message);
		jw_end_obj(&w);
	}
	jw_end_arr(&w);
	jw_end_obj(&w);
}

void report_release(report *r)
{
	for (size_t i = 0; i < r->n; i++)
		rdiag_release(&r->v[i]);
	free(r->v);
	for (size_t i = 0; i < r->ns; i++)
		rdiag_release(&r->sv[i]);
	free(r->sv);
	for (size_t i = 0; i < r->nbase; i++)
		free(r->base[i].file);
	free(r->base);
	free(r->base_dir);
}

/* Baselined findings that are gone: the baseline should shrink. */
static size_t stale_baseline(const report *r, FILE *out)
{
	size_t gone = 0;
	for (size_t i = 0; i < r->nbase; i++)
		if (!r->base[i].matched) {
			/* a version 2 file is relative to the baseline's folder: shown from here */
			char shown[4096], joined[8200];
			const char *f = r->base[i].file && *r->base[i].file ? r->base[i].file : "timelinec";
			snprintf(joined, sizeof joined, "%s/%s", r->base_dir ? r->base_dir : ".", f);
			if (r->base_version == 2 && r->base[i].file && *r->base[i].file && f[0] != '<' &&
			    tlc_path_normalize(shown, sizeof shown, joined) == 0)
				f = shown;
			fprintf(out, "%s: note: a baselined %s finding is gone; update the baseline "
				     "(--write-baseline) [baseline]\n", f, r->base[i].rule);
			gone++;
		}
	return gone;
}

int report_finish(report *r, int input_failed)
{
	const cli_opts *o = r->opts;
	int rc = EXIT_OK, wrote = 0;
	tlc_buf b = TLC_BUF_INIT;
	if (o->format == FORMAT_JSON)
		emit_json(r, &b);
	else if (o->format == FORMAT_SARIF)
		emit_sarif(r, &b);
	else if (o->format == FORMAT_GITHUB)
		emit_github(r, &b);
	if (b.len)
		fwrite(b.ptr, 1, b.len, r->out);
	tlc_buf_release(&b);
	if (o->output_sarif && write_out(o->output_sarif, emit_sarif, r) < 0)
		wrote = -1;
	if (o->output_json && write_out(o->output_json, emit_json, r) < 0)
		wrote = -1;
	if (o->write_baseline && write_out(o->write_baseline, emit_baseline, r) < 0)
		wrote = -1;
	size_t gone = o->baseline ? stale_baseline(r, o->format == FORMAT_HUMAN ? r->out : r->err) : 0;
	/* GitHub's format: the same plain line, which no workflow command starts, so it is only
	 * a line of the log */
	bool lines = o->format == FORMAT_HUMAN || o->format == FORMAT_GITHUB;
	if (lines && r->count[TLC_SEV_ERROR] + r->count[TLC_SEV_WARNING] > 0)
		fprintf(r->out, "%zu error%s, %zu warning%s%s\n", r->count[TLC_SEV_ERROR],
			r->count[TLC_SEV_ERROR] == 1 ? "" : "s", r->count[TLC_SEV_WARNING],
			r->count[TLC_SEV_WARNING] == 1 ? "" : "s",
			r->baselined ? " (and baselined ones hidden)" : "");
	if (input_failed || wrote < 0)
		rc = EXIT_BAD_INPUT;
	else if (r->count[TLC_SEV_ERROR] || (o->werror && r->count[TLC_SEV_WARNING]) ||
		 (o->max_warnings >= 0 && (long)r->count[TLC_SEV_WARNING] > o->max_warnings) ||
		 (o->baseline_strict && gone))
		rc = EXIT_FINDINGS;
	if (rc == EXIT_FINDINGS && o->max_warnings >= 0 && !r->count[TLC_SEV_ERROR] &&
	    (long)r->count[TLC_SEV_WARNING] > o->max_warnings && lines)
		fprintf(r->out, "more than %ld warnings (--max-warnings)\n", o->max_warnings);
	report_release(r);
	return rc;
}

/* Where a value of a JSON file is, for a diagnostic: keys[] walked from the root with the
 * project's own reader (spans); the file's start when it cannot be found. */
tlc_span cli_json_span(tlc_ctx *ctx, uint32_t file, const char *const *keys, size_t n, long index)
{
	tlc_diags quiet = ctx->diags; /* the reader's own diagnostics are not this run's */
	tlc_diags_init(&ctx->diags);
	tlc_node *node = NULL;
	tlc_span sp = tlc_span_make(file, 0, 0);
	if (tlc_parse_json(ctx, file, &node) == 0) {
		for (size_t i = 0; node && i < n; i++)
			node = tlc_node_get(node, keys[i]);
		if (node && index >= 0)
			node = node->kind == TLC_NODE_SEQ && (size_t)index < node->n ? node->items[index] : NULL;
		if (node)
			sp = node->span;
	}
	tlc_diags_release(&ctx->diags);
	ctx->diags = quiet;
	return sp;
}

