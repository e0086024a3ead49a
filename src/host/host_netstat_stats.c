/* `netstat -s` protocol counters (Windows, English and Japanese labels).
 * Sections are told apart by the protocol name in their header, which no
 * locale translates ("TCP Statistics for IPv4", "IPv4 の TCP 統計"); the
 * counter labels are translated, so each counter has its known labels. */
#include "core/common.h"
#include "core/textcur.h"
#include "host/host_inventory.h"
#include "host/host_sniff.h"

enum sect { S_NONE, S_IP, S_ICMP, S_TCP, S_UDP };

/* A header line has no '=' and names a protocol. */
static enum sect header(const char *line, size_t n)
{
	if (memchr(line, '=', n))
		return S_NONE;
	if (ww_host_memmem_ci(line, n, "ICMP"))
		return S_ICMP;
	if (ww_host_memmem_ci(line, n, "TCP"))
		return S_TCP;
	if (ww_host_memmem_ci(line, n, "UDP"))
		return S_UDP;
	if (ww_host_memmem_ci(line, n, "IPv4") || ww_host_memmem_ci(line, n, "IPv6"))
		return S_IP;
	return S_NONE;
}

static bool label_is(const char *l, size_t n, const char *const *labels)
{
	for (; *labels; labels++) {
		if ((unsigned char)(*labels)[0] >= 0x80) { /* a translated label: substring */
			if (ww_host_memmem_ci(l, n, *labels))
				return true;
		} else if (ww_host_ieq(l, n, *labels)) {
			return true;
		}
	}
	return false;
}

static const char *const L_IP_RX[] = {"Packets Received", "受信したパケット", NULL};
static const char *const L_ICMP_MSG[] = {"Messages", "メッセージ", NULL};
static const char *const L_UNREACH[] = {"Destination Unreachable", "到達できません", "宛先不明", NULL};
static const char *const L_ACTIVE[] = {"Active Opens", "アクティブ オープン", "アクティブ", NULL};
static const char *const L_FAILED[] = {"Failed Connection Attempts", "失敗", NULL};
static const char *const L_UDP_RX[] = {"Datagrams Received", "受信したデータグラム", NULL};
static const char *const L_NOPORTS[] = {"No Ports", "ポートなし", "ポートがありません", NULL};

static void add(long long *v, uint64_t x)
{
	if (*v < 0)
		*v = 0;
	if ((uint64_t)*v + x < (uint64_t)1 << 62)
		*v += (long long)x;
}

/* "  Active Opens                        = 347883"
 * "  Destination Unreachable   3979        7199" (ICMP: received, sent) */
static bool counter_line(const char *line, size_t n, const char **label, size_t *ln,
                         uint64_t *value)
{
	const char *eq = memchr(line, '=', n);
	struct ww_tcur t;
	if (eq) {
		*label = line;
		*ln = (size_t)(eq - line);
		ww_host_trim(label, ln);
		t = ww_tcur_make(eq + 1, n - (size_t)(eq - line) - 1);
		ww_tcur_skip_ws(&t);
		if (ww_tcur_u64_grouped(&t, UINT64_MAX >> 2, value))
			return false;
		ww_tcur_skip_ws(&t);
		return ww_tcur_eof(&t) && *ln > 0;
	}
	/* label then two numbers: find where the numbers start */
	{
		size_t end = n, i, words = 0;
		while (end && (line[end - 1] == ' ' || line[end - 1] == '\t'))
			end--;
		i = end;
		while (words < 2 && i) {
			size_t w_end = i;
			while (i && line[i - 1] >= '0' && line[i - 1] <= '9')
				i--;
			if (i == w_end)
				return false;
			words++;
			if (words == 1) {
				while (i && (line[i - 1] == ' ' || line[i - 1] == '\t'))
					i--;
			}
		}
		if (words < 2 || !i || (line[i - 1] != ' ' && line[i - 1] != '\t'))
			return false;
		t = ww_tcur_make(line + i, end - i);
		if (ww_tcur_u64(&t, UINT64_MAX >> 2, value))
			return false;
		*label = line;
		*ln = i;
		ww_host_trim(label, ln);
		return *ln > 0;
	}
}

int ww_host_detect_netstat_stats(const char *text, size_t len)
{
	size_t pos = 0, ln, counters = 0, headers = 0, lines = 0;
	const char *line, *l;
	size_t lln;
	uint64_t v;
	bool cut;
	while (lines < 400 && ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		lines++;
		if (memchr(line, '=', ln) && counter_line(line, ln, &l, &lln, &v))
			counters++;
		else if (header(line, ln) != S_NONE)
			headers++;
	}
	return counters >= 3 && headers ? 40 + (int)WW_MIN(counters, 20u) : 0;
}

ww_rc ww_host_parse_netstat_stats(struct ww_host_ctx *c, const char *text, size_t len,
                                  uint32_t src)
{
	struct ww_host_stats *st = &c->inv.stats;
	size_t pos = 0, ln;
	unsigned long lineno = 0;
	enum sect sect = S_NONE;
	const char *line;
	bool cut;
	if (!st->present) {
		st->ip_rx = st->icmp_rx = st->icmp_unreach_rx = st->tcp_active = -1;
		st->tcp_failed = st->udp_rx = st->udp_noports = -1;
	}
	st->present = true;
	st->src = src;
	while (ww_next_line(text, len, &pos, WW_HOST_MAX_LINE, &line, &ln, &cut)) {
		const char *l;
		size_t lln;
		uint64_t v;
		enum sect h;
		lineno++;
		if (counter_line(line, ln, &l, &lln, &v)) {
			if (sect == S_IP && label_is(l, lln, L_IP_RX)) {
				add(&st->ip_rx, v);
			} else if (sect == S_ICMP && label_is(l, lln, L_ICMP_MSG)) {
				add(&st->icmp_rx, v);
			} else if (sect == S_ICMP && label_is(l, lln, L_UNREACH)) {
				add(&st->icmp_unreach_rx, v);
				st->line_unreach = (uint32_t)lineno;
			} else if (sect == S_TCP && label_is(l, lln, L_FAILED)) {
				add(&st->tcp_failed, v);
				st->line_failed = (uint32_t)lineno;
			} else if (sect == S_TCP && label_is(l, lln, L_ACTIVE)) {
				add(&st->tcp_active, v);
			} else if (sect == S_UDP && label_is(l, lln, L_NOPORTS)) {
				add(&st->udp_noports, v);
				st->line_noports = (uint32_t)lineno;
			} else if (sect == S_UDP && label_is(l, lln, L_UDP_RX)) {
				add(&st->udp_rx, v);
			}
			continue;
		}
		h = header(line, ln);
		if (h != S_NONE)
			sect = h;
	}
	return WW_OK;
}
