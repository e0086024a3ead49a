/* The containment plan, the one sanitiser every rule format uses, the
 * format table, and the two Linux formats (nftables, iptables). The other
 * platforms are in rules_fw.c. */
#include "core/common.h"
#include "response/rules.h"

#include <stdio.h>

const unsigned short ww_contain_udp_ports[2] = {137, 138};

/* Recipe: to add a format, write its function (contract in rules.h),
 * declare it there and add a row here; docs/response.md lists them. */
const struct ww_rule_format ww_rule_formats[] = {
	{"nft", "nftables for a Linux gateway (nft -f FILE; what --apply loads)", ww_rules_nft},
	{"iptables", "iptables/ip6tables shell script for a Linux gateway (sh FILE [undo])",
	 ww_rules_iptables},
	{"openwrt", "OpenWrt fw4 rules through uci (paste on the router)", ww_rules_openwrt},
	{"pf", "pf anchor for OpenBSD/FreeBSD/pfSense (pfctl -a wormwatch -f FILE)", ww_rules_pf},
	{"cisco", "Cisco IOS extended ACL (configure terminal, then ip access-group)",
	 ww_rules_cisco},
	{"windows", "netsh advfirewall commands for each Windows PC (a .cmd, run as admin)",
	 ww_rules_windows},
	{NULL, NULL, NULL},
};

const struct ww_rule_format *ww_rule_format_find(const char *name)
{
	const struct ww_rule_format *f;
	for (f = ww_rule_formats; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

char *ww_safe_text(char *dst, size_t cap, const char *src)
{
	size_t n = 0;
	bool space = false;
	if (!cap)
		return dst;
	for (; src && *src && n + 1 < cap; src++) {
		unsigned char c = (unsigned char)*src;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
			space = n > 0;
			continue;
		}
		if (space && n + 2 < cap)
			dst[n++] = ' ';
		space = false;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr(".,:/()+=_-", (int)c)) {
			dst[n++] = (char)c;
		} else if (c == '%' && n + 4 < cap) {
			memcpy(dst + n, " pct", 4); /* "97%" -> "97 pct": % is syntax to cmd.exe */
			n += 4;
		} else if (c == ';') {
			dst[n++] = ',';
		} else {
			dst[n++] = '_';
		}
	}
	dst[n] = '\0';
	return dst;
}

void ww_cidr_netaddr(const struct ww_cidr *c, struct ww_addr *net)
{
	unsigned i;
	*net = c->net;
	for (i = c->bits; i < 128; i++)
		net->b[i / 8] &= (uint8_t)~(0x80u >> (i % 8));
}

const char *ww_cidr_fmt(const struct ww_cidr *c, char *buf, size_t cap)
{
	char a[WW_ADDR_STRLEN];
	unsigned bits = c->v4 ? (unsigned)c->bits - 96u : c->bits;
	struct ww_addr net;
	ww_cidr_netaddr(c, &net);
	snprintf(buf, cap, "%s/%u", ww_addr_fmt(&net, a), bits);
	return buf;
}

void ww_contain_plan_init(struct ww_contain_plan *p)
{
	memset(p, 0, sizeof(*p));
	ww_netlist_init(&p->allow);
	ww_netlist_init(&p->home);
	p->timeout_s = 86400;
	ww_contain_plan_port(p, 135);
	ww_contain_plan_port(p, 139);
	ww_contain_plan_port(p, 445);
}

void ww_contain_plan_port(struct ww_contain_plan *p, unsigned short port)
{
	size_t i, j;
	for (i = 0; i < p->n_tcp && p->tcp[i] < port; i++)
		;
	if ((i < p->n_tcp && p->tcp[i] == port) || p->n_tcp >= WW_CONTAIN_MAX_PORTS || !port)
		return;
	for (j = p->n_tcp; j > i; j--)
		p->tcp[j] = p->tcp[j - 1];
	p->tcp[i] = port;
	p->n_tcp++;
}

void ww_contain_ports(struct ww_out *o, const struct ww_contain_plan *p, const char *sep)
{
	size_t i;
	for (i = 0; i < p->n_tcp; i++)
		ww_out_printf(o, "%s%u", i ? sep : "", p->tcp[i]);
}

void ww_contain_plan_release(struct ww_contain_plan *p)
{
	free(p->h);
	ww_netlist_release(&p->allow);
	ww_netlist_release(&p->home);
	memset(p, 0, sizeof(*p));
}

