/* The host table under pressure: what the report and the live programs say
 * when the table is full and hosts are evicted by evidence (tables.c). */
#include "core/common.h"
#include "core/i18n.h"
#include "core/timefmt.h"
#include "state/engine_int.h"

void ww_engine_table_stats(const struct ww_engine *e, struct ww_table_stats *s)
{
	s->hosts = e->hosts.n;
	s->cap = e->hosts.cap;
	s->evicted = e->hosts.evicted;
	s->evicted_one = e->hosts.evicted_one;
	s->untracked = e->hosts.untracked;
	s->orphans = e->hosts.orphans;
	s->first_evict_ts = e->hosts.first_evict_ts;
}

void ww_report_table_pressure(const struct ww_engine *e, struct ww_report *r)
{
	const struct ww_hosttab *t = &e->hosts;
	char ts[WW_TIME_STRLEN];
	if (!t->evicted && !t->untracked)
		return;
	ww_fields_int(r, &r->input, "hosts_evicted", (long long)t->evicted);
	ww_fields_int(r, &r->input, "hosts_evicted_one_contact", (long long)t->evicted_one);
	if (t->untracked)
		ww_fields_int(r, &r->input, "hosts_untracked", (long long)t->untracked);
	if (t->evicted)
		ww_report_warning(r, _("table pressure: the host table was full (%u hosts) from %s: "
		                    "%llu hosts were evicted to make room, %llu of them had made one "
		                    "contact and nothing else (a flood of new, often spoofed, sources "
		                    "is an incident in itself); hosts with an alert or rising evidence "
		                    "were kept"), t->cap, ww_time_iso(t->first_evict_ts, ts, sizeof(ts)),
		                  (unsigned long long)t->evicted, (unsigned long long)t->evicted_one);
	if (t->untracked)
		ww_report_warning(r, _("the host table was full (%u hosts) of hosts that may not be "
		                    "evicted: %llu packets of further hosts were not judged"), t->cap,
		                  (unsigned long long)t->untracked);
}
