/* The body shared by /proc/net/nf_conntrack and conntrack -L lines:
 *   tcp      6 117 SYN_SENT src=10.0.0.5 dst=203.0.113.9 sport=51234 dport=445
 *   [UNREPLIED] src=203.0.113.9 dst=198.51.100.1 sport=445 dport=51234 mark=0 zone=0 use=1
 * The first src/dst/sport/dport group is the original direction, the second
 * the reply; unknown key=value fields (packets, bytes, secctx, labels,
 * zone-orig, timestamp, delta-time, id, use ...) and [FLAGS] are skipped. */
#include "core/common.h"
#include "router/ct.h"
#include "router/rt_fast.h"

static const struct {
	const char *name;
	enum ww_ct_state state;
} ct_states[] = {
	{"SYN_SENT", WW_CT_SYN_SENT},   {"SYN_RECV", WW_CT_SYN_RECV},
	{"ESTABLISHED", WW_CT_ESTABLISHED}, {"FIN_WAIT", WW_CT_FIN_WAIT},
	{"CLOSE_WAIT", WW_CT_CLOSE_WAIT}, {"LAST_ACK", WW_CT_LAST_ACK},
	{"TIME_WAIT", WW_CT_TIME_WAIT}, {"CLOSE", WW_CT_CLOSE},
	{"SYN_SENT2", WW_CT_SYN_SENT2}, {"NONE", WW_CT_OTHER},
};

const char *ww_ct_state_name(enum ww_ct_state s)
{
	size_t i;
	if (s == WW_CT_NONE)
		return "-";
	for (i = 0; i < WW_ARRAY_LEN(ct_states); i++)
		if (ct_states[i].state == s)
			return ct_states[i].name;
	return "OTHER";
}

static bool word_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

static ww_rc u64_word(const char *w, size_t n, uint64_t max, uint64_t *out)
{
	return ww_rt_u64_exact(w, n, max, out) ? WW_OK : WW_ERR_FORMAT;
}

static ww_rc ip_word(const char *w, size_t n, struct ww_addr *a)
{
	return ww_rt_ip_exact(w, n, a) ? WW_OK : WW_ERR_FORMAT;
}

/* Key comparison without strlen: lit is a literal of length k. */
#define KEY_IS(w, n, lit) ((n) == sizeof(lit) - 1 && memcmp((w), (lit), sizeof(lit) - 1) == 0)

ww_rc ww_ct_parse_body(struct ww_tcur *t, struct ww_ct_entry *e)
{
	const char *w;
	size_t n, i;
	uint64_t v;
	/* which tuple fields were seen: bit 0..3 orig src,dst,sport,dport; 4..7 reply */
	unsigned seen = 0;
	int dir = 0;

	const char *p = t->p, *end = t->end;

	memset(e, 0, sizeof(*e));
	if (!ww_rt_word(&p, end, &w, &n) || n > 16)
		return WW_ERR_FORMAT;
	/* protocol name, then its number */
	if (!ww_rt_word(&p, end, &w, &n) || u64_word(w, n, 255, &v))
		return WW_ERR_FORMAT;
	e->proto = (uint8_t)v;
	/* the timeout (conntrack -E [DESTROY] lines have none) */
	if (!ww_rt_word(&p, end, &w, &n) || u64_word(w, n, UINT32_MAX, &v))
		return WW_ERR_FORMAT;
	e->timeout = (uint32_t)v;
	t->p = end;
	while (ww_rt_word(&p, end, &w, &n)) {
		const char *eq = memchr(w, '=', n);
		const char *val;
		size_t key_n, val_n;
		if (!eq) {
			if (w[0] == '[') {
				if (KEY_IS(w, n, "[UNREPLIED]"))
					e->unreplied = true;
				else if (KEY_IS(w, n, "[ASSURED]"))
					e->assured = true;
				continue;
			}
			if (n >= 4 && n <= 11 && w[0] >= 'A' && w[0] <= 'Z')
				for (i = 0; i < WW_ARRAY_LEN(ct_states); i++)
					if (word_is(w, n, ct_states[i].name))
						e->state = ct_states[i].state;
			continue;
		}
		key_n = (size_t)(eq - w);
		val = eq + 1;
		val_n = n - key_n - 1;
		if (KEY_IS(w, key_n, "src")) {
			if (seen & (1u << (dir * 4)))
				dir = 1;
			if (dir == 1 && (seen & 0x10))
				return WW_ERR_FORMAT; /* a third tuple */
			if (ip_word(val, val_n, dir ? &e->reply.src : &e->orig.src))
				return WW_ERR_FORMAT;
			seen |= 1u << (dir * 4);
		} else if (KEY_IS(w, key_n, "dst")) {
			if (ip_word(val, val_n, dir ? &e->reply.dst : &e->orig.dst))
				return WW_ERR_FORMAT;
			seen |= 2u << (dir * 4);
		} else if (KEY_IS(w, key_n, "sport") || KEY_IS(w, key_n, "type")) {
			if (u64_word(val, val_n, 65535, &v))
				return WW_ERR_FORMAT;
			if (w[0] == 't')
				v = v << 8;
			if (v > 65535)
				return WW_ERR_FORMAT;
			*(dir ? &e->reply.sport : &e->orig.sport) |= (uint16_t)v;
			seen |= 4u << (dir * 4);
		} else if (KEY_IS(w, key_n, "code")) {
			if (u64_word(val, val_n, 255, &v))
				return WW_ERR_FORMAT;
			*(dir ? &e->reply.sport : &e->orig.sport) |= (uint16_t)v;
		} else if (KEY_IS(w, key_n, "dport") || KEY_IS(w, key_n, "id")) {
			/* "id=" after the tuples is the entry id: only take it inside a tuple */
			if (w[0] == 'i' && (seen & (8u << (dir * 4)) || !(seen & (1u << (dir * 4)))))
				continue;
			if (u64_word(val, val_n, 65535, &v))
				return WW_ERR_FORMAT;
			*(dir ? &e->reply.dport : &e->orig.dport) = (uint16_t)v;
			seen |= 8u << (dir * 4);
		} else if (KEY_IS(w, key_n, "mark")) {
			if (u64_word(val, val_n, UINT32_MAX, &v))
				return WW_ERR_FORMAT;
			e->mark = (uint32_t)v;
			e->has_mark = true;
		} else if (KEY_IS(w, key_n, "zone")) {
			if (u64_word(val, val_n, UINT32_MAX, &v))
				return WW_ERR_FORMAT;
			e->zone = (uint32_t)v;
			e->has_zone = true;
		}
		/* anything else: accounting, secctx, labels, use ... skipped */
	}
	if ((seen & 3) != 3)
		return WW_ERR_FORMAT;
	e->has_reply = (seen & 0x30) == 0x30;
	e->family = e->orig.src.v4 ? 4 : 6;
	if (e->orig.src.v4 != e->orig.dst.v4)
		return WW_ERR_FORMAT;
	return WW_OK;
}
