/* Argus bidirectional flows as CSV (ra -c , -s ..., the CTU-13 .binetflow
 * files): a header line naming the columns, then one connection a line.
 *
 *   StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,...
 *   2013/12/17 22:09:19.514466,1281.845459,tcp,10.0.0.46,60808,  <?>,78.47.102.65,51413,PA_PA,0,0,110611,110825666,2585055,...
 *
 * TCP State is "<source's flags>_<destination's flags>" (S SYN, A ACK, P
 * PSH, R RST, F FIN ...); UDP "CON" (both ways) or "INT" (one way); ICMP
 * ports are hexadecimal (type, code). Times are taken as UTC. */
#include "core/common.h"
#include "core/timefmt.h"
#include "core/textcur.h"
#include "decode/packet.h"
#include "flows/flows_int.h"

#include <time.h>

void ww_argus_init(struct ww_argus *a)
{
	memset(a, 0, sizeof(*a));
}

#define MAX_COLS 64

static size_t split(const char *line, size_t len, const char **f, size_t *fl, size_t max)
{
	size_t n = 0, start = 0, i;
	for (i = 0; i <= len && n < max; i++) {
		if (i == len || line[i] == ',') {
			f[n] = line + start;
			fl[n] = i - start;
			n++;
			start = i + 1;
		}
	}
	return n;
}

static bool col_is(const char *p, size_t l, const char *name)
{
	return l == strlen(name) && memcmp(p, name, l) == 0;
}

bool ww_argus_header(struct ww_argus *a, const char *line, size_t len)
{
	const char *f[MAX_COLS];
	size_t fl[MAX_COLS], n, i;
	int *want[] = {&a->col_start, &a->col_dur, &a->col_proto, &a->col_src, &a->col_sport,
	               &a->col_dir, &a->col_dst, &a->col_dport, &a->col_state, &a->col_pkts,
	               &a->col_bytes, &a->col_srcbytes};
	static const char *names[] = {"StartTime", "Dur", "Proto", "SrcAddr", "Sport", "Dir",
	                              "DstAddr", "Dport", "State", "TotPkts", "TotBytes",
	                              "SrcBytes"};
	n = split(line, len, f, fl, MAX_COLS);
	for (i = 0; i < WW_ARRAY_LEN(want); i++)
		*want[i] = -1;
	for (i = 0; i < n; i++) {
		size_t k;
		for (k = 0; k < WW_ARRAY_LEN(names); k++)
			if (col_is(f[i], fl[i], names[k]))
				*want[k] = (int)i;
	}
	for (i = 0; i < WW_ARRAY_LEN(want); i++)
		if (*want[i] < 0 && want[i] != &a->col_srcbytes)
			return false;
	a->ncols = (int)n;
	a->have_header = true;
	return true;
}

static ww_rc field_u64(const char *p, size_t l, uint64_t max, uint64_t *out)
{
	struct ww_tcur t = ww_tcur_make(p, l);
	ww_tcur_skip_ws(&t);
	if (ww_tcur_lit(&t, "0x")) {
		if (ww_tcur_hex(&t, max, out))
			return WW_ERR_FORMAT;
	} else if (ww_tcur_u64(&t, max, out)) {
		return WW_ERR_FORMAT;
	}
	return ww_tcur_eof(&t) ? WW_OK : WW_ERR_FORMAT;
}