void ww_contain_plan_source(struct ww_contain_plan *p, const char *name)
{
	char safe[WW_SAFE_MAX];
	size_t used = strlen(p->sources);
	ww_safe_text(safe, sizeof(safe), name);
	snprintf(p->sources + used, sizeof(p->sources) - used, "%s%s", used ? " " : "", safe);
}

ww_rc ww_contain_plan_from(struct ww_contain_plan *p, const struct ww_resp_snap *s)
{
	size_t i;
	for (i = 0; i < s->n; i++) {
		const struct ww_resp_host *h = &s->h[i];
		struct ww_contain_host *c;
		if (!h->flagged || h->verdict != WW_VERDICT_INFECTED)
			continue;
		if (ww_netlist_match(&p->allow, &h->addr)) {
			if (p->skipped_allowed < WW_ARRAY_LEN(p->skipped))
				p->skipped[p->skipped_allowed] = h->addr;
			p->skipped_allowed++;
			continue;
		}
		if (p->n >= WW_CONTAIN_MAX_HOSTS)
			return WW_ERR_LIMIT;
		if (p->n == p->cap) {
			size_t nc = p->cap ? p->cap * 2 : 8;
			struct ww_contain_host *nh = ww_reallocarray(p->h, nc, sizeof(*nh));
			if (!nh)
				return WW_ERR_NOMEM;
			p->h = nh;
			p->cap = nc;
		}
		c = &p->h[p->n++];
		memset(c, 0, sizeof(*c));
		for (size_t k = 0; k < h->n_worm_tcp; k++)
			ww_contain_plan_port(p, h->worm_tcp[k]);
		c->addr = h->addr;
		c->verdict = h->verdict;
		c->score = h->score;
		ww_safe_text(c->why, sizeof(c->why), h->title ? h->title : "");
		ww_safe_text(c->evidence, sizeof(c->evidence), h->n_evidence ? h->evidence[0] : "");
		ww_safe_text(c->source, sizeof(c->source), h->source ? h->source : "");
	}
	return WW_OK;
}

/* ---- shared pieces --------------------------------------------------------- */

static size_t count_family(const struct ww_contain_plan *p, bool v4)
{
	size_t i, n = 0;
	for (i = 0; i < p->n; i++)
		n += (p->h[i].addr.v4 != 0) == v4;
	return n;
}

static size_t count_cidrs(const struct ww_netlist *l, bool v4)
{
	size_t i, n = 0;
	for (i = 0; i < l->n; i++)
		n += l->v[i].v4 == v4;
	return n;
}

static void ports_list(struct ww_out *o, const unsigned short *v, size_t n, const char *sep)
{
	size_t i;
	for (i = 0; i < n; i++)
		ww_out_printf(o, "%s%u", i ? sep : "", v[i]);
}

/* ---- nftables ---------------------------------------------------------------- */

static void nft_set(struct ww_out *o, const char *name, bool v4, const struct ww_netlist *l)
{
	char b[WW_ADDR_STRLEN + 8];
	size_t i, k = 0;
	ww_out_printf(o, "\tset %s {\n\t\ttype %s\n\t\tflags interval\n", name,
	              v4 ? "ipv4_addr" : "ipv6_addr");
	for (i = 0; i < l->n; i++) {
		if (l->v[i].v4 != v4)
			continue;
		ww_out_puts(o, k++ ? ", " : "\t\telements = { ");
		ww_out_puts(o, ww_cidr_fmt(&l->v[i], b, sizeof(b)));
	}
	if (k)
		ww_out_puts(o, " }\n");
	ww_out_puts(o, "\t}\n");
}

static void nft_quarantine(struct ww_out *o, const struct ww_contain_plan *p, bool v4)
{
	char a[WW_ADDR_STRLEN];
	size_t i, k = 0;
	ww_out_printf(o, "\tset quarantine%c {\n\t\ttype %s\n\t\tflags timeout\n", v4 ? '4' : '6',
	              v4 ? "ipv4_addr" : "ipv6_addr");
	for (i = 0; i < p->n; i++) {
		const struct ww_contain_host *h = &p->h[i];
		char why[64];
		if ((h->addr.v4 != 0) != v4)
			continue;
		ww_out_puts(o, k++ ? ",\n\t\t\t     " : "\t\telements = { ");
		ww_out_puts(o, ww_addr_fmt(&h->addr, a));
		if (p->timeout_s)
			ww_out_printf(o, " timeout %us", p->timeout_s);
		/* nft keeps element comments up to 128 bytes */
		ww_safe_text(why, sizeof(why), h->why);
		ww_out_printf(o, " comment \"%s: %s\"", ww_verdict_name(h->verdict), why);
	}
	if (k)
		ww_out_puts(o, " }\n");
	ww_out_puts(o, "\t}\n");
}

