/* `reg export` / regedit files (version 5.00, UTF-16LE on disk, and
 * REGEDIT4). Values are kept with their key; REG_EXPAND_SZ (hex(2):) and
 * REG_MULTI_SZ (hex(7):) are decoded to text so the rules match what
 * Windows would run. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_sniff.h"

#define MAX_VALUE (1024u * 1024u)

int ww_host_detect_reg(const char *text, size_t len)
{
	size_t pos = 0, ln;
	const char *line;
	bool cut;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		ww_host_trim(&line, &ln);
		if (!ln)
			continue;
		if (ww_host_istarts(line, ln, "Windows Registry Editor Version") ||
		    ww_host_ieq(line, ln, "REGEDIT4"))
			return 90;
		if (line[0] == '#') /* a note above the export */
			continue;
		return 0;
	}
	return 0;
}

/* A quoted string with \" and \\ escapes, into out. Returns bytes used, 0 on error. */
static size_t quoted(const char *s, size_t n, struct ww_buf *out)
{
	size_t i = 1;
	if (!n || s[0] != '"')
		return 0;
	while (i < n) {
		char ch = s[i];
		if (ch == '"')
			return i + 1;
		if (ch == '\\' && i + 1 < n) {
			ch = s[i + 1];
			i++;
		}
		if (ww_buf_addc(out, ch))
			return 0;
		i++;
	}
	return 0;
}

/* "25,00,48,00,..." into bytes. */
static bool hex_bytes(const char *s, size_t n, struct ww_buf *out)
{
	struct ww_tcur t = ww_tcur_make(s, n);
	for (;;) {
		uint64_t v;
		ww_tcur_skip_ws(&t);
		if (ww_tcur_eof(&t))
			return true;
		if (ww_tcur_hex(&t, 0xff, &v) || ww_buf_addc(out, (char)v))
			return false;
		ww_tcur_skip_ws(&t);
		if (!ww_tcur_ch(&t, ',') && !ww_tcur_eof(&t))
			return false;
	}
}

/* Bytes of a REG_SZ/EXPAND_SZ/MULTI_SZ as text: UTF-16LE in version 5
 * exports, single bytes in REGEDIT4. NULs between strings become ", ". */
static void bytes_text(const struct ww_buf *bytes, bool utf16, struct ww_buf *out)
{
	size_t i;
	const unsigned char *u = (const unsigned char *)bytes->s;
	if (!utf16) {
		for (i = 0; i < bytes->len; i++) {
			if (u[i] == 0) {
				if (i + 1 < bytes->len && u[i + 1])
					(void)ww_buf_adds(out, ", ");
			} else {
				(void)ww_buf_addc(out, (char)u[i]);
			}
		}
		return;
	}
	for (i = 0; i + 1 < bytes->len; i += 2) {
		uint32_t cp = (uint32_t)u[i] | (uint32_t)u[i + 1] << 8;
		if (cp >= 0xd800 && cp < 0xdc00 && i + 3 < bytes->len) {
			uint32_t lo = (uint32_t)u[i + 2] | (uint32_t)u[i + 3] << 8;
			if (lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			}
		}
		if (cp == 0) {
			if (i + 3 < bytes->len && (u[i + 2] || u[i + 3]))
				(void)ww_buf_adds(out, ", ");
			continue;
		}
		(void)ww_buf_add_utf8(out, cp);
	}
}

/* "Name"="data" | @="data" | "Name"=dword:00000004 | "Name"=hex(2):25,00,... |
 * "Name"=hex:01,02 | "Name"=- */
