/*
 * Baked messages: tlc_render_msg() (convert names, then ICU MessageFormat) and
 * tlc_render_msg_scan() (syntax, argument list, plural coverage). Contracts in render.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render_internal.h"

#define MAX_SAFE_INT ((int64_t)1 << 53) /* integers a double holds exactly */

static int check_args(tlc_err *err, const tlc_msg_arg *args, size_t nargs)
{
	for (size_t k = 0; k < nargs; k++) {
		const tlc_msg_arg *a = &args[k];
		if (!a->name || (unsigned)a->type >= TLC_MSG_ARG_TYPE_MAX ||
		    (a->type == TLC_MSG_ARG_STRING && !a->s))
			return TLC_EINVAL;
		if (a->type == TLC_MSG_ARG_STRING &&
		    tlc_msg__utf8_check(a->s, strlen(a->s)) < strlen(a->s)) {
			if (err) {
				err->offset = err->len = 0;
				snprintf(err->msg, sizeof err->msg,
					 "argument '%.40s' is not valid UTF-8", a->name);
			}
			return TLC_EINPUT;
		}
		if (a->type == TLC_MSG_ARG_INT && (a->i > MAX_SAFE_INT || a->i < -MAX_SAFE_INT)) {
			if (err) {
				err->offset = err->len = 0;
				snprintf(err->msg, sizeof err->msg,
					 "argument '%.40s' is beyond +-2^53", a->name);
			}
			return TLC_ERANGE;
		}
	}
	return 0;
}

/* Locates an ICU rejection: at the mapped offset, or the whole pattern when ICU gives none. */
static void icu_error(tlc_err *err, const tlc_msg_scan *sc, size_t bad_off, const char *why,
		      size_t len)
{
	size_t off = bad_off == SIZE_MAX ? SIZE_MAX : tlc_msg__map_offset(sc, bad_off);
	if (!err)
		return;
	err->offset = off < len ? off : 0;
	err->len = off < len ? 1 : len;
	snprintf(err->msg, sizeof err->msg, "ICU rejects the message (%s)", why ? why : "error");
}

/*
 * Formats a scanned pattern with the argument values (types as at the scan) into out: with the
 * compiled common form when there is one (msg_fast.c: it takes only patterns ICU's
 * MessagePattern accepts, so ICU need not compile them), else, or when a value needs it, with
 * ICU's MessageFormat.
 */
static int run_scanned(tlc_buf *out, tlc_err *err, const tlc_msg_scan *sc,
		       const tlc_msg_fast *fast, tlc_render_locale *loc, size_t len,
		       const tlc_msg_arg *args)
{
	int64_t num[TLC_MSG_MAX_NUM_ARGS];
	const char *str[TLC_MSG_MAX_STR_ARGS];
	size_t mark = out->len, bad_off = SIZE_MAX;
	const char *why = NULL;
	int error = 1;
	for (size_t k = 0; k < sc->n_num; k++)
		num[k] = args[sc->num_arg[k]].i;
	for (size_t k = 0; k < sc->n_str; k++)
		str[k] = args[sc->str_arg[k]].s;
	if (fast && (error = tlc_msg__fast_run(out, fast, loc, num, sc->n_num, str, sc->n_str)) > 0)
		tlc_buf_truncate(out, mark);
	if (error > 0)
		error = tlc_icu__msg_format(out, &bad_off, &why, loc->icu, sc->out.ptr, sc->out.len,
					    num, sc->n_num, str, sc->n_str);
	if (error == TLC_EINPUT)
		icu_error(err, sc, bad_off, why, len);
	if (error == 0 && out->len - mark > TLC_MSG_MAX_TEXT) { /* '::scale/1e999999', '#' x 60000 */
		error = TLC_ERANGE;
		if (err) {
			err->offset = 0;
			err->len = len;
			snprintf(err->msg, sizeof err->msg, "the text is %zu bytes; a message may produce "
				 "at most %d (TLC_MSG_MAX_TEXT)", out->len - mark, TLC_MSG_MAX_TEXT);
		}
	}
	return tlc_render__finish(out, mark, error);
}

