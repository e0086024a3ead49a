/* The judge's loop: leases, takeover (replay up to the ack floor, quiet),
 * the durable consumer, acknowledgements after the state is built,
 * alerts and final verdicts on WW_VERDICTS (judge.h, docs/cluster.md). */
#include "core/common.h"
#include "core/timefmt.h"
#include "cluster/judge.h"
#include "cluster/part.h"
#include "report/writer.h"

#include <stdio.h>

/* an applied record's message, kept until the ack floor passes it */
struct held {
	natsMsg *m;
	uint64_t sseq;
};

struct owned {
	bool on;
	uint64_t lease_rev;
	struct ww_part part;
	natsSubscription *sub;
	struct held *held;
	size_t n_held, cap_held;
	bool final_sent;
};

struct judge {
	struct ww_bus *bus;
	const struct ww_judge_opts *o;
	uint32_t n_parts;
	struct owned *own;
	unsigned n_owned;
	int64_t next_lease;
	ww_rc rc;
	uint64_t alerts;
};

static void part_key(char *buf, size_t n, uint32_t p)
{
	snprintf(buf, n, "part-%u", p);
}

/* ---- alerts ---- */

static void on_alert(void *ud, uint32_t part, uint64_t sseq, const struct ww_alert *a)
{
	struct judge *j = ud;
	char subj[48], id[128], addr[WW_ADDR_STRLEN], t[WW_TIME_STRLEN];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct ww_out o;
	if (!f)
		return;
	ww_out_init(&o, f);
	ww_addr_fmt(&a->addr, addr);
	ww_out_printf(&o, "{\"partition\":%u,\"judge\":", part);
	ww_out_json_str(&o, j->o->name);
	ww_out_printf(&o, ",\"kind\":\"%s\",\"addr\":", a->kind == WW_ALERT_HOST ? "host" : "table");
	ww_out_json_str(&o, a->kind == WW_ALERT_HOST ? addr : "");
	ww_out_puts(&o, ",\"verdict\":");
	ww_out_json_str(&o, ww_verdict_name(a->verdict));
	ww_out_printf(&o, ",\"score\":%.4g,\"attempts\":%u,\"time\":", a->score, a->attempts);
	ww_out_json_str(&o, ww_time_iso(a->ts_us, t, sizeof(t)));
	ww_out_printf(&o, ",\"record_seq\":%llu,\"why\":", (unsigned long long)sseq);
	ww_out_json_str(&o, a->why ? a->why : "");
	ww_out_puts(&o, "}\n");
	if (ww_out_finish(&o) || fclose(f) != 0) {
		free(buf);
		return;
	}
	snprintf(subj, sizeof(subj), "ww.verdict.alert.%u", part);
	/* the same alert from a judge that took over is stored once */
	if (a->kind == WW_ALERT_HOST)
		snprintf(id, sizeof(id), "alert-%u-%s-%s", part, addr, ww_verdict_name(a->verdict));
	else
		snprintf(id, sizeof(id), "table-%u", part);
	if (ww_bus_publish(j->bus, subj, buf, (int)len, id) == WW_OK)
		j->alerts++;
	free(buf);
}

/* ---- one partition taken over ---- */

static void drop(struct judge *j, uint32_t p, bool release_lease)
{
	struct owned *w = &j->own[p];
	size_t i;
	if (!w->on)
		return;
	if (w->sub) {
		natsSubscription_Unsubscribe(w->sub);
		natsSubscription_Destroy(w->sub);
	}
	for (i = 0; i < w->n_held; i++)
		natsMsg_Destroy(w->held[i].m);
	free(w->held);
	ww_part_release(&w->part);
	if (release_lease) {
		char k[32];
		part_key(k, sizeof(k), p);
		kvStore_Delete(j->bus->leases, k);
	}
	memset(w, 0, sizeof(*w));
	j->n_owned--;
	fprintf(stderr, "wormwatch judge %s: partition %u let go\n", j->o->name, p);
}

