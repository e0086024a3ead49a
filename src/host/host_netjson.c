/* The network verdict for --network: a small bounded JSON reader for just
 * the shape `wormwatch analyze --json` writes; everything else in the
 * document is skipped (nesting at most 64 deep).
 *
 * {"hosts":[{"addr":"192.168.0.105","verdict":"infected","evidence":["..."]}]} */
#include "core/common.h"
#include "core/buf.h"
#include "host/host_live.h"

#include <errno.h>

#define MAX_DEPTH 64
#define MAX_JSON (64u * 1024u * 1024u)

struct jcur {
	const char *p, *end;
};

static void ws(struct jcur *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static bool ch(struct jcur *j, char c)
{
	ws(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

static int hexv(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A string into out (may be NULL to skip). */
static bool str(struct jcur *j, struct ww_buf *out)
{
	ws(j);
	if (j->p >= j->end || *j->p != '"')
		return false;
	j->p++;
	while (j->p < j->end) {
		char c = *j->p++;
		if (c == '"')
			return true;
		if (c == '\\') {
			if (j->p >= j->end)
				return false;
			c = *j->p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': {
				int k, v = 0;
				if (j->end - j->p < 4)
					return false;
				for (k = 0; k < 4; k++) {
					int h = hexv(j->p[k]);
					if (h < 0)
						return false;
					v = v * 16 + h;
				}
				j->p += 4;
				c = v < 0x80 ? (char)v : '?';
				break;
			}
			default: break; /* \" \\ \/ */
			}
		}
		if (out && ww_buf_addc(out, c))
			return false;
	}
	return false;
}

static bool skip(struct jcur *j, int depth)
{
	if (depth > MAX_DEPTH)
		return false;
	ws(j);
	if (j->p >= j->end)
		return false;
	if (*j->p == '"')
		return str(j, NULL);
	if (*j->p == '{' || *j->p == '[') {
		char close = *j->p == '{' ? '}' : ']';
		bool obj = *j->p == '{';
		j->p++;
		if (ch(j, close))
			return true;
		for (;;) {
			if (obj && (!str(j, NULL) || !ch(j, ':')))
				return false;
			if (!skip(j, depth + 1))
				return false;
			if (ch(j, ','))
				continue;
			return ch(j, close);
		}
	}
	/* number, true, false, null */
	{
		const char *s = j->p;
		while (j->p < j->end && (strchr("+-.eE", *j->p) || (*j->p >= '0' && *j->p <= '9') ||
		                         (*j->p >= 'a' && *j->p <= 'z')))
			j->p++;
		return j->p > s;
	}
}

static bool host_obj(struct ww_host_ctx *c, struct jcur *j)
{
	struct ww_buf key, addr, verdict, ev;
	bool ok = false;
	ww_buf_init(&key, 4096);
	ww_buf_init(&addr, 256);
	ww_buf_init(&verdict, 256);
	ww_buf_init(&ev, 64 * 1024);
	if (!ch(j, '{'))
		goto out;
	if (!ch(j, '}')) {
		for (;;) {
			ww_buf_reset(&key);
			if (!str(j, &key) || !ch(j, ':'))
				goto out;
			if (key.s && strcmp(key.s, "addr") == 0) {
				ww_buf_reset(&addr);
				if (!str(j, &addr))
					goto out;
			} else if (key.s && strcmp(key.s, "verdict") == 0) {
				ww_buf_reset(&verdict);
				if (!str(j, &verdict))
					goto out;
			} else if (key.s && strcmp(key.s, "evidence") == 0 && (ws(j), j->p < j->end) &&
			           *j->p == '[') {
				j->p++;
				if (!ch(j, ']')) {
					for (;;) {
						ws(j);
						if (j->p < j->end && *j->p == '"') {
							if (ev.len)
								(void)ww_buf_adds(&ev, "; ");
							if (!str(j, &ev))
								goto out;
						} else if (!skip(j, 2)) {
							goto out;
						}
						if (ch(j, ','))
							continue;
						if (!ch(j, ']'))
							goto out;
						break;
					}
				}
			} else if (!skip(j, 2)) {
				goto out;
			}
			if (ch(j, ','))
				continue;
			if (!ch(j, '}'))
				goto out;
			break;
		}
	}
	ok = true;
	if (addr.len) {
		struct ww_addr a;
		struct ww_host_netverdict *v;
		if (ww_addr_parse(addr.s, &a) == WW_OK && (v = ww_host_add_netverdict(c)) != NULL) {
			v->addr = a;
			ww_host_copy(v->verdict, sizeof(v->verdict), verdict.s ? verdict.s : "",
			             verdict.len);
			v->evidence = ev.len ? ww_host_strndup(ev.s, ev.len) : NULL;
		}
	}
out:
	ww_buf_release(&key);
	ww_buf_release(&addr);
	ww_buf_release(&verdict);
	ww_buf_release(&ev);
	return ok;
}

ww_rc ww_host_parse_network(struct ww_host_ctx *c, const char *text, size_t len)
{
	struct jcur j = {text, text + len};
	struct ww_buf key;
	bool ok = false;
	ww_buf_init(&key, 4096);
	if (!ch(&j, '{'))
		goto out;
	if (ch(&j, '}')) {
		ok = true;
		goto out;
	}
	for (;;) {
		ww_buf_reset(&key);
		if (!str(&j, &key) || !ch(&j, ':'))
			goto out;
		if (key.s && strcmp(key.s, "hosts") == 0) {
			if (!ch(&j, '['))
				goto out;
			if (!ch(&j, ']')) {
				for (;;) {
					if (!host_obj(c, &j))
						goto out;
					if (ch(&j, ','))
						continue;
					if (!ch(&j, ']'))
						goto out;
					break;
				}
			}
		} else if (!skip(&j, 1)) {
			goto out;
		}
		if (ch(&j, ','))
			continue;
		ok = ch(&j, '}');
		break;
	}
out:
	ww_buf_release(&key);
	if (c->report->rc)
		return c->report->rc;
	return ok ? WW_OK : WW_ERR_FORMAT;
}

ww_rc ww_host_read_network(struct ww_host_ctx *c, const char *path)
{
	struct ww_buf b;
	ww_rc rc;
	ww_buf_init(&b, MAX_JSON);
	rc = ww_buf_read_file(&b, path);
	if (rc) {
		ww_error("cannot read '%s': %s", path,
		         rc == WW_ERR_IO ? strerror(errno) : ww_rc_str(rc));
		ww_buf_release(&b);
		return rc;
	}
	rc = ww_host_parse_network(c, b.s ? b.s : "", b.len);
	if (rc == WW_ERR_FORMAT)
		ww_error("'%s' is not the JSON of wormwatch analyze ({\"hosts\":[...]})", path);
	ww_buf_release(&b);
	return rc;
}
