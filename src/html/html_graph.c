/* The propagation graph: who infected whom, when and over which port, from
 * the evidence lines "probably infected by A: contacted by it on port P at
 * T" (solid edges) and "was attacked by A on port P" (dashed), laid out by
 * Graphviz's dot through libgvc and written into the page as inline SVG.
 *
 * Node names are our own ("h0", "h1"...) and labels hold only addresses
 * that parsed as addresses, port numbers, times we formatted and verdict
 * words, so nothing from the inputs reaches Graphviz verbatim; labels still
 * pass through gv_label(), which doubles backslashes (Graphviz reads \N, \G,
 * \l ... in labels), and Graphviz escapes XML itself in its SVG. */
#include "core/common.h"
#include "core/timefmt.h"
#include "html/html_int.h"

#include <stdio.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

/* the two plugins the graph needs, linked in (see sources.cmake) */
extern gvplugin_library_t gvplugin_core_LTX_library;
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
static const lt_symlist_t gv_builtins[] = {
	{"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
	{"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
	{NULL, NULL},
};

/* Append s to buf escaped for a Graphviz label ("\n" between lines is
 * written by the caller as "\\n"). */
static void gv_label(char *buf, size_t len, const char *s)
{
	size_t o = strlen(buf);
	for (; *s && o + 3 < len; s++) {
		if (*s == '\\')
			buf[o++] = '\\';
		buf[o++] = (*s >= 0x20 && *s != 0x7f) ? *s : '?';
	}
	buf[o] = '\0';
}

static void append(char *buf, size_t len, const char *s)
{
	size_t o = strlen(buf);
	snprintf(buf + o, len - o, "%s", s);
}

static void set_attr(void *obj, const char *name, const char *value)
{
	char n[32], v[256];
	snprintf(n, sizeof(n), "%s", name);
	snprintf(v, sizeof(v), "%s", value);
	agsafeset(obj, n, v, (char *)(uintptr_t)"");
}

static Agnode_t *node_of(Agraph_t *g, Agnode_t **nodes, const struct ww_hr *hr, unsigned i)
{
	char name[24], label[160] = "";
	const struct hr_host *h = &hr->hosts[i];
	if (nodes[i])
		return nodes[i];
	snprintf(name, sizeof(name), "h%u", i);
	nodes[i] = agnode(g, name, 1);
	if (!nodes[i])
		return NULL;
	gv_label(label, sizeof(label), h->name);
	if (h->verdict != WW_VERDICT_NORMAL) {
		size_t l = strlen(label);
		snprintf(label + l, sizeof(label) - l, "\\n");
		gv_label(label, sizeof(label), hr_verdict_word(h->verdict));
	}
	set_attr(nodes[i], "label", label);
	set_attr(nodes[i], "id", name);
	set_attr(nodes[i], "class", "host");
	if (h->verdict == WW_VERDICT_INFECTED)
		set_attr(nodes[i], "fillcolor", "#f8c9c4");
	else if (h->verdict >= WW_VERDICT_SUSPICIOUS)
		set_attr(nodes[i], "fillcolor", "#fde8b0");
	else
		set_attr(nodes[i], "fillcolor", "#e6eef6");
	return nodes[i];
}

bool hr_graph_svg(struct ww_out *o, const struct ww_hr *hr)
{
	GVC_t *gvc;
	Agraph_t *g;
	Agnode_t **nodes;
	char *data = NULL;
	unsigned int len = 0;
	size_t i;
	bool ok = false;
	if (!hr->n_edges || !hr->n_hosts)
		return false;
	nodes = ww_calloc(hr->n_hosts, sizeof(*nodes));
	if (!nodes)
		return false;
	gvc = gvContextPlugins(gv_builtins, 0); /* 0: no plugin loaded on demand */
	if (!gvc) {
		free(nodes);
		return false;
	}
	{
		char gname[] = "propagation";
		g = agopen(gname, Agdirected, NULL);
	}
	if (!g)
		goto out;
	set_attr(g, "rankdir", "LR");
	set_attr(g, "fontname", "Helvetica");
	agattr(g, AGNODE, (char *)(uintptr_t)"shape", (char *)(uintptr_t)"box");
	agattr(g, AGNODE, (char *)(uintptr_t)"style", (char *)(uintptr_t)"rounded,filled");
	agattr(g, AGNODE, (char *)(uintptr_t)"fontname", (char *)(uintptr_t)"Helvetica");
	agattr(g, AGEDGE, (char *)(uintptr_t)"fontname", (char *)(uintptr_t)"Helvetica");
	agattr(g, AGEDGE, (char *)(uintptr_t)"fontsize", (char *)(uintptr_t)"10");
	for (i = 0; i < hr->n_edges; i++) {
		const struct hr_edge *e = &hr->edges[i];
		Agnode_t *a = node_of(g, nodes, hr, e->from), *b = node_of(g, nodes, hr, e->to);
		Agedge_t *ed;
		char label[128] = "", tmp[64];
		if (!a || !b)
			goto out;
		ed = agedge(g, a, b, NULL, 1);
		if (!ed)
			goto out;
		snprintf(tmp, sizeof(tmp), "port %u", e->port);
		gv_label(label, sizeof(label), tmp);
		if (e->t_us) {
			char t[WW_TIME_STRLEN];
			ww_time_iso(e->t_us, t, sizeof(t));
			if (strlen(t) >= 19) {
				t[10] = ' ';
				t[19] = '\0';
			}
			snprintf(tmp, sizeof(tmp), "\\n%s UTC", t);
			append(label, sizeof(label), tmp);
		}
		if (e->attacked) {
			set_attr(ed, "style", "dashed");
			append(label, sizeof(label), "\\nattacked");
		} else {
			set_attr(ed, "color", "#b3261e");
		}
		set_attr(ed, "label", label);
	}
	if (gvLayout(gvc, g, "dot") != 0)
		goto out;
	if (gvRenderData(gvc, g, "svg", &data, &len) == 0 && data) {
		const char *svg = strstr(data, "<svg");
		if (svg) {
			ww_out_puts(o, "<div class=\"graph\" id=\"propagation-graph\">");
			ww_out_write(o, svg, len - (size_t)(svg - data));
			ww_out_puts(o, "</div>\n");
			ok = true;
		}
	}
	if (data)
		gvFreeRenderData(data);
	gvFreeLayout(gvc, g);
out:
	if (g)
		agclose(g);
	gvFreeContext(gvc);
	free(nodes);
	return ok;
}
