#include "core/common.h"
#include "core/escape.h"
#include "core/i18n.h"
#include "core/quote.h"

const char *ww_quote_shell_name(enum ww_shell sh)
{
	switch (sh) {
	case WW_SHELL_CMD: return "cmd.exe";
	case WW_SHELL_SH: return "sh";
	case WW_SHELL_PS: return "PowerShell";
	}
	return "the shell";
}

struct qbuf {
	char *d;
	size_t cap, n;
	bool over;
};

static void put(struct qbuf *q, const char *p, size_t n)
{
	if (q->over || n >= q->cap - q->n) {
		q->over = true;
		return;
	}
	memcpy(q->d + q->n, p, n);
	q->n += n;
}

/* The common refusals: control bytes (C0, DEL, C1) and invalid UTF-8. */
static const char *unprintable(const unsigned char *s, size_t *len)
{
	size_t n = ww_utf8_len(s);
	*len = n;
	if (n == 0)
		return N_("it is not valid UTF-8");
	if (n == 1 && (*s < 0x20 || *s == 0x7f))
		return N_("it contains a control character");
	if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0)
		return N_("it contains a control character");
	return NULL;
}

static bool quote_cmd(const unsigned char *s, struct qbuf *q, const char **why)
{
	size_t n;
	put(q, "\"", 1);
	while (*s) {
		const char *bad = unprintable(s, &n);
		if (bad) {
			*why = bad;
			return false;
		}
		if (n == 1 && strchr("\"%!^&|<>", *s)) {
			*why = N_("it contains characters cmd.exe would interpret");
			return false;
		}
		if (n == 1 && *s == '\\' && s[1] == '\0') {
			*why = N_("it ends with a backslash, which would escape the closing quote");
			return false;
		}
		put(q, (const char *)s, n);
		s += n;
	}
	put(q, "\"", 1);
	return true;
}

static bool quote_sh(const unsigned char *s, struct qbuf *q, const char **why)
{
	size_t n;
	put(q, "'", 1);
	while (*s) {
		const char *bad = unprintable(s, &n);
		if (bad) {
			*why = bad;
			return false;
		}
		if (*s == '\'')
			put(q, "'\\''", 4);
		else
			put(q, (const char *)s, n);
		s += n;
	}
	put(q, "'", 1);
	return true;
}

static bool quote_ps(const unsigned char *s, struct qbuf *q, const char **why)
{
	size_t n;
	put(q, "'", 1);
	while (*s) {
		const char *bad = unprintable(s, &n);
		if (bad) {
			*why = bad;
			return false;
		}
		/* ' and U+2018..U+201B (E2 80 98..9B) are all single quotes to
		 * PowerShell: each is doubled */
		if (*s == '\'' || (n == 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0x98 &&
		                   s[2] <= 0x9b))
			put(q, (const char *)s, n);
		put(q, (const char *)s, n);
		s += n;
	}
	put(q, "'", 1);
	return true;
}

bool ww_quote(enum ww_shell sh, const char *s, char *dst, size_t cap, const char **why)
{
	struct qbuf q = {dst, cap, 0, false};
	const char *dummy;
	bool ok;
	if (!why)
		why = &dummy;
	*why = NULL;
	if (!cap)
		return false;
	dst[0] = '\0';
	if (!s) {
		*why = N_("there is no name");
		return false;
	}
	switch (sh) {
	case WW_SHELL_CMD: ok = quote_cmd((const unsigned char *)s, &q, why); break;
	case WW_SHELL_SH: ok = quote_sh((const unsigned char *)s, &q, why); break;
	case WW_SHELL_PS: ok = quote_ps((const unsigned char *)s, &q, why); break;
	default: *why = N_("unknown shell"); return false;
	}
	if (ok && q.over) {
		*why = N_("it is too long to print as a command");
		ok = false;
	}
	dst[ok ? q.n : 0] = '\0';
	return ok;
}
