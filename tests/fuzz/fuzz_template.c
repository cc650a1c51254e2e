/*
 * fuzz_template.c — text templates (compiler/spec/template.h: splitting into literal, baked-message
 * and self-updating runs) and the ICU MessageFormat front end under them
 * (tlc_render_msg_scan, tlc_render_msg).
 *
 * The input after the option bytes is the template's value. It is written into a source the
 * way a spec would hold it (option bits 0-2: a JSON string, a JSON string with every non-ASCII
 * character escaped, YAML double-quoted, single-quoted, a literal block, plain) and read back
 * by the real reader, so the scalar's span and the offsets inside it are genuine.
 *
 * Option bytes:
 *   0: bits 0-2 the style above; bit 3 a Live Activity environment (date fields), else bit 7
 *      an events countdown's phase ({timer end}); bit 4 also format each message; bit 5 also
 *      scan and format the raw value as a pattern; bit 6 minimum-ios 17 (an iOS 18 style is
 *      TL033), else 18
 *   1: bits 0-2 the locale (bit 3: none, for the scan); bits 4-7 argument values
 *
 * Checked: runs lie inside the value with spans in the file; their messages scan; argument
 * uses lie inside their pattern; a failed format leaves the buffer as it was; an iOS 18 style's
 * options are in range.
 */
#include "fuzz.h"
#include "spec/template.h"
#include "render/render_internal.h" /* tlc_msg__render: ICU alone, to compare */

static const char *const env_args[] = {"name", "who", "n", "team", "score", "courier", "g"};
static const bool env_int[] = {false, false, true, false, true, false, false}; /* integers */
static const char *const env_dates[] = {"eta", "start", "end"};

static void put_escaped(tlc_buf *b, const uint8_t *p, size_t n, bool ascii)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];
		if (c == '"' || c == '\\') {
			tlc_buf_putc(b, '\\');
			tlc_buf_putc(b, (char)c);
		} else if (c < 0x20 || c == 0x7f) {
			tlc_buf_printf(b, "\\u%04x", c);
		} else if (c >= 0x80 && ascii) {
			/* a valid sequence (checked by the caller) as \u escapes, astral as a pair */
			unsigned len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			unsigned cp = c & (0xFFu >> (len + 1));
			for (unsigned k = 1; k < len; k++)
				cp = cp << 6 | (p[i + k] & 0x3F);
			i += len - 1;
			if (cp >= 0x10000)
				tlc_buf_printf(b, "\\u%04x\\u%04x", 0xD800 + ((cp - 0x10000) >> 10),
					       0xDC00 + ((cp - 0x10000) & 0x3FF));
			else
				tlc_buf_printf(b, "\\u%04x", cp);
		} else {
			tlc_buf_putc(b, (char)c);
		}
	}
}

/* The source text holding value [p, p+n) in the given style; returns true for JSON. */
static bool make_source(tlc_buf *b, unsigned style, const uint8_t *p, size_t n)
{
	switch (style) {
	case 0:
	case 1:
	case 2:
		tlc_buf_putc(b, '"');
		put_escaped(b, p, n, style == 1);
		tlc_buf_putc(b, '"');
		return style != 2;
	case 3:
		tlc_buf_putc(b, '\'');
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '\'')
				tlc_buf_putc(b, '\'');
			tlc_buf_putc(b, (char)p[i]);
		}
		tlc_buf_putc(b, '\'');
		return false;
	case 4:
		tlc_buf_puts(b, "|2-\n  ");
		for (size_t i = 0; i < n; i++) {
			tlc_buf_putc(b, (char)p[i]);
			if (p[i] == '\n')
				tlc_buf_puts(b, "  ");
		}
		tlc_buf_putc(b, '\n');
		return false;
	default:
		tlc_buf_put(b, (const char *)p, n);
		return false;
	}
}

static tlc_msg_arg_type arg_type(const tlc_msg_use *u)
{
	return u->kind == TLC_MSG_KIND_SELECT ? TLC_MSG_ARG_STRING : TLC_MSG_ARG_INT;
}

