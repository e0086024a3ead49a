/* Containment rules for the platforms other than a Linux gateway: OpenWrt
 * (fw4, through uci), pf, Cisco IOS, and the Windows PCs themselves (netsh
 * advfirewall). Contract and sanitiser in rules.h. */
#include "core/common.h"
#include "response/rules.h"

#include <stdio.h>

void ww_rules_header(struct ww_out *o, const struct ww_contain_plan *p, const char *c,
                      const char *platform, const char *eol)
{
	char a[WW_ADDR_STRLEN];
	size_t i;
	ww_out_printf(o, "%s wormwatch contain (%s): isolate %zu infected host(s), block TCP ", c,
	              platform, p->n);
	ww_contain_ports(o, p, "/");
	ww_out_printf(o, " and UDP 137/138 outward%s", eol);
	if (p->sources[0])
		ww_out_printf(o, "%s made from: %s%s", c, p->sources, eol);
	for (i = 0; i < p->n; i++) {
		const struct ww_contain_host *h = &p->h[i];
		ww_out_printf(o, "%s %s: %s (score %.2f)%s", c, ww_addr_fmt(&h->addr, a),
		              ww_verdict_name(h->verdict), h->score, eol);
		if (h->why[0])
			ww_out_printf(o, "%s   why: %s%s", c, h->why, eol);
		if (h->evidence[0])
			ww_out_printf(o, "%s   evidence: %s%s", c, h->evidence, eol);
		if (h->source[0])
			ww_out_printf(o, "%s   from: %s%s", c, h->source, eol);
	}
	if (!p->n)
		ww_out_printf(o, "%s no infected host in the results: only the worm ports are blocked%s", c, eol);
	for (i = 0; i < p->skipped_allowed && i < WW_ARRAY_LEN(p->skipped); i++)
		ww_out_printf(o, "%s %s: infected, but on the allowlist: not isolated%s", c,
		              ww_addr_fmt(&p->skipped[i], a), eol);
	if (p->skipped_allowed > WW_ARRAY_LEN(p->skipped))
		ww_out_printf(o, "%s and %zu more infected host(s) on the allowlist%s", c,
		              p->skipped_allowed - WW_ARRAY_LEN(p->skipped), eol);
}

/* ---- OpenWrt (fw4 / uci) -------------------------------------------------------- */