/* "2013/12/17 22:09:19.500617" -> microseconds (UTC). */
static ww_rc argus_time(const char *p, size_t l, int64_t *out)
{
	struct ww_tcur t = ww_tcur_make(p, l);
	uint64_t y, mo, d, h, mi, s, frac = 0;
	size_t digits = 0;
	if (ww_tcur_u64(&t, 9999, &y) || !ww_tcur_ch(&t, '/') || ww_tcur_u64(&t, 12, &mo) ||
	    !ww_tcur_ch(&t, '/') || ww_tcur_u64(&t, 31, &d) || !ww_tcur_ch(&t, ' ') ||
	    ww_tcur_u64(&t, 23, &h) || !ww_tcur_ch(&t, ':') || ww_tcur_u64(&t, 59, &mi) ||
	    !ww_tcur_ch(&t, ':') || ww_tcur_u64(&t, 60, &s))
		return WW_ERR_FORMAT;
	if (ww_tcur_ch(&t, '.')) {
		while (!ww_tcur_eof(&t) && *t.p >= '0' && *t.p <= '9' && digits < 6) {
			frac = frac * 10 + (uint64_t)(*t.p - '0');
			t.p++;
			digits++;
		}
		for (; digits < 6; digits++)
			frac *= 10;
	}
	if (!ww_tcur_eof(&t) || !ww_time_from_civil(y, mo, d, h, mi, s, frac, out))
		return WW_ERR_FORMAT;
	return WW_OK;
}

/* "1281.845459" seconds -> microseconds. */
static ww_rc argus_dur(const char *p, size_t l, int64_t *out)
{
	struct ww_tcur t = ww_tcur_make(p, l);
	uint64_t s, frac = 0;
	size_t digits = 0;
	if (ww_tcur_u64(&t, 100000000, &s))
		return WW_ERR_FORMAT;
	if (ww_tcur_ch(&t, '.')) {
		while (!ww_tcur_eof(&t) && *t.p >= '0' && *t.p <= '9') {
			if (digits < 6) {
				frac = frac * 10 + (uint64_t)(*t.p - '0');
				digits++;
			}
			t.p++;
		}
		for (; digits < 6; digits++)
			frac *= 10;
	}
	if (!ww_tcur_eof(&t))
		return WW_ERR_FORMAT;
	*out = (int64_t)(s * 1000000 + frac);
	return WW_OK;
}

static uint8_t tcp_letters(const char *p, size_t l)
{
	uint8_t v = 0;
	size_t i;
	for (i = 0; i < l; i++) {
		switch (p[i]) {
		case 'S': v |= WW_TH_SYN; break;
		case 'A': v |= WW_TH_ACK; break;
		case 'R': v |= WW_TH_RST; break;
		case 'F': v |= WW_TH_FIN; break;
		case 'P': v |= WW_TH_PSH; break;
		default: break;
		}
	}
	return v;
}