/* Scans pattern, checks the uses, and formats it with values for every argument. */
static void run_pattern(const char *pat, size_t len, unsigned b_loc, bool format, bool must_scan)
{
	static const int64_t ints[16] = {0, 1, 2, 3, 5, 11, 21, 101, 1000000, -1, 1000, 24, 59,
					 1999, (int64_t)1 << 53, -((int64_t)1 << 53)};
	static const char *const strs[4] = {"f", "other", "Ann", ""};
	tlc_render_locale *loc = NULL;
	tlc_msg_use *uses = NULL;
	size_t nuses = 0;
	tlc_err e;
	if (!(b_loc & 8) && tlc_render_locale_get(&loc, fuzz_render(), fuzz_locale(b_loc)) < 0)
		abort();
	int rc = tlc_render_msg_scan(&uses, &nuses, &e, loc, pat, len);
	FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM || rc == TLC_ERANGE);
	FUZZ_CHECK(rc == 0 || !must_scan);
	if (rc < 0) {
		FUZZ_CHECK(rc != TLC_EINPUT || (e.offset <= len && e.len <= len - e.offset));
		return;
	}
	FUZZ_CHECK(nuses == 0 || uses != NULL);
	tlc_msg_arg args[32];
	size_t nargs = 0;
	for (size_t i = 0; i < nuses; i++) {
		const tlc_msg_use *u = &uses[i];
		FUZZ_CHECK(u->off < len && u->len <= len - u->off && pat[u->off] == '{');
		FUZZ_CHECK(u->name_off > u->off && u->name_off + u->name_len <= u->off + u->len);
		FUZZ_CHECK(u->name_len > 0 && (unsigned)u->kind < TLC_MSG_KIND_MAX);
		FUZZ_CHECK(u->depth <= TLC_MSG_MAX_DEPTH && (loc || u->missing == 0));
		FUZZ_CHECK(i == 0 || uses[i - 1].off < u->off);
		bool seen = false;
		for (size_t k = 0; k < nargs; k++)
			seen = seen || (strlen(args[k].name) == u->name_len &&
					!memcmp(args[k].name, pat + u->name_off, u->name_len));
		if (seen || nargs == 32)
			continue;
		char *name = malloc(u->name_len + 1);
		if (!name)
			abort();
		memcpy(name, pat + u->name_off, u->name_len);
		name[u->name_len] = 0;
		args[nargs].name = name;
		args[nargs].type = arg_type(u);
		args[nargs].i = ints[((b_loc >> 4) + nargs) & 15];
		args[nargs].s = strs[((b_loc >> 4) + nargs) & 3];
		nargs++;
	}
	if (format && loc) {
		tlc_buf out = TLC_BUF_INIT;
		tlc_buf_puts(&out, "keep");
		rc = tlc_render_msg(&out, &e, loc, pat, len, args, nargs);
		FUZZ_CHECK(rc <= 0 && rc > TLC_E_MAX);
		FUZZ_CHECK(rc == 0 || rc == TLC_ENOMEM || (out.len == 4 && !memcmp(out.ptr, "keep", 4)));
		/* the common-pattern formatter gives ICU's text and errors (msg_fast.c) */
		tlc_buf ref = TLC_BUF_INIT;
		tlc_err e2;
		int rc2 = tlc_msg__render(&ref, &e2, loc, pat, len, args, nargs, true);
		FUZZ_CHECK(rc == rc2 || rc == TLC_ENOMEM || rc2 == TLC_ENOMEM);
		if (rc == 0 && rc2 == 0 && (out.len - 4 != ref.len || memcmp(out.ptr + 4, ref.ptr, ref.len))) {
			fprintf(stderr, "fuzz: '%s' formatted '%s', ICU '%s'\n", loc->name, out.ptr + 4, ref.ptr);
			FUZZ_CHECK(!"the common-pattern formatter differs from ICU");
		}
		FUZZ_CHECK(rc != TLC_EINPUT || rc2 != TLC_EINPUT ||
			   (e.offset == e2.offset && e.len == e2.len && !strcmp(e.msg, e2.msg)));
		tlc_buf_release(&ref);
		tlc_buf_release(&out);
	}
	for (size_t k = 0; k < nargs; k++)
		free((char *)args[k].name);
	free(uses);
}

static void check_runs(tlc_ctx *ctx, const tlc_node *n, const tlc_tmpl *t, unsigned opt,
		       unsigned b_loc)
{
	for (size_t i = 0; i < t->nruns; i++) {
		const tlc_tmpl_run *r = &t->runs[i];
		FUZZ_CHECK((unsigned)r->kind < TLC_RUN_KIND_MAX);
		FUZZ_CHECK(r->off <= n->len && r->len <= n->len - r->off);
		FUZZ_CHECK(i == 0 || t->runs[i - 1].off + t->runs[i - 1].len <= r->off);
		fuzz_check_span(ctx, r->span);
		FUZZ_CHECK(r->span.start >= n->span.start && r->span.end <= n->span.end);
		FUZZ_CHECK((r->units & ~(unsigned)TLC_UNIT_ALL) == 0);
		if (r->kind == TLC_RUN_TEXT || r->kind == TLC_RUN_MESSAGE)
			FUZZ_CHECK(r->text != NULL);
		for (size_t k = 0; k < r->nnames; k++)
			FUZZ_CHECK(r->names[k] != NULL);
		if (tlc_run_is_ios18(r->kind)) /* an accepted style is one the renderer takes */
			FUZZ_CHECK(r->style.fields && (r->style.fields & ~(unsigned)TLC_SF_ALL) == 0 &&
				   r->style.max >= 1 && r->style.max <= tlc_style_max_cap(r->kind) &&
				   (unsigned)r->style.sign < TLC_SIGN_MAX &&
				   (unsigned)r->style.precision < TLC_PREC_MAX &&
				   (r->kind == TLC_RUN_STOPWATCH ||
				    r->style.precision != TLC_PREC_HUNDREDTHS) &&
				   tlc_style_field_name(r->style.threshold) != NULL);
		if (r->kind == TLC_RUN_MESSAGE)
			run_pattern(r->text, strlen(r->text), b_loc, opt & 16, true);
	}
}