ww_rc ww_rules_openwrt(struct ww_out *o, const struct ww_contain_plan *p)
{
	char a[WW_ADDR_STRLEN];
	size_t i;
	ww_rules_header(o, p, "#", "OpenWrt fw4 through uci", "\n");
	ww_out_puts(o, "#\n# apply: paste into a shell on the router (ssh root@router)\n"
	               "# undo:  the commands in the UNDO block at the end\n"
	               "# fw4 has no timeouts here: the rules stay until undone\n#\n");
	for (i = 0; i < p->n; i++) {
		const struct ww_contain_host *h = &p->h[i];
		const char *fam = h->addr.v4 ? "ipv4" : "ipv6";
		ww_addr_fmt(&h->addr, a);
		ww_out_printf(o, "# %s: %s\n", a, h->why);
		ww_out_printf(o, "uci set firewall.wormwatch_q%zu=rule\n", i);
		ww_out_printf(o, "uci set firewall.wormwatch_q%zu.name='wormwatch quarantine %s'\n", i, a);
		ww_out_printf(o, "uci set firewall.wormwatch_q%zu.src='lan'\n", i);
		ww_out_printf(o, "uci set firewall.wormwatch_q%zu.src_ip='%s'\n", i, a);
		ww_out_printf(o, "uci set firewall.wormwatch_q%zu.dest='*'\n", i);
		ww_out_printf(o, "uci set firewall.wormwatch_q%zu.family='%s'\n", i, fam);
		ww_out_printf(o, "uci set firewall.wormwatch_q%zu.target='DROP'\n", i);
		ww_out_printf(o, "uci set firewall.wormwatch_qin%zu=rule\n", i);
		ww_out_printf(o, "uci set firewall.wormwatch_qin%zu.name='wormwatch quarantine %s "
		              "(router)'\n", i, a);
		ww_out_printf(o, "uci set firewall.wormwatch_qin%zu.src='lan'\n", i);
		ww_out_printf(o, "uci set firewall.wormwatch_qin%zu.src_ip='%s'\n", i, a);
		ww_out_printf(o, "uci set firewall.wormwatch_qin%zu.proto='tcp'\n", i);
		ww_out_printf(o, "uci set firewall.wormwatch_qin%zu.dest_port='", i);
		ww_contain_ports(o, p, " ");
		ww_out_puts(o, "'\n");
		ww_out_printf(o, "uci set firewall.wormwatch_qin%zu.family='%s'\n", i, fam);
		ww_out_printf(o, "uci set firewall.wormwatch_qin%zu.target='DROP'\n", i);
	}
	ww_out_puts(o, "# worm ports from the LAN to the Internet\n"
	               "uci set firewall.wormwatch_tcp=rule\n"
	               "uci set firewall.wormwatch_tcp.name='wormwatch worm ports outward'\n"
	               "uci set firewall.wormwatch_tcp.src='lan'\n"
	               "uci set firewall.wormwatch_tcp.dest='wan'\n"
	               "uci set firewall.wormwatch_tcp.proto='tcp'\n"
	               "uci set firewall.wormwatch_tcp.dest_port='");
	ww_contain_ports(o, p, " ");
	ww_out_puts(o, "'\n"
	               "uci set firewall.wormwatch_tcp.target='REJECT'\n"
	               "uci set firewall.wormwatch_udp=rule\n"
	               "uci set firewall.wormwatch_udp.name='wormwatch NetBIOS outward'\n"
	               "uci set firewall.wormwatch_udp.src='lan'\n"
	               "uci set firewall.wormwatch_udp.dest='wan'\n"
	               "uci set firewall.wormwatch_udp.proto='udp'\n"
	               "uci set firewall.wormwatch_udp.dest_port='137 138'\n"
	               "uci set firewall.wormwatch_udp.target='REJECT'\n"
	               "uci commit firewall\nservice firewall reload\n"
	               "# UNDO:\n");
	for (i = 0; i < p->n; i++)
		ww_out_printf(o, "# uci delete firewall.wormwatch_q%zu; uci delete "
		              "firewall.wormwatch_qin%zu\n", i, i);
	ww_out_puts(o, "# uci delete firewall.wormwatch_tcp; uci delete firewall.wormwatch_udp\n"
	               "# uci commit firewall; service firewall reload\n");
	return o->rc;
}

/* ---- pf -------------------------------------------------------------------------- */

static void pf_table(struct ww_out *o, const char *name, const struct ww_netlist *l)
{
	char b[WW_ADDR_STRLEN + 8];
	size_t i;
	ww_out_printf(o, "table <%s> persist", name);
	if (l->n) {
		ww_out_puts(o, " {");
		for (i = 0; i < l->n; i++)
			ww_out_printf(o, "%s%s", i ? ", " : " ", ww_cidr_fmt(&l->v[i], b, sizeof(b)));
		ww_out_puts(o, " }");
	}
	ww_out_puts(o, "\n");
}

ww_rc ww_rules_pf(struct ww_out *o, const struct ww_contain_plan *p)
{
	char a[WW_ADDR_STRLEN];
	size_t i;
	ww_rules_header(o, p, "#", "pf anchor wormwatch", "\n");
	ww_out_puts(o, "#\n# pf.conf must hold the line:  anchor \"wormwatch\"\n"
	               "# apply: pfctl -a wormwatch -f FILE\n"
	               "# undo:  pfctl -a wormwatch -F all\n");
	if (p->timeout_s)
		ww_out_printf(o, "# expire quarantined addresses after %u s (run from cron): "
		              "pfctl -a wormwatch -t wormwatch_quarantine -T expire %u\n",
		              p->timeout_s, p->timeout_s);
	ww_out_puts(o, "#\n");
	pf_table(o, "wormwatch_allow", &p->allow);
	pf_table(o, "wormwatch_home", &p->home);
	ww_out_puts(o, "table <wormwatch_quarantine> persist");
	if (p->n) {
		ww_out_puts(o, " {");
		for (i = 0; i < p->n; i++)
			ww_out_printf(o, "%s%s", i ? ", " : " ", ww_addr_fmt(&p->h[i].addr, a));
		ww_out_puts(o, " }");
	}
	ww_out_puts(o, "\n"
	               "block drop quick from <wormwatch_quarantine> to ! <wormwatch_allow>\n"
	               "block drop quick from ! <wormwatch_allow> to <wormwatch_quarantine>\n"
	               "block drop quick proto tcp from any to ! <wormwatch_home> port { ");
	ww_contain_ports(o, p, " ");
	ww_out_puts(o, " }\n"
	               "block drop quick proto udp from any to ! <wormwatch_home> port { 137 138 }\n");
	return o->rc;
}

