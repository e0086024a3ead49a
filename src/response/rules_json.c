/* contain --json: the plan and the rules of one format in one JSON
 * document, for the incident report (schema 1):
 *
 * {"command":"contain","schema":1,"format":"nft","timeout_s":86400,
 *  "hosts":[{"addr":"192.168.0.47","verdict":"infected","score":0.99,
 *            "title":"..","evidence":[".."],"source":".."}],
 *  "left_out":["192.168.0.1"],"allow":["192.168.0.1/32"],
 *  "tcp_ports":[135,139,445],"udp_ports":[137,138],
 *  "rules":"<the text --format prints>"}
 *
 * title (the one line of why, as analyze names it), evidence and source are
 * the sanitised texts the rules carry;
 * left_out are infected hosts on the allowlist (the first 8). */
#include "core/common.h"
#include "response/rules.h"

#include <stdio.h>

ww_rc ww_contain_write_json(struct ww_out *o, const struct ww_contain_plan *p,
                            const struct ww_rule_format *f)
{
	char a[WW_ADDR_STRLEN + 8], *buf = NULL;
	size_t len = 0, i;
	struct ww_out mo;
	FILE *m = open_memstream(&buf, &len);
	ww_rc rc;
	if (!m)
		return WW_ERR_NOMEM;
	ww_out_init(&mo, m);
	rc = f->write(&mo, p);
	if (fclose(m) != 0 && !rc)
		rc = WW_ERR_NOMEM;
	if (rc) {
		free(buf);
		return rc;
	}
	ww_out_puts(o, "{\"command\":\"contain\",\"schema\":1,\"format\":");
	ww_out_json_str(o, f->name);
	ww_out_printf(o, ",\"timeout_s\":%u,\"hosts\":[", p->timeout_s);
	for (i = 0; i < p->n; i++) {
		const struct ww_contain_host *h = &p->h[i];
		ww_out_puts(o, i ? ",\n {\"addr\":" : "\n {\"addr\":");
		ww_out_json_str(o, ww_addr_fmt(&h->addr, a));
		ww_out_puts(o, ",\"verdict\":");
		ww_out_json_str(o, ww_verdict_name(h->verdict));
		ww_out_printf(o, ",\"score\":%.4g,\"title\":", h->score);
		ww_out_json_str(o, h->why);
		ww_out_puts(o, ",\"evidence\":[");
		if (h->evidence[0])
			ww_out_json_str(o, h->evidence);
		ww_out_puts(o, "],\"source\":");
		ww_out_json_str(o, h->source);
		ww_out_puts(o, "}");
	}
	ww_out_puts(o, "],\n\"left_out\":[");
	for (i = 0; i < p->skipped_allowed && i < WW_ARRAY_LEN(p->skipped); i++) {
		ww_out_puts(o, i ? "," : "");
		ww_out_json_str(o, ww_addr_fmt(&p->skipped[i], a));
	}
	ww_out_puts(o, "],\"allow\":[");
	for (i = 0; i < p->allow.n; i++) {
		ww_out_puts(o, i ? "," : "");
		ww_out_json_str(o, ww_cidr_fmt(&p->allow.v[i], a, sizeof(a)));
	}
	ww_out_puts(o, "],\"tcp_ports\":[");
	ww_contain_ports(o, p, ",");
	ww_out_printf(o, "],\"udp_ports\":[%u,%u],\n\"rules\":", ww_contain_udp_ports[0],
	              ww_contain_udp_ports[1]);
	/* the rules are ASCII by construction (ww_safe_text), so the JSON
	 * escaper keeps them byte for byte */
	ww_out_json_str(o, buf ? buf : "");
	ww_out_puts(o, "}\n");
	free(buf);
	return o->rc;
}