/* What the splitter accepted, ICU formats: every message with its arguments typed as they are
 * when shown (units and integer arguments 1, the others a string) is no TLC_EINPUT, in en_US
 * (check finds what compile and render would refuse). */
static void formats_as_split(const tlc_tmpl *t, const tlc_tmpl_env *env)
{
	tlc_render_locale *loc;
	if (tlc_render_locale_get(&loc, fuzz_render(), "en_US") < 0)
		abort();
	for (size_t i = 0; i < t->nruns; i++) {
		const tlc_tmpl_run *r = &t->runs[i];
		tlc_msg_arg args[TLC_UNIT_COUNT + 16];
		size_t n = 0;
		if (r->kind != TLC_RUN_MESSAGE)
			continue;
		for (int u = 0; u < TLC_UNIT_COUNT && !env->activity; u++)
			if (r->units & (1u << u))
				args[n++] = (tlc_msg_arg){tlc_unit_name(1u << u), TLC_MSG_ARG_INT, 1, NULL};
		for (size_t k = 0; k < r->nnames && n < sizeof args / sizeof *args; k++) {
			bool integer = false;
			for (size_t a = 0; a < env->nargs; a++)
				if (strcmp(env->args[a], r->names[k]) == 0)
					integer = env->arg_int[a];
			args[n++] = integer ? (tlc_msg_arg){r->names[k], TLC_MSG_ARG_INT, 1, NULL}
					    : (tlc_msg_arg){r->names[k], TLC_MSG_ARG_STRING, 0, "x"};
		}
		tlc_buf out = TLC_BUF_INIT;
		tlc_err e;
		int rc = tlc_render_msg(&out, &e, loc, r->text, strlen(r->text), args, n);
		FUZZ_CHECK(rc != TLC_EINPUT);
		tlc_buf_release(&out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	unsigned opt = fuzz_byte(&in), b_loc = fuzz_byte(&in);
	tlc_buf src = TLC_BUF_INIT;
	tlc_ctx ctx;
	tlc_node *root = NULL;
	if (in.n > TLC_MAX_SCALAR_LEN || memchr(in.p, 0, in.n) ||
	    tlc_utf8_check((const char *)in.p, in.n) != (size_t)-1)
		return 0;
	if (opt & 32)
		run_pattern((const char *)in.p, in.n, b_loc, true, false);
	bool json = make_source(&src, opt & 7, in.p, in.n);
	FUZZ_CHECK(!tlc_buf_oom(&src));
	tlc_ctx_init(&ctx);
	ctx.render = fuzz_render();
	uint32_t file = fuzz_source(&ctx, json ? "t.json" : "t.yaml", (const uint8_t *)src.ptr, src.len);
	tlc_buf_release(&src);
	int rc = json ? tlc_parse_json(&ctx, file, &root) : tlc_parse_yaml(&ctx, file, &root);
	if (rc == 0 && root && root->kind == TLC_NODE_SCALAR) {
		tlc_tmpl_env env = {env_args, sizeof env_args / sizeof *env_args, NULL, 0, false, env_int,
				    opt & 64 ? 17 : 18, false, NULL, 0};
		tlc_tmpl t;
		if (opt & 8) {
			env.dates = env_dates;
			env.ndates = sizeof env_dates / sizeof *env_dates;
			env.activity = true;
		} else {
			env.item_end = (opt & 128) != 0;
		}
		memset(&t, 0, sizeof t);
		rc = tlc_template_split(&ctx, root, &env, &t);
		FUZZ_CHECK(rc == 0 || rc == TLC_EINPUT || rc == TLC_ENOMEM);
		FUZZ_CHECK(rc != TLC_EINPUT || ctx.diags.n > 0);
		if (rc == 0)
			check_runs(&ctx, root, &t, opt, b_loc);
		if (rc == 0)
			formats_as_split(&t, &env);
	}
	fuzz_check_diags(&ctx);
	tlc_ctx_release(&ctx);
	return 0;
}