/* ---- Cisco IOS ------------------------------------------------------------------ */

/* "10.0.0.0 0.255.255.255" (address and wildcard) for an IPv4 prefix. */
static void cisco_v4(struct ww_out *o, const struct ww_cidr *c)
{
	char a[WW_ADDR_STRLEN];
	unsigned bits = (unsigned)c->bits - 96u;
	uint32_t wild = bits >= 32 ? 0 : 0xffffffffu >> bits;
	struct ww_addr net;
	ww_cidr_netaddr(c, &net);
	if (bits >= 32) {
		ww_out_printf(o, "host %s", ww_addr_fmt(&net, a));
		return;
	}
	ww_out_printf(o, "%s %u.%u.%u.%u", ww_addr_fmt(&net, a), wild >> 24, (wild >> 16) & 255,
	              (wild >> 8) & 255, wild & 255);
}

ww_rc ww_rules_cisco(struct ww_out *o, const struct ww_contain_plan *p)
{
	char a[WW_ADDR_STRLEN], b[WW_ADDR_STRLEN + 8];
	size_t i, j, k, n6 = 0;
	ww_rules_header(o, p, "!", "Cisco IOS extended ACL WORMWATCH", "\n");
	ww_out_puts(o, "!\n! apply: configure terminal, paste, then on the LAN interface:\n"
	               "!   interface <LAN>\n!    ip access-group WORMWATCH in\n"
	               "! undo:\n!   interface <LAN>\n!    no ip access-group WORMWATCH in\n"
	               "!   no ip access-list extended WORMWATCH\n");
	for (i = 0; i < p->n; i++)
		n6 += !p->h[i].addr.v4;
	if (n6)
		ww_out_puts(o, "!   (IPv6: no ipv6 traffic-filter WORMWATCH6 in; "
		               "no ipv6 access-list WORMWATCH6)\n");
	ww_out_puts(o, "! IOS ACLs have no timeouts: the entries stay until undone\n!\n"
	               "ip access-list extended WORMWATCH\n");
	for (i = 0; i < p->n; i++) {
		const struct ww_contain_host *h = &p->h[i];
		char why[96];
		size_t room;
		if (!h->addr.v4)
			continue;
		ww_addr_fmt(&h->addr, a);
		/* a remark holds at most 100 characters: "quarantine ADDR: " and why */
		room = 100 - strlen("quarantine : ") - strlen(a) + 1;
		ww_safe_text(why, room < sizeof(why) ? room : sizeof(why), h->why);
		ww_out_printf(o, " remark quarantine %s: %s\n", a, why);
		for (j = 0; j < p->allow.n; j++)
			if (p->allow.v[j].v4) {
				ww_out_printf(o, " permit ip host %s ", a);
				cisco_v4(o, &p->allow.v[j]);
				ww_out_puts(o, "\n");
			}
		ww_out_printf(o, " deny   ip host %s any log\n", a);
		ww_out_printf(o, " deny   ip any host %s log\n", a);
	}
	ww_out_puts(o, " remark worm ports: allowed inside, dropped outward\n");
	for (j = 0; j < p->home.n; j++)
		if (p->home.v[j].v4) {
			for (k = 0; k < p->n_tcp; k++) {
				ww_out_puts(o, " permit tcp any ");
				cisco_v4(o, &p->home.v[j]);
				ww_out_printf(o, " eq %u\n", p->tcp[k]);
			}
		}
	for (j = 0; j < p->home.n; j++)
		if (p->home.v[j].v4) {
			ww_out_puts(o, " permit udp any ");
			cisco_v4(o, &p->home.v[j]);
			ww_out_puts(o, " range 137 138\n");
		}
	for (k = 0; k < p->n_tcp; k++)
		ww_out_printf(o, " deny   tcp any any eq %u log\n", p->tcp[k]);
	ww_out_puts(o, " deny   udp any any range 137 138\n permit ip any any\n");
	if (n6) {
		ww_out_puts(o, "ipv6 access-list WORMWATCH6\n");
		for (i = 0; i < p->n; i++) {
			if (p->h[i].addr.v4)
				continue;
			ww_addr_fmt(&p->h[i].addr, a);
			ww_out_printf(o, " remark quarantine %s\n deny ipv6 host %s any log\n"
			              " deny ipv6 any host %s log\n", a, a, a);
		}
		for (j = 0; j < p->home.n; j++)
			if (!p->home.v[j].v4) {
				ww_cidr_fmt(&p->home.v[j], b, sizeof(b));
				for (k = 0; k < p->n_tcp; k++)
					ww_out_printf(o, " permit tcp any %s eq %u\n", b, p->tcp[k]);
			}
		for (k = 0; k < p->n_tcp; k++)
			ww_out_printf(o, " deny tcp any any eq %u log\n", p->tcp[k]);
		ww_out_puts(o, " permit ipv6 any any\n");
	}
	ww_out_puts(o, "end\n");
	return o->rc;
}

