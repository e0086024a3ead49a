/* Reading a hive through libhivex, defensively: every call may fail on a
 * damaged hive (errno set), a name may not be valid UTF-16, a value may be
 * unreadable (hivex refuses REG_NONE values of length 0 with EFAULT). Each
 * failure is one warning naming the hive and the key, and the reader goes
 * on with the next key or value. Strings are decoded here from the raw
 * bytes (UTF-16LE, invalid units replaced), not by hivex, so that a bad
 * string costs one character, not the value. */
#include "core/common.h"
#include "core/i18n.h"
#include "core/buf.h"
#include "core/timefmt.h"
#include "offline/offline_int.h"

#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_WARNINGS_PER_HIVE 50

void ww_hive_warn(struct ww_hive *hv, const char *key, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	if (hv->warnings++ >= MAX_WARNINGS_PER_HIVE) {
		if (hv->warnings == MAX_WARNINGS_PER_HIVE + 1)
			ww_report_warning(hv->o->report, _("hive '%s': more problems, not listed"),
			                  hv->label);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ww_report_warning(hv->o->report, _("hive '%s' key '\\%s': %s"), hv->label, key, msg);
}

int64_t ww_off_filetime_us(uint64_t ft)
{
	/* 100 ns units since 1601-01-01; only 1980..2100 is believed */
	const uint64_t epoch = 116444736000000000ULL;
	const uint64_t lo = epoch + 315532800ULL * 10000000ULL;
	const uint64_t hi = epoch + 4102444800ULL * 10000000ULL;
	if (ft < lo || ft > hi)
		return 0;
	return (int64_t)((ft - epoch) / 10);
}

char *ww_off_utf16(const unsigned char *p, size_t n, bool multi, bool *bad)
{
	struct ww_buf b;
	size_t i;
	char *s;
	ww_buf_init(&b, 4 * (size_t)WW_OFF_MAX_VALUE);
	if (n > WW_OFF_MAX_VALUE)
		n = WW_OFF_MAX_VALUE;
	for (i = 0; i + 1 < n; i += 2) {
		uint32_t cp = (uint32_t)p[i] | (uint32_t)p[i + 1] << 8;
		if (cp == 0) {
			if (!multi)
				break;
			if (i + 3 < n && (p[i + 2] || p[i + 3]))
				(void)ww_buf_adds(&b, ", ");
			else
				break; /* the list ends at an empty string */
			continue;
		}
		if (cp >= 0xd800 && cp < 0xdc00 && i + 3 < n) {
			uint32_t lo = (uint32_t)p[i + 2] | (uint32_t)p[i + 3] << 8;
			if (lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			} else {
				cp = 0xfffd;
				*bad = true;
			}
		} else if (cp >= 0xd800 && cp < 0xe000) {
			cp = 0xfffd;
			*bad = true;
		}
		(void)ww_buf_add_utf8(&b, cp);
	}
	if (!b.s)
		(void)ww_buf_adds(&b, "");
	s = ww_buf_detach(&b);
	return s ? s : NULL;
}

hive_node_h ww_hive_child(struct ww_hive *hv, hive_node_h n, const char *key, const char *name)
{
	hive_node_h c;
	if (!n)
		return 0;
	errno = 0;
	c = hivex_node_get_child(hv->h, n, name);
	if (!c && errno && errno != ENOENT) {
		/* hivex gives up on the first name it cannot convert: look
		 * through the others one by one */
		hive_node_h *kids;
		size_t i;
		errno = 0;
		kids = hivex_node_children(hv->h, n);
		if (!kids) {
			ww_hive_warn(hv, key, "cannot look up subkey '%s': %s", name,
			             errno ? strerror(errno) : "unknown error");
			return 0;
		}
		for (i = 0; kids[i] && i < WW_OFF_MAX_SUBKEYS && !c; i++) {
			char *s = hivex_node_name(hv->h, kids[i]);
			if (s && strcasecmp(s, name) == 0)
				c = kids[i];
			free(s);
		}
		free(kids);
	}
	return c;
}

hive_node_h ww_hive_path(struct ww_hive *hv, hive_node_h n, const char *path)
{
	char part[256], key[1024] = "";
	const char *p = path;
	size_t kl = 0;
	while (n && *p) {
		const char *e = strchr(p, '\\');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		int w;
		if (l >= sizeof(part))
			return 0;
		memcpy(part, p, l);
		part[l] = '\0';
		n = ww_hive_child(hv, n, key, part);
		w = snprintf(key + kl, sizeof(key) - kl, "%s%s", kl ? "\\" : "", part);
		if (w > 0 && (size_t)w < sizeof(key) - kl)
			kl += (size_t)w;
		p += l;
		if (*p == '\\')
			p++;
	}
	return n;
}

char *ww_hive_name(struct ww_hive *hv, hive_node_h n, const char *parent)
{
	char *s;
	errno = 0;
	s = hivex_node_name(hv->h, n);
	if (!s) {
		ww_hive_warn(hv, parent, "a subkey name cannot be read (%s): skipped",
		             errno == EILSEQ ? "not valid UTF-16"
		                             : errno ? strerror(errno) : "unknown error");
		return NULL;
	}
	/* names are bounded by the format (16 bits), but keep output sane */
	if (strlen(s) > 1024)
		s[1024] = '\0';
	return s;
}

hive_node_h *ww_hive_children(struct ww_hive *hv, hive_node_h n, const char *key)
{
	hive_node_h *v;
	size_t i;
	errno = 0;
	v = hivex_node_children(hv->h, n);
	if (!v) {
		ww_hive_warn(hv, key, "the subkeys cannot be read: %s",
		             errno ? strerror(errno) : "unknown error");
		return NULL;
	}
	for (i = 0; v[i]; i++)
		if (i == WW_OFF_MAX_SUBKEYS) {
			ww_hive_warn(hv, key, "more than %u subkeys: the rest were not read",
			             WW_OFF_MAX_SUBKEYS);
			v[i] = 0;
			break;
		}
	return v;
}

int64_t ww_hive_time(struct ww_hive *hv, hive_node_h n)
{
	int64_t t;
	errno = 0;
	t = hivex_node_timestamp(hv->h, n);
	if (t <= 0)
		return 0;
	return ww_off_filetime_us((uint64_t)t);
}

void ww_hive_val_release(struct ww_hive_val *v)
{
	free(v->name);
	free(v->data);
	free(v->bytes);
	memset(v, 0, sizeof(*v));
}

bool ww_hive_value(struct ww_hive *hv, hive_value_h vh, const char *key, struct ww_hive_val *out)
{
	hive_type t;
	size_t len = 0;
	char *raw, *name;
	bool bad = false;
	memset(out, 0, sizeof(*out));
	errno = 0;
	name = hivex_value_key(hv->h, vh);
	if (!name) {
		ww_hive_warn(hv, key, "a value name cannot be read (%s): skipped",
		             errno ? strerror(errno) : "unknown error");
		return false;
	}
	errno = 0;
	raw = hivex_value_value(hv->h, vh, &t, &len);
	if (!raw) {
		ww_hive_warn(hv, key, "value '%s' cannot be read (%s): skipped", name,
		             errno ? strerror(errno) : "unknown error");
		free(name);
		return false;
	}
	out->name = name;
	out->raw_type = (uint32_t)t;
	if (len > WW_OFF_MAX_VALUE)
		len = WW_OFF_MAX_VALUE;
	switch (t) {
	case hive_t_REG_SZ:
	case hive_t_REG_EXPAND_SZ:
	case hive_t_REG_MULTI_SZ:
		out->type = t == hive_t_REG_SZ ? WW_REG_SZ
		            : t == hive_t_REG_EXPAND_SZ ? WW_REG_EXPAND_SZ : WW_REG_MULTI_SZ;
		out->data = ww_off_utf16((const unsigned char *)raw, len, t == hive_t_REG_MULTI_SZ,
		                         &bad);
		if (bad)
			ww_hive_warn(hv, key, "value '%s' is not valid UTF-16 (read with U+FFFD)",
			             name);
		break;
	case hive_t_REG_DWORD:
	case hive_t_REG_DWORD_BIG_ENDIAN:
		out->type = WW_REG_DWORD;
		if (len >= 4) {
			const unsigned char *u = (const unsigned char *)raw;
			out->dword = t == hive_t_REG_DWORD
			                 ? (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
			                       (uint32_t)u[3] << 24
			                 : (uint32_t)u[3] | (uint32_t)u[2] << 8 | (uint32_t)u[1] << 16 |
			                       (uint32_t)u[0] << 24;
		} else {
			ww_hive_warn(hv, key, "value '%s' is a DWORD of %zu bytes", name, len);
			out->type = WW_REG_OTHER;
		}
		out->data = malloc(16);
		if (out->data)
			snprintf(out->data, 16, "%u", out->dword);
		break;
	default:
		out->type = t == hive_t_REG_BINARY ? WW_REG_BINARY : WW_REG_OTHER;
		out->data = malloc(1);
		if (out->data)
			out->data[0] = '\0';
		break;
	}
	out->bytes = (unsigned char *)raw;
	out->len = len;
	if (!out->data) {
		hv->o->report->rc = WW_ERR_NOMEM;
		ww_hive_val_release(out);
		return false;
	}
	return true;
}

bool ww_hive_get(struct ww_hive *hv, hive_node_h n, const char *key, const char *name,
                 struct ww_hive_val *out)
{
	hive_value_h v;
	if (!n)
		return false;
	errno = 0;
	v = hivex_node_get_value(hv->h, n, name);
	if (!v) {
		if (errno && errno != ENOENT)
			ww_hive_warn(hv, key, "cannot look up value '%s': %s", name, strerror(errno));
		return false;
	}
	return ww_hive_value(hv, v, key, out);
}

static bool wanted(const char *name, const char *const *only)
{
	if (!only)
		return true;
	for (; *only; only++)
		if (strcasecmp(name, *only) == 0)
			return true;
	return false;
}

size_t ww_hive_keep(struct ww_hive *hv, hive_node_h n, const char *key, const char *const *only)
{
	hive_value_h *vals;
	size_t i, kept = 0;
	int64_t written = ww_hive_time(hv, n);
	char full[2048];
	errno = 0;
	vals = hivex_node_values(hv->h, n);
	if (!vals) {
		ww_hive_warn(hv, key, "the values cannot be read: %s",
		             errno ? strerror(errno) : "unknown error");
		return 0;
	}
	snprintf(full, sizeof(full), "%s\\%s", hv->prefix, key);
	for (i = 0; vals[i] && i < 10000; i++) {
		struct ww_hive_val v;
		struct ww_host_regval *r;
		if (only) {
			/* the name first: values that are not wanted are not read */
			char *name = hivex_value_key(hv->h, vals[i]);
			bool want = name && wanted(name, only);
			free(name);
			if (!want)
				continue;
		}
		if (!ww_hive_value(hv, vals[i], key, &v))
			continue;
		r = ww_host_add_regval(hv->o->host);
		if (!r) {
			ww_hive_val_release(&v);
			break;
		}
		r->key = ww_host_strndup(full, strlen(full));
		r->name = v.name;
		r->data = v.data;
		v.name = v.data = NULL;
		r->dword = v.dword;
		r->type = v.type;
		r->src = hv->src;
		r->from_hive = true;
		r->written_us = written;
		ww_hive_val_release(&v);
		if (!r->key) {
			hv->o->report->rc = WW_ERR_NOMEM;
			break;
		}
		kept++;
	}
	free(vals);
	return kept;
}

size_t ww_hive_keep_path(struct ww_hive *hv, const char *path, const char *const *only)
{
	hive_node_h n = ww_hive_path(hv, hivex_root(hv->h), path);
	size_t k;
	if (!n)
		return 0;
	k = ww_hive_keep(hv, n, path, only);
	if (k)
		ww_off_event(hv->o, ww_hive_time(hv, n), hv->label, "key \\%s written (%zu value%s "
		             "read)", path, k, k == 1 ? "" : "s");
	return k;
}

void ww_off_read_opened(struct ww_offline *o, hive_h *h, const char *label,
                        enum ww_hive_kind kind)
{
	struct ww_hive hv;
	static const char *const prefixes[] = {"HKEY_LOCAL_MACHINE\\SYSTEM",
	                                       "HKEY_LOCAL_MACHINE\\SOFTWARE",
	                                       "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE\\SAM"};
	memset(&hv, 0, sizeof(hv));
	hv.o = o;
	hv.h = h;
	hv.label = label;
	hv.prefix = prefixes[kind];
	hv.src = ww_host_source(o->host, label);
	if (!hivex_root(h)) {
		ww_hive_warn(&hv, "", "the hive has no root key: not read");
		return;
	}
	o->hives++;
	switch (kind) {
	case WW_HIVE_SYSTEM: ww_off_read_system(&hv); break;
	case WW_HIVE_SOFTWARE: ww_off_read_software(&hv); break;
	case WW_HIVE_NTUSER: ww_off_read_ntuser(&hv); break;
	case WW_HIVE_SAM: ww_off_read_sam(&hv); break;
	}
	{
		int64_t t = hivex_last_modified(h);
		if (t > 0 && ww_off_filetime_us((uint64_t)t))
			ww_off_event(o, ww_off_filetime_us((uint64_t)t), label, "hive last written");
	}
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* A hive hivex refuses: when it starts like one, keep the whole hbin pages
 * that are there, make the base block agree (size of the bins, sequence
 * numbers, checksum) and open that copy, made in memory, without hivex's
 * checks. *kept gets the bytes used. NULL when nothing can be saved. */
static hive_h *open_repaired(const char *path, size_t *kept, size_t *size)
{
	struct ww_buf b;
	size_t end = 0x1000, i;
	uint32_t sum = 0;
	unsigned char *u;
	hive_h *h = NULL;
	int fd;
	char fdpath[64];
	ww_buf_init(&b, 1024u * 1024u * 1024u);
	if (ww_buf_read_file(&b, path) != WW_OK || b.len < 0x2000 || memcmp(b.s, "regf", 4) != 0) {
		ww_buf_release(&b);
		return NULL;
	}
	u = (unsigned char *)b.s;
	*size = b.len;
	while (end + 0x20 <= b.len && memcmp(u + end, "hbin", 4) == 0) {
		uint32_t psz = rd32(u + end + 8);
		if (psz < 0x1000 || (psz & 0xfff) || psz > b.len - end)
			break;
		end += psz;
	}
	if (end == 0x1000) {
		ww_buf_release(&b);
		return NULL;
	}
	wr32(u + 8, rd32(u + 4));     /* sequence numbers equal: a clean hive */
	wr32(u + 0x28, (uint32_t)(end - 0x1000));
	for (i = 0; i < 0x1fc; i += 4)
		sum ^= rd32(u + i);
	wr32(u + 0x1fc, sum);
	fd = memfd_create("wormwatch-hive", MFD_CLOEXEC);
	if (fd >= 0) {
		size_t off = 0;
		while (off < end) {
			ssize_t w = write(fd, u + off, end - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d", fd);
		if (off == end)
			h = hivex_open(fdpath, HIVEX_OPEN_UNSAFE);
		close(fd); /* hivex has mapped or read it */
	}
	*kept = end;
	ww_buf_release(&b);
	return h;
}

void ww_off_read_hive(struct ww_offline *o, const char *path, const char *label,
                      enum ww_hive_kind kind)
{
	hive_h *h;
	errno = 0;
	h = hivex_open(path, 0);
	if (!h) {
		int e = errno;
		size_t kept = 0, size = 0;
		/* a damaged hive: without hivex's consistency checks, then from
		 * the pages that are whole */
		h = hivex_open(path, HIVEX_OPEN_UNSAFE);
		if (h) {
			ww_report_warning(o->report, _("hive '%s' is damaged (%s): read without hivex's "
			                    "checks, some keys may be missing"), label,
			                  e ? strerror(e) : "unknown error");
		} else if ((h = open_repaired(path, &kept, &size)) != NULL) {
			ww_report_warning(o->report, _("hive '%s' is damaged (%s): read from its first %zu "
			                    "of %zu bytes (the whole hbin pages), some keys may be missing"),
			                  label, e ? strerror(e) : "unknown error", kept, size);
		} else {
			o->hives_bad++;
			ww_report_warning(o->report, _("hive '%s' cannot be opened (%s): not read"), label,
			                  e ? strerror(e) : "unknown error");
			return;
		}
		o->hives_bad++;
	}
	ww_off_read_opened(o, h, label, kind);
	hivex_close(h);
}