ww_rc ww_rules_nft_table(struct ww_out *o, const struct ww_contain_plan *p)
{
	ww_out_puts(o, "add table inet wormwatch\ndelete table inet wormwatch\n"
	               "table inet wormwatch {\n");
	nft_set(o, "allow4", true, &p->allow);
	nft_set(o, "allow6", false, &p->allow);
	nft_set(o, "home4", true, &p->home);
	nft_set(o, "home6", false, &p->home);
	nft_quarantine(o, p, true);
	nft_quarantine(o, p, false);
	ww_out_puts(o, "\tchain forward {\n"
	               "\t\ttype filter hook forward priority filter - 10; policy accept;\n"
	               "\t\tip saddr @quarantine4 ip saddr != @allow4 ip daddr != @allow4 counter drop "
	               "comment \"quarantined host: nothing through this gateway\"\n"
	               "\t\tip daddr @quarantine4 ip daddr != @allow4 ip saddr != @allow4 counter drop "
	               "comment \"nothing to a quarantined host\"\n"
	               "\t\tip6 saddr @quarantine6 ip6 saddr != @allow6 ip6 daddr != @allow6 counter "
	               "drop comment \"quarantined host: nothing through this gateway\"\n"
	               "\t\tip6 daddr @quarantine6 ip6 daddr != @allow6 ip6 saddr != @allow6 counter "
	               "drop comment \"nothing to a quarantined host\"\n");
	ww_out_puts(o, "\t\tip daddr != @home4 tcp dport { ");
	ww_contain_ports(o, p, ", ");
	ww_out_puts(o, " } counter drop comment \"worm ports outward\"\n");
	ww_out_puts(o, "\t\tip6 daddr != @home6 tcp dport { ");
	ww_contain_ports(o, p, ", ");
	ww_out_puts(o, " } counter drop comment \"worm ports outward\"\n");
	ww_out_puts(o, "\t\tip daddr != @home4 udp dport { ");
	ports_list(o, ww_contain_udp_ports, WW_ARRAY_LEN(ww_contain_udp_ports), ", ");
	ww_out_puts(o, " } counter drop comment \"NetBIOS outward\"\n\t}\n");
	ww_out_puts(o, "\tchain input {\n"
	               "\t\ttype filter hook input priority filter - 10; policy accept;\n"
	               "\t\tip saddr @quarantine4 ip saddr != @allow4 tcp dport { ");
	ww_contain_ports(o, p, ", ");
	ww_out_puts(o, " } counter drop comment \"quarantined host: no worm ports on this gateway\"\n"
	               "\t\tip6 saddr @quarantine6 ip6 saddr != @allow6 tcp dport { ");
	ww_contain_ports(o, p, ", ");
	ww_out_puts(o, " } counter drop comment \"quarantined host: no worm ports on this gateway\"\n"
	               "\t}\n}\n");
	return o->rc;
}

ww_rc ww_rules_nft(struct ww_out *o, const struct ww_contain_plan *p)
{
	ww_out_puts(o, "#!/usr/sbin/nft -f\n");
	ww_rules_header(o, p, "#", "nftables, table inet wormwatch", "\n");
	ww_out_puts(o, "#\n# apply: nft -f FILE   (or: wormwatch contain --apply RESULT...)\n"
	               "# undo:  nft delete table inet wormwatch   (or: wormwatch contain --undo)\n"
	               "# add a host later: nft add element inet wormwatch quarantine4 "
	               "'{ ADDRESS timeout 3600s }'\n");
	if (p->timeout_s)
		ww_out_printf(o, "# quarantined addresses leave the set by themselves after %u s\n",
		              p->timeout_s);
	ww_out_puts(o, "#\n# allow4/allow6: never quarantined (gateway, DNS, admin, --allow); "
	               "home4/home6: inside networks\n");
	return ww_rules_nft_table(o, p);
}

/* ---- iptables ---------------------------------------------------------------- */