/* ---- Windows (netsh advfirewall) --------------------------------------------------- */

static void win_addrs(struct ww_out *o, const struct ww_contain_plan *p)
{
	char a[WW_ADDR_STRLEN];
	size_t i;
	for (i = 0; i < p->n; i++)
		ww_out_printf(o, "%s%s", i ? "," : "", ww_addr_fmt(&p->h[i].addr, a));
}

ww_rc ww_rules_windows(struct ww_out *o, const struct ww_contain_plan *p)
{
	ww_out_puts(o, "@echo off\r\n");
	ww_rules_header(o, p, "REM", "netsh advfirewall, for each Windows PC", "\r\n");
	ww_out_puts(o, "REM\r\nREM apply: run as Administrator on each PC:   wormwatch-contain.cmd\r\n"
	               "REM undo:  on each PC where it was applied:  wormwatch-contain.cmd undo\r\n"
	               "REM on file servers:    wormwatch-contain.cmd server    (keeps the worm ports "
	               "open to the LAN)\r\n"
	               "REM on infected PCs:    wormwatch-contain.cmd infected  (also no worm ports "
	               "out)\r\n"
	               "REM the rules stay until undone (Windows Firewall has no timeouts)\r\n"
	               "if /I \"%~1\"==\"undo\" goto undo\r\n");
	if (p->n) {
		ww_out_puts(o, "REM every PC: nothing to or from the infected hosts\r\n"
		               "netsh advfirewall firewall add rule name=\"wormwatch quarantine in\" "
		               "dir=in action=block remoteip=");
		win_addrs(o, p);
		ww_out_puts(o, "\r\nnetsh advfirewall firewall add rule name=\"wormwatch quarantine out\" "
		               "dir=out action=block remoteip=");
		win_addrs(o, p);
		ww_out_puts(o, "\r\n");
	}
	ww_out_puts(o, "if /I \"%~1\"==\"infected\" goto infected\r\n"
	               "if /I \"%~1\"==\"server\" goto end\r\n"
	               "REM PCs that share no files: no worm ports in\r\n"
	               "netsh advfirewall firewall add rule name=\"wormwatch worm ports in\" "
	               "dir=in action=block protocol=TCP localport=");
	ww_contain_ports(o, p, ",");
	ww_out_puts(o, "\r\ngoto end\r\n"
	               ":infected\r\n"
	               "REM an infected PC until it is cleaned: no worm ports in or out\r\n"
	               "netsh advfirewall firewall add rule name=\"wormwatch worm ports in\" "
	               "dir=in action=block protocol=TCP localport=");
	ww_contain_ports(o, p, ",");
	ww_out_puts(o, "\r\nnetsh advfirewall firewall add rule name=\"wormwatch worm ports out\" "
	               "dir=out action=block protocol=TCP remoteport=");
	ww_contain_ports(o, p, ",");
	ww_out_puts(o, "\r\ngoto end\r\n"
	               ":undo\r\n"
	               "netsh advfirewall firewall delete rule name=\"wormwatch quarantine in\"\r\n"
	               "netsh advfirewall firewall delete rule name=\"wormwatch quarantine out\"\r\n"
	               "netsh advfirewall firewall delete rule name=\"wormwatch worm ports in\"\r\n"
	               "netsh advfirewall firewall delete rule name=\"wormwatch worm ports out\"\r\n"
	               ":end\r\n");
	return o->rc;
}