static ww_rc value_line(struct ww_host_ctx *c, const char *key, const char *s, size_t n,
                        bool utf16, uint32_t src, unsigned long lineno)
{
	struct ww_buf name, data, bytes;
	struct ww_host_regval *v;
	size_t used;
	uint8_t type = WW_REG_OTHER;
	uint32_t dword = 0;
	ww_rc rc = WW_ERR_FORMAT;
	ww_buf_init(&name, 64 * 1024);
	ww_buf_init(&data, MAX_VALUE);
	ww_buf_init(&bytes, MAX_VALUE);
	if (n && s[0] == '@') {
		used = 1;
	} else if (!(used = quoted(s, n, &name))) {
		goto out;
	}
	if (used >= n || s[used] != '=')
		goto out;
	s += used + 1;
	n -= used + 1;
	if (n && s[0] == '"') {
		if (!quoted(s, n, &data))
			goto out;
		type = WW_REG_SZ;
	} else if (ww_host_istarts(s, n, "dword:")) {
		struct ww_tcur t = ww_tcur_make(s + 6, n - 6);
		uint64_t x;
		if (ww_tcur_hex(&t, 0xffffffffu, &x))
			goto out;
		dword = (uint32_t)x;
		type = WW_REG_DWORD;
		if (ww_buf_addf(&data, "%u", dword))
			goto out;
	} else if (ww_host_istarts(s, n, "hex")) {
		const char *colon = memchr(s, ':', n);
		uint64_t kind = 3;
		if (!colon)
			goto out;
		if (s[3] == '(') {
			struct ww_tcur t = ww_tcur_make(s + 4, (size_t)(colon - s) - 4);
			if (ww_tcur_hex(&t, 0xffffffffu, &kind) || !ww_tcur_ch(&t, ')'))
				goto out;
		}
		if (!hex_bytes(colon + 1, n - (size_t)(colon + 1 - s), &bytes))
			goto out;
		if (kind == 1 || kind == 2 || kind == 7) {
			type = kind == 2 ? WW_REG_EXPAND_SZ : kind == 7 ? WW_REG_MULTI_SZ : WW_REG_SZ;
			bytes_text(&bytes, utf16, &data);
		} else if (kind == 4 && bytes.len == 4) {
			const unsigned char *u = (const unsigned char *)bytes.s;
			dword = (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
			        (uint32_t)u[3] << 24;
			type = WW_REG_DWORD;
			(void)ww_buf_addf(&data, "%u", dword);
		} else {
			type = kind == 3 ? WW_REG_BINARY : WW_REG_OTHER;
		}
	} else if (n == 1 && s[0] == '-') {
		type = WW_REG_DELETE;
	} else {
		goto out;
	}
	v = ww_host_add_regval(c);
	if (!v) {
		rc = c->report->rc;
		goto out;
	}
	v->key = ww_host_strndup(key, strlen(key));
	v->name = ww_host_strndup(name.s ? name.s : "", name.len);
	v->data = ww_host_strndup(data.s ? data.s : "", data.len);
	v->type = type;
	v->dword = dword;
	v->src = src;
	v->line = (uint32_t)lineno;
	if (!v->key || !v->name || !v->data)
		c->report->rc = WW_ERR_NOMEM;
	rc = WW_OK;
out:
	ww_buf_release(&name);
	ww_buf_release(&data);
	ww_buf_release(&bytes);
	return rc;
}

ww_rc ww_host_parse_reg(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln;
	unsigned long lineno = 0, start = 0;
	const char *line;
	bool cut, utf16 = true, have_key = false;
	struct ww_buf key, val;
	ww_buf_init(&key, 64 * 1024);
	ww_buf_init(&val, 4 * MAX_VALUE);
	while (ww_next_line(text, len, &pos, 4 * MAX_VALUE, &line, &ln, &cut)) {
		lineno++;
		if (c->report->rc)
			break;
		if (val.len) { /* a continuation: "  00,65,00,\" */
			ww_host_trim(&line, &ln);
		} else {
			ww_host_trim(&line, &ln);
			if (!ln || line[0] == ';' || line[0] == '#')
				continue;
			if (ww_host_ieq(line, ln, "REGEDIT4")) {
				utf16 = false;
				continue;
			}
			if (ww_host_istarts(line, ln, "Windows Registry Editor"))
				continue;
			if (line[0] == '[') {
				const char *rb = line + ln - 1;
				ww_buf_reset(&key);
				have_key = *rb == ']' && ln > 2 &&
				           ww_buf_add(&key, line + 1, ln - 2) == WW_OK;
				if (!have_key) {
					c->rows_bad++;
					ww_report_warning(c->report, _("'%s' line %lu: cannot parse the key"),
					                  ww_host_source_name(c, src), lineno);
				}
				continue;
			}
			start = lineno;
		}
		if (ln && line[ln - 1] == '\\' && (ln < 2 || line[ln - 2] == ',' ||
		                                   val.len)) {
			/* continued hex data; a quoted string never ends in a lone '\' */
			if (ww_buf_add(&val, line, ln - 1)) {
				ww_buf_reset(&val);
				c->rows_bad++;
			}
			continue;
		}
		if (ww_buf_add(&val, line, ln)) {
			ww_buf_reset(&val);
			c->rows_bad++;
			continue;
		}
		if (!have_key || value_line(c, key.s, val.s, val.len, utf16, src, start)) {
			if (c->report->rc)
				break;
			c->rows_bad++;
			ww_report_warning(c->report, _("'%s' line %lu: cannot parse the registry value"),
			                  ww_host_source_name(c, src), start);
		}
		ww_buf_reset(&val);
	}
	ww_buf_release(&key);
	ww_buf_release(&val);
	return c->report->rc;
}

/* ---- `reg query` output (the console form of the same values) ---- */

/* The REG_* type word in a value line, or NULL. */
static const char *reg_type_word(const char *s, size_t n, size_t *tl)
{
	const char *p = ww_host_memmem_ci(s, n, "REG_");
	while (p) {
		size_t i = (size_t)(p - s), e = i + 4;
		while (e < n && ((s[e] >= 'A' && s[e] <= 'Z') || s[e] == '_'))
			e++;
		if ((i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t') &&
		    (e == n || s[e] == ' ' || s[e] == '\t')) {
			*tl = e - i;
			return p;
		}
		p = ww_host_memmem_ci(s + e, n - e, "REG_");
	}
	return NULL;
}

int ww_host_detect_reg_query(const char *text, size_t len)
{
	size_t pos = 0, ln, lines = 0, keys = 0, values = 0, tl;
	const char *line;
	bool cut;
	while (lines < 400 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		lines++;
		if (ww_host_istarts(line, ln, "HKEY_"))
			keys++;
		else if (ln && (line[0] == ' ' || line[0] == '\t') && reg_type_word(line, ln, &tl))
			values++;
	}
	return keys && values ? 85 : 0;
}

/* "HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Run"
 * "    Video Process    REG_SZ    sysconf.exe"   (XP: tabs between) */
ww_rc ww_host_parse_reg_query(struct ww_host_ctx *c, const char *text, size_t len, uint32_t src)
{
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	const char *line;
	bool cut;
	char *key = NULL;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		const char *ty, *name, *data;
		size_t tl, nn, dn;
		struct ww_host_regval *v;
		lineno++;
		if (c->report->rc)
			break;
		if (ww_host_istarts(line, ln, "HKEY_")) {
			free(key);
			key = ww_host_strndup(line, ln);
			while (key && ln && (key[ln - 1] == ' ' || key[ln - 1] == '\t'))
				key[--ln] = '\0';
			continue;
		}
		if (!key || !ln || (line[0] != ' ' && line[0] != '\t') ||
		    !(ty = reg_type_word(line, ln, &tl)))
			continue;
		name = line;
		nn = (size_t)(ty - line);
		ww_host_trim(&name, &nn);
		data = ty + tl;
		dn = ln - (size_t)(data - line);
		ww_host_trim(&data, &dn);
		if (nn >= 2 && name[0] == '(' && name[nn - 1] == ')')
			nn = 0; /* "(Default)", "(既定)" */
		v = ww_host_add_regval(c);
		if (!v)
			break;
		v->key = ww_host_strndup(key, strlen(key));
		v->name = ww_host_strndup(name, nn);
		v->data = ww_host_strndup(data, dn);
		v->src = src;
		v->line = (uint32_t)lineno;
		if (ww_host_istarts(ty, tl, "REG_SZ") && tl == 6)
			v->type = WW_REG_SZ;
		else if (ww_host_ieq(ty, tl, "REG_EXPAND_SZ"))
			v->type = WW_REG_EXPAND_SZ;
		else if (ww_host_ieq(ty, tl, "REG_MULTI_SZ"))
			v->type = WW_REG_MULTI_SZ;
		else if (ww_host_ieq(ty, tl, "REG_DWORD")) {
			struct ww_tcur t = ww_tcur_make(data, dn);
			uint64_t x = 0;
			v->type = WW_REG_DWORD;
			if (ww_tcur_lit_ci(&t, "0x") && ww_tcur_hex(&t, 0xffffffffu, &x) == WW_OK)
				v->dword = (uint32_t)x;
		} else {
			v->type = WW_REG_OTHER;
		}
		if (!v->key || !v->name || !v->data)
			c->report->rc = WW_ERR_NOMEM;
	}
	free(key);
	return c->report->rc;
}