static void ipt_family(struct ww_out *o, const struct ww_contain_plan *p, bool v4)
{
	const char *cmd = v4 ? "iptables" : "ip6tables";
	char a[WW_ADDR_STRLEN], b[WW_ADDR_STRLEN + 8];
	size_t i;
	ww_out_printf(o, "\t%s -N WORMWATCH\n", cmd);
	for (i = 0; i < p->allow.n; i++)
		if ((p->allow.v[i].v4 != 0) == v4) {
			ww_cidr_fmt(&p->allow.v[i], b, sizeof(b));
			ww_out_printf(o, "\t%s -A WORMWATCH -s %s -j RETURN -m comment --comment "
			              "\"wormwatch: allowlist\"\n", cmd, b);
			ww_out_printf(o, "\t%s -A WORMWATCH -d %s -j RETURN -m comment --comment "
			              "\"wormwatch: allowlist\"\n", cmd, b);
		}
	for (i = 0; i < p->n; i++) {
		const struct ww_contain_host *h = &p->h[i];
		if ((h->addr.v4 != 0) != v4)
			continue;
		ww_addr_fmt(&h->addr, a);
		ww_out_printf(o, "\t# %s: %s: %s\n", a, ww_verdict_name(h->verdict), h->why);
		ww_out_printf(o, "\t%s -A WORMWATCH -s %s -j DROP -m comment --comment "
		              "\"wormwatch: quarantine %s\"\n", cmd, a, a);
		ww_out_printf(o, "\t%s -A WORMWATCH -d %s -j DROP -m comment --comment "
		              "\"wormwatch: quarantine %s\"\n", cmd, a, a);
	}
	/* worm ports: inside destinations return first, the rest is dropped */
	for (i = 0; i < p->home.n; i++)
		if ((p->home.v[i].v4 != 0) == v4)
			ww_out_printf(o, "\t%s -A WORMWATCH -d %s -j RETURN\n", cmd,
			              ww_cidr_fmt(&p->home.v[i], b, sizeof(b)));
	ww_out_printf(o, "\t%s -A WORMWATCH -p tcp -m multiport --dports ", cmd);
	ww_contain_ports(o, p, ",");
	ww_out_puts(o, " -j DROP -m comment --comment \"wormwatch: worm ports outward\"\n");
	ww_out_printf(o, "\t%s -A WORMWATCH -p udp -m multiport --dports ", cmd);
	ports_list(o, ww_contain_udp_ports, WW_ARRAY_LEN(ww_contain_udp_ports), ",");
	ww_out_puts(o, " -j DROP -m comment --comment \"wormwatch: NetBIOS outward\"\n");
	ww_out_printf(o, "\t%s -I FORWARD 1 -j WORMWATCH\n", cmd);
}

ww_rc ww_rules_iptables(struct ww_out *o, const struct ww_contain_plan *p)
{
	bool v6 = count_family(p, false) || count_cidrs(&p->allow, false) ||
	          count_cidrs(&p->home, false);
	ww_out_puts(o, "#!/bin/sh\n");
	ww_rules_header(o, p, "#", "iptables, chain WORMWATCH in FORWARD", "\n");
	ww_out_puts(o, "#\n# apply: sh FILE        undo: sh FILE undo\n"
	               "# undo by hand: iptables -D FORWARD -j WORMWATCH; iptables -F WORMWATCH; "
	               "iptables -X WORMWATCH\n");
	if (v6)
		ww_out_puts(o, "#   and the same with ip6tables\n");
	ww_out_puts(o, "# iptables has no timeouts here: the rules stay until undone\n");
	ww_out_puts(o, "set -e\ncase \"${1:-apply}\" in\napply)\n");
	ipt_family(o, p, true);
	if (v6)
		ipt_family(o, p, false);
	ww_out_puts(o, "\t;;\nundo)\n"
	               "\tiptables -D FORWARD -j WORMWATCH\n\tiptables -F WORMWATCH\n"
	               "\tiptables -X WORMWATCH\n");
	if (v6)
		ww_out_puts(o, "\tip6tables -D FORWARD -j WORMWATCH\n\tip6tables -F WORMWATCH\n"
		               "\tip6tables -X WORMWATCH\n");
	ww_out_puts(o, "\t;;\n*)\n\techo \"usage: sh $0 [apply|undo]\" >&2\n\texit 64\n\t;;\nesac\n");
	return o->rc;
}