int tlc_msg__render(tlc_buf *out, tlc_err *err, tlc_render_locale *loc, const char *pattern,
		    size_t len, const tlc_msg_arg *args, size_t nargs, bool icu_only)
{
	tlc_msg_scan sc;
	tlc_msg_fast *fast = NULL;
	int error;
	if (!out || !loc || (!pattern && len) || (!args && nargs))
		return TLC_EINVAL;
	if (tlc_buf_oom(out))
		return TLC_ENOMEM;
	if ((error = check_args(err, args, nargs)) < 0)
		return error;
	tlc_msg__scan_init(&sc);
	error = tlc_msg__scan(&sc, err, pattern ? pattern : "", len, args, nargs, true);
	if (error == 0 && !icu_only) /* the padding is for ICU's varargs only */
		error = tlc_msg__fast_compile(&fast, sc.out.ptr + sc.pad_len, sc.out.len - sc.pad_len);
	if (error == 0)
		error = run_scanned(out, err, &sc, fast, loc, len, args);
	tlc_msg__fast_free(fast);
	tlc_msg__scan_release(&sc);
	return error;
}

int tlc_render_msg(tlc_buf *out, tlc_err *err, tlc_render_locale *loc, const char *pattern,
		   size_t len, const tlc_msg_arg *args, size_t nargs)
{
	return tlc_msg__render(out, err, loc, pattern, len, args, nargs, false);
}

struct tlc_msg_prepared {
	tlc_msg_scan sc;
	tlc_msg_fast *fast;
	tlc_render_locale *loc;
	size_t len, nargs;
	const char *names[TLC_MSG_MAX_NUM_ARGS + TLC_MSG_MAX_STR_ARGS];
	tlc_msg_arg_type types[TLC_MSG_MAX_NUM_ARGS + TLC_MSG_MAX_STR_ARGS];
};

int tlc_render_msg_prepare(tlc_msg_prepared **out, tlc_err *err, tlc_render_locale *loc,
			   const char *pattern, size_t len, const tlc_msg_arg *args, size_t nargs)
{
	if (!out || !loc || (!pattern && len) || (!args && nargs))
		return TLC_EINVAL;
	*out = NULL;
	if (nargs > TLC_MSG_MAX_NUM_ARGS + TLC_MSG_MAX_STR_ARGS)
		return TLC_ERANGE;
	for (size_t k = 0; k < nargs; k++)
		if (!args[k].name || (unsigned)args[k].type >= TLC_MSG_ARG_TYPE_MAX)
			return TLC_EINVAL;
	tlc_msg_prepared *m = calloc(1, sizeof *m);
	if (!m)
		return TLC_ENOMEM;
	tlc_msg__scan_init(&m->sc);
	int error = tlc_msg__scan(&m->sc, err, pattern ? pattern : "", len, args, nargs, true);
	if (error == 0)
		error = tlc_msg__fast_compile(&m->fast, m->sc.out.ptr + m->sc.pad_len,
					      m->sc.out.len - m->sc.pad_len);
	if (error < 0) {
		tlc_render_msg_prepared_free(m);
		return error;
	}
	m->loc = loc;
	m->len = len;
	m->nargs = nargs;
	for (size_t k = 0; k < nargs; k++) {
		m->names[k] = args[k].name;
		m->types[k] = args[k].type;
	}
	*out = m;
	return 0;
}