static uint64_t msg_sseq(natsMsg *m)
{
	jsMsgMetaData *md = NULL;
	uint64_t s = 0;
	if (natsMsg_GetMetaData(&md, m) == NATS_OK) {
		s = md->Sequence.Stream;
		jsMsgMetaData_Destroy(md);
	}
	return s;
}

/* Replay the partition from the stream's start up to the floor, quiet. */
static ww_rc replay(struct judge *j, struct owned *w, uint32_t p, uint64_t floor)
{
	natsSubscription *sub = NULL;
	jsSubOptions so;
	jsErrCode ec = 0;
	char subj[32];
	natsStatus s;
	uint64_t n = 0;
	if (!floor)
		return WW_OK;
	snprintf(subj, sizeof(subj), "ww.rec.%u", p);
	jsSubOptions_Init(&so);
	so.Stream = WW_BUS_RECORDS;
	so.Ordered = true;
	so.Config.DeliverPolicy = js_DeliverAll;
	if ((s = js_SubscribeSync(&sub, j->bus->js, subj, NULL, &so, &ec)) != NATS_OK) {
		ww_error("partition %u: cannot replay: %s", p, natsStatus_GetText(s));
		return WW_ERR_IO;
	}
	for (;;) {
		natsMsg *m = NULL;
		uint64_t sseq;
		s = natsSubscription_NextMsg(&m, sub, 5000);
		if (s != NATS_OK) {
			ww_error("partition %u: the replay stopped after %llu records: %s", p,
			         (unsigned long long)n, natsStatus_GetText(s));
			natsSubscription_Destroy(sub);
			return WW_ERR_IO;
		}
		sseq = msg_sseq(m);
		if (sseq && sseq <= floor) {
			ww_part_add(&w->part, sseq, (const uint8_t *)natsMsg_GetData(m),
			            (size_t)natsMsg_GetDataLength(m));
			ww_part_release_ready(&w->part);
			n++;
		}
		natsMsg_Destroy(m);
		if (!sseq || sseq >= floor)
			break;
	}
	natsSubscription_Unsubscribe(sub);
	natsSubscription_Destroy(sub);
	ww_part_set_floor(&w->part, floor);
	fprintf(stderr, "wormwatch judge %s: partition %u replayed %llu records up to stream "
	        "sequence %llu\n", j->o->name, p, (unsigned long long)n, (unsigned long long)floor);
	return WW_OK;
}

static ww_rc take(struct judge *j, uint32_t p, uint64_t rev)
{
	struct owned *w = &j->own[p];
	char durable[32], subj[32];
	jsConsumerInfo *ci = NULL;
	jsErrCode ec = 0;
	jsSubOptions so;
	uint64_t floor = 0;
	natsStatus s;
	ww_rc rc;
	memset(w, 0, sizeof(*w));
	if ((rc = ww_part_init(&w->part, p, j->n_parts, &j->o->home, j->o->expect_sensors, on_alert,
	                       j)))
		return rc;
	w->on = true;
	w->lease_rev = rev;
	j->n_owned++;
	snprintf(durable, sizeof(durable), "judge-p%u", p);
	snprintf(subj, sizeof(subj), "ww.rec.%u", p);
	/* where the judge before us got to: everything up to the ack floor
	 * was applied and its alerts published */
	if (js_GetConsumerInfo(&ci, j->bus->js, WW_BUS_RECORDS, durable, NULL, &ec) == NATS_OK) {
		floor = ci->AckFloor.Stream;
		jsConsumerInfo_Destroy(ci);
		js_DeleteConsumer(j->bus->js, WW_BUS_RECORDS, durable, NULL, &ec);
	}
	w->part.quiet_upto = floor;
	if ((rc = replay(j, w, p, floor))) {
		drop(j, p, true);
		return rc;
	}
	/* the durable consumer goes on after the floor */
	jsSubOptions_Init(&so);
	so.Stream = WW_BUS_RECORDS;
	so.Config.Durable = durable;
	so.Config.AckPolicy = js_AckAll;
	so.Config.AckWait = (int64_t)30 * 1000000000;
	so.Config.MaxAckPending = 1000000;
	so.Config.FilterSubject = subj;
	if (floor) {
		so.Config.DeliverPolicy = js_DeliverByStartSequence;
		so.Config.OptStartSeq = floor + 1;
	} else {
		so.Config.DeliverPolicy = js_DeliverAll;
	}
	s = js_PullSubscribe(&w->sub, j->bus->js, subj, durable, NULL, &so, &ec);
	if (s != NATS_OK) {
		ww_error("partition %u: cannot open the durable consumer: %s (%d)", p,
		         natsStatus_GetText(s), (int)ec);
		w->sub = NULL;
		drop(j, p, true);
		return WW_ERR_IO;
	}
	fprintf(stderr, "wormwatch judge %s: partition %u taken (ack floor %llu)\n", j->o->name, p,
	        (unsigned long long)floor);
	return WW_OK;
}