ww_rc ww_argus_line(struct ww_argus *a, const char *line, size_t len, struct ww_flowrec *out)
{
	const char *f[MAX_COLS];
	size_t fl[MAX_COLS], n;
	uint64_t v, tot_pkts, tot_bytes, src_bytes = 0;
	int64_t dur;
	const char *pr, *dir, *st;
	size_t prl, dirl, stl;
	struct ww_addr tmp;
	char ab[WW_ADDR_STRLEN];
	if (!a->have_header)
		return WW_ERR_FORMAT;
	n = split(line, len, f, fl, MAX_COLS);
	if ((int)n < a->ncols)
		return WW_ERR_FORMAT;
	memset(out, 0, sizeof(*out));
	pr = f[a->col_proto];
	prl = fl[a->col_proto];
	if (col_is(pr, prl, "tcp"))
		out->proto = WW_PROTO_TCP;
	else if (col_is(pr, prl, "udp"))
		out->proto = WW_PROTO_UDP;
	else if (col_is(pr, prl, "icmp"))
		out->proto = WW_PROTO_ICMP;
	else if (col_is(pr, prl, "ipv6-icmp"))
		out->proto = WW_PROTO_ICMP6;
	else
		return WW_ERR_NOTFOUND; /* arp, man, igmp ...: not connections */
	if (argus_time(f[a->col_start], fl[a->col_start], &out->start_us) ||
	    argus_dur(f[a->col_dur], fl[a->col_dur], &dur))
		return WW_ERR_FORMAT;
	out->end_us = out->start_us + dur;
	if (fl[a->col_src] >= sizeof(ab) || fl[a->col_dst] >= sizeof(ab))
		return WW_ERR_FORMAT;
	memcpy(ab, f[a->col_src], fl[a->col_src]);
	ab[fl[a->col_src]] = 0;
	if (ww_addr_parse(ab, &out->src))
		return WW_ERR_FORMAT;
	memcpy(ab, f[a->col_dst], fl[a->col_dst]);
	ab[fl[a->col_dst]] = 0;
	if (ww_addr_parse(ab, &out->dst))
		return WW_ERR_FORMAT;
	if (fl[a->col_sport] == 0)
		v = 0;
	else if (field_u64(f[a->col_sport], fl[a->col_sport], 65535, &v))
		return WW_ERR_FORMAT;
	out->sport = (uint16_t)v;
	if (fl[a->col_dport] == 0)
		v = 0;
	else if (field_u64(f[a->col_dport], fl[a->col_dport], 65535, &v))
		return WW_ERR_FORMAT;
	out->dport = (uint16_t)v;
	if (out->proto == WW_PROTO_ICMP || out->proto == WW_PROTO_ICMP6) {
		out->dport = (uint16_t)((out->sport & 0xff) << 8 | (out->dport & 0xff));
		out->sport = 0;
	}
	if (field_u64(f[a->col_pkts], fl[a->col_pkts], UINT64_MAX, &tot_pkts) ||
	    field_u64(f[a->col_bytes], fl[a->col_bytes], UINT64_MAX, &tot_bytes))
		return WW_ERR_FORMAT;
	if (a->col_srcbytes >= 0 &&
	    field_u64(f[a->col_srcbytes], fl[a->col_srcbytes], UINT64_MAX, &src_bytes))
		return WW_ERR_FORMAT;
	st = f[a->col_state];
	stl = fl[a->col_state];
	out->biflow = true;
	out->bytes = src_bytes;
	out->rbytes = tot_bytes > src_bytes ? tot_bytes - src_bytes : 0;
	if (out->proto == WW_PROTO_TCP) {
		const char *us = memchr(st, '_', stl);
		if (us) {
			out->flags = tcp_letters(st, (size_t)(us - st));
			out->rflags = tcp_letters(us + 1, stl - (size_t)(us - st) - 1);
		} else {
			out->flags = tcp_letters(st, stl);
		}
		if (out->rflags && !out->rbytes)
			out->rbytes = 40;
	} else if (out->proto == WW_PROTO_UDP && col_is(st, stl, "CON") && !out->rbytes) {
		out->rbytes = 1;
	} else if (col_is(st, stl, "ECR") && !out->rbytes) {
		out->rbytes = 1;
	}
	out->rpkts = out->rbytes ? 1 : 0;
	if (tot_pkts > out->rpkts)
		out->pkts = tot_pkts - out->rpkts;
	else
		out->pkts = tot_pkts;
	if (out->rpkts && out->pkts && tot_pkts > 2) {
		/* share the packets as the bytes are shared */
		uint64_t rp = tot_bytes ? (uint64_t)((double)tot_pkts * (double)out->rbytes /
		                                     (double)tot_bytes) : 1;
		out->rpkts = rp ? rp : 1;
		out->pkts = tot_pkts > out->rpkts ? tot_pkts - out->rpkts : 1;
	}
	dir = f[a->col_dir];
	dirl = fl[a->col_dir];
	while (dirl && *dir == ' ')
		dir++, dirl--;
	if (col_is(dir, dirl, "<-")) {
		uint64_t x;
		uint8_t fx;
		uint16_t p;
		tmp = out->src, out->src = out->dst, out->dst = tmp;
		p = out->sport, out->sport = out->dport, out->dport = p;
		x = out->pkts, out->pkts = out->rpkts, out->rpkts = x;
		x = out->bytes, out->bytes = out->rbytes, out->rbytes = x;
		fx = out->flags, out->flags = out->rflags, out->rflags = fx;
	}
	out->biflow = out->rpkts || out->rbytes;
	return WW_OK;
}