int tlc_render_msg_prepared(tlc_buf *out, tlc_err *err, const tlc_msg_prepared *m,
			    const tlc_msg_arg *args, size_t nargs)
{
	int error;
	if (!out || !m || (!args && nargs) || nargs != m->nargs)
		return TLC_EINVAL;
	for (size_t k = 0; k < nargs; k++) /* the same arguments as at the preparation */
		if (args[k].type != m->types[k] || !args[k].name ||
		    (args[k].name != m->names[k] && strcmp(args[k].name, m->names[k]) != 0))
			return TLC_EINVAL;
	if (tlc_buf_oom(out))
		return TLC_ENOMEM;
	if ((error = check_args(err, args, nargs)) < 0)
		return error;
	return run_scanned(out, err, &m->sc, m->fast, m->loc, m->len, args);
}

void tlc_render_msg_prepared_free(tlc_msg_prepared *m)
{
	if (!m)
		return;
	tlc_msg__scan_release(&m->sc);
	tlc_msg__fast_free(m->fast);
	free(m);
}

static bool is_explicit(const tlc_msg_scan *sc, size_t use, double v)
{
	for (size_t k = 0; k < sc->n_explicits; k++)
		if (sc->explicits[k].use == use && sc->explicits[k].value == v)
			return true;
	return false;
}

/*
 * Categories of loc a plural use leaves uncovered: a category is missing when some sample value
 * (0..1999 and a few large round numbers, taken after the plural offset) selects it, the use has
 * no keyword branch for it, and the raw value (sample + offset) has no explicit =N branch.
 */
static int missing_for(unsigned *out, const tlc_msg_scan *sc, size_t use, tlc_render_locale *loc)
{
	const tlc_msg_use *u = &sc->uses[use];
	bool ordinal = u->kind == TLC_MSG_KIND_SELECTORDINAL;
	const uint8_t *tab = NULL;
	unsigned missing = 0;
	int error = tlc_icu__plural_samples(&tab, loc->icu, ordinal);
	if (error < 0)
		return error;
	for (size_t k = 0; k < TLC_PLURAL_SAMPLES; k++) {
		if ((u->covered & tab[k]) || (missing & tab[k]))
			continue;
		if (!is_explicit(sc, use, tlc_plural_sample(k) + sc->offsets[use]))
			missing |= tab[k];
	}
	*out = missing;
	return 0;
}

int tlc_render_plural_range(unsigned *out, tlc_render_locale *loc, bool ordinal, int64_t min,
			    int64_t max)
{
	const uint8_t *tab = NULL;
	unsigned cats = 0;
	if (!out || !loc || min < 0 || max < min)
		return TLC_EINVAL;
	int error = tlc_icu__plural_samples(&tab, loc->icu, ordinal);
	if (error < 0)
		return error;
	for (int64_t k = min; k <= max && k < TLC_PLURAL_SAMPLES_DENSE; k++)
		cats |= tab[k];
	*out = cats;
	return 0;
}

int tlc_render_msg_scan(tlc_msg_use **out, size_t *n_out, tlc_err *err, tlc_render_locale *loc,
			const char *pattern, size_t len)
{
	tlc_msg_scan sc;
	tlc_msg_use *uses = NULL;
	size_t n = 0;
	int error;
	if (!out || !n_out || (!pattern && len))
		return TLC_EINVAL;
	tlc_msg__scan_init(&sc);
	if ((error = tlc_msg__scan(&sc, err, pattern ? pattern : "", len, NULL, 0, false)) < 0)
		goto out;
	for (size_t k = 0; loc && k < sc.n_uses; k++) {
		tlc_msg_kind kd = sc.uses[k].kind;
		if (kd == TLC_MSG_KIND_PLURAL || kd == TLC_MSG_KIND_SELECTORDINAL)
			if ((error = missing_for(&sc.uses[k].missing, &sc, k, loc)) < 0)
				goto out;
	}
	uses = sc.uses; /* ownership moves to the caller */
	n = sc.n_uses;
	sc.uses = NULL;
	*out = n ? uses : NULL;
	*n_out = n;
	if (!n)
		free(uses);
out:
	tlc_msg__scan_release(&sc);
	return error;
}