/* Acknowledge up to the highest applied record below everything still
 * waiting in the merge (AckAll: the ones before it go with it). */
static void ack_floor(struct judge *j, struct owned *w)
{
	uint64_t lim = ww_part_min_waiting(&w->part);
	size_t i, best = SIZE_MAX, keep = 0;
	for (i = 0; i < w->n_held; i++)
		if (w->held[i].sseq < lim && (best == SIZE_MAX || w->held[i].sseq > w->held[best].sseq))
			best = i;
	if (best == SIZE_MAX)
		return;
	if (natsMsg_AckSync(w->held[best].m, NULL, NULL) != NATS_OK)
		return; /* tried again after the next batch */
	ww_part_set_floor(&w->part, w->held[best].sseq);
	(void)j;
	for (i = 0; i < w->n_held; i++) {
		if (w->held[i].sseq <= w->held[best].sseq)
			natsMsg_Destroy(w->held[i].m);
		else
			w->held[keep++] = w->held[i];
	}
	w->n_held = keep;
}

static void hold(struct owned *w, natsMsg *m, uint64_t sseq)
{
	if (w->n_held == w->cap_held) {
		size_t nc = w->cap_held ? w->cap_held * 2 : 512;
		struct held *n = ww_reallocarray(w->held, nc, sizeof(*n));
		if (!n) {
			natsMsg_Destroy(m);
			return;
		}
		w->held = n;
		w->cap_held = nc;
	}
	w->held[w->n_held].m = m;
	w->held[w->n_held].sseq = sseq;
	w->n_held++;
}

static void publish_final(struct judge *j, uint32_t p)
{
	struct owned *w = &j->own[p];
	char *json = NULL, subj[48], id[48];
	size_t len = 0;
	if (ww_part_final_json(&w->part, j->o->name, &json, &len)) {
		ww_error("partition %u: cannot build the final verdicts", p);
		return;
	}
	snprintf(subj, sizeof(subj), "ww.verdict.final.%u", p);
	snprintf(id, sizeof(id), "final-%u", p);
	if (ww_bus_publish(j->bus, subj, json, (int)len, id) == WW_OK) {
		w->final_sent = true;
		fprintf(stderr, "wormwatch judge %s: partition %u final verdicts published "
		        "(%llu records applied)\n", j->o->name, p,
		        (unsigned long long)w->part.applied);
	}
	free(json);
}

static void pump(struct judge *j, uint32_t p, int64_t wait_ms)
{
	struct owned *w = &j->own[p];
	natsMsgList list = {0};
	natsStatus s;
	int i;
	s = natsSubscription_Fetch(&list, w->sub, 512, wait_ms, NULL);
	if (s == NATS_OK) {
		for (i = 0; i < list.Count; i++) {
			natsMsg *m = list.Msgs[i];
			uint64_t sseq = msg_sseq(m);
			list.Msgs[i] = NULL;
			ww_part_add(&w->part, sseq, (const uint8_t *)natsMsg_GetData(m),
			            (size_t)natsMsg_GetDataLength(m));
			hold(w, m, sseq);
		}
		natsMsgList_Destroy(&list);
	}
	ww_part_release_ready(&w->part);
	ack_floor(j, w);
	if (!w->final_sent && ww_part_complete(&w->part))
		publish_final(j, p);
	if (w->final_sent)
		ack_floor(j, w);
}

/* ---- leases ---- */

static unsigned live_judges(struct judge *j)
{
	kvKeysList kl = {0};
	unsigned n = 0;
	int i;
	if (kvStore_Keys(&kl, j->bus->leases, NULL) != NATS_OK)
		return 1;
	for (i = 0; i < kl.Count; i++)
		if (strncmp(kl.Keys[i], "judge-", 6) == 0)
			n++;
	kvKeysList_Destroy(&kl);
	return n ? n : 1;
}

static void leases(struct judge *j)
{
	char k[WW_REC_NAME_MAX + 16];
	unsigned share, judges;
	uint32_t p;
	snprintf(k, sizeof(k), "judge-%s", j->o->name);
	kvStore_PutString(NULL, j->bus->leases, k, "alive");
	judges = live_judges(j);
	share = (j->n_parts + judges - 1) / judges;
	if (j->o->max_partitions && share > j->o->max_partitions)
		share = j->o->max_partitions;
	/* refresh ours; a refused update means another judge holds it now */
	for (p = 0; p < j->n_parts; p++) {
		uint64_t rev = 0;
		if (!j->own[p].on)
			continue;
		part_key(k, sizeof(k), p);
		if (kvStore_UpdateString(&rev, j->bus->leases, k, j->o->name, j->own[p].lease_rev) !=
		    NATS_OK) {
			ww_warn("partition %u: the lease was lost", p);
			drop(j, p, false);
			continue;
		}
		j->own[p].lease_rev = rev;
	}
	/* more than our share: give the last one back, the others take it */
	for (p = j->n_parts; p-- > 0 && j->n_owned > share;)
		if (j->own[p].on) {
			drop(j, p, true);
			break;
		}
	for (p = 0; p < j->n_parts && j->n_owned < share; p++) {
		uint64_t rev = 0;
		if (j->own[p].on)
			continue;
		part_key(k, sizeof(k), p);
		if (kvStore_CreateString(&rev, j->bus->leases, k, j->o->name) == NATS_OK)
			take(j, p, rev);
	}
}

static bool all_final(struct judge *j)
{
	uint32_t p;
	for (p = 0; p < j->n_parts; p++) {
		char subj[48];
		natsMsg *m = NULL;
		jsErrCode ec = 0;
		snprintf(subj, sizeof(subj), "ww.verdict.final.%u", p);
		if (js_GetLastMsg(&m, j->bus->js, WW_BUS_VERDICTS, subj, NULL, &ec) != NATS_OK)
			return false;
		natsMsg_Destroy(m);
	}
	return true;
}

int ww_judge_run(struct ww_bus *bus, const struct ww_bus_opts *bo, const struct ww_judge_opts *o,
                 volatile sig_atomic_t *stop)
{
	struct judge j;
	uint32_t p;
	ww_rc rc;
	memset(&j, 0, sizeof(j));
	j.bus = bus;
	j.o = o;
	if ((rc = ww_bus_partitions(bus, 0, 3600 * 1000, &j.n_parts)))
		return ww_rc_exit(rc);
	if (!(j.own = ww_calloc(j.n_parts, sizeof(*j.own))))
		return WW_EXIT_SOFTWARE;
	fprintf(stderr, "wormwatch judge %s: %u partitions\n", o->name, j.n_parts);
	while (!*stop) {
		int64_t now = nats_Now();
		unsigned busy = 0;
		if (now >= j.next_lease) {
			leases(&j);
			j.next_lease = now + bo->lease_ms / 3;
			if (o->once && all_final(&j))
				break;
		}
		for (p = 0; p < j.n_parts && !*stop; p++)
			if (j.own[p].on) {
				pump(&j, p, j.n_owned > 1 ? 20 : 200);
				busy++;
			}
		if (!busy)
			nats_Sleep(100);
	}
	for (p = 0; p < j.n_parts; p++)
		drop(&j, p, true);
	{
		char k[WW_REC_NAME_MAX + 16];
		snprintf(k, sizeof(k), "judge-%s", o->name);
		kvStore_Delete(bus->leases, k);
	}
	free(j.own);
	return 0;
}
