/* The judge's loop: leases, takeover (replay up to the ack floor, quiet),
 * the durable consumer, acknowledgements after the state is built,
 * alerts and final verdicts on WW_VERDICTS (judge.h, docs/cluster.md). */
#include "core/common.h"
#include "core/timefmt.h"
#include "cluster/judge.h"
#include "cluster/part.h"
#include "report/writer.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

/* an applied record's message, kept until the ack floor passes it */
struct held {
	natsMsg *m;
	uint64_t sseq;
};

/* A lease as the lease thread keeps it (under judge.mu). */
struct lease {
	bool held, lost;
	uint64_t rev;
};

struct owned {
	bool on;
	struct ww_part part;
	natsSubscription *sub;
	struct held *held;
	size_t n_held, cap_held;
	bool final_sent;
	int64_t next_progress;
	int64_t next_look;   /* finished: when to look again */
};

struct judge {
	struct ww_bus *bus;
	const struct ww_judge_opts *o;
	uint32_t n_parts;
	struct owned *own;
	unsigned n_owned;
	int64_t next_lease;
	ww_rc rc;
	/* the leases are refreshed by a thread of their own, so that a slow
	 * bus call (a consumer made while a cluster elects its leader) cannot
	 * let them lapse; it stops refreshing if the main loop stops moving */
	struct lease *lease;
	pthread_mutex_t mu;
	pthread_t th;
	bool th_on;
	atomic_int th_stop;
	_Atomic int64_t loop_ms;
	uint64_t alerts;
	int64_t lease_ms;
	unsigned judges;         /* live judges at the last count that worked */
	natsSubscription *ctl;   /* ww.ctl.report: requests for the hosts as they stand */
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
	pthread_mutex_lock(&j->mu);
	j->lease[p].held = false;
	j->lease[p].lost = false;
	pthread_mutex_unlock(&j->mu);
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

static void alive(struct judge *j)
{
	atomic_store(&j->loop_ms, nats_Now());
}

static bool lease_lost(struct judge *j, uint32_t p)
{
	bool lost;
	pthread_mutex_lock(&j->mu);
	lost = j->lease[p].lost;
	pthread_mutex_unlock(&j->mu);
	return lost;
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
		if ((n & 1023) == 0)
			alive(j); /* a long replay is progress */
	}
	natsSubscription_Unsubscribe(sub);
	natsSubscription_Destroy(sub);
	ww_part_set_floor(&w->part, floor);
	fprintf(stderr, "wormwatch judge %s: partition %u replayed %llu messages up to stream "
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
	if ((rc = ww_part_init_cap(&w->part, p, j->n_parts, &j->o->home, j->o->expect_sensors,
	                           j->o->max_hosts, on_alert, j)))
		return rc;
	w->on = true;
	j->n_owned++;
	pthread_mutex_lock(&j->mu);
	j->lease[p].held = true;
	j->lease[p].lost = false;
	j->lease[p].rev = rev;
	pthread_mutex_unlock(&j->mu);
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
	/* the durable consumer goes on after the floor; made here and bound
	 * to, so that letting the partition go leaves it (and its ack floor)
	 * for the next owner (libnats deletes a consumer it made itself when
	 * the subscription is unsubscribed) */
	/* a push consumer delivering to an inbox of ours with flow control:
	 * libnats 3.4.1's pull fetch can write past its batch array when a
	 * request expires with messages in flight (seen under ASan) */
	{
		jsConsumerConfig cc;
		jsConsumerInfo *made = NULL;
		natsInbox *inbox = NULL;
		if (natsInbox_Create(&inbox) != NATS_OK) {
			drop(j, p, true);
			return WW_ERR_NOMEM;
		}
		jsConsumerConfig_Init(&cc);
		cc.Durable = durable;
		cc.DeliverSubject = inbox;
		cc.FlowControl = true;
		cc.Heartbeat = (int64_t)5 * 1000000000;
		cc.AckPolicy = js_AckAll;
		cc.AckWait = (int64_t)30 * 1000000000;
		cc.MaxAckPending = 1000000;
		cc.FilterSubject = subj;
		if (floor) {
			cc.DeliverPolicy = js_DeliverByStartSequence;
			cc.OptStartSeq = floor + 1;
		} else {
			cc.DeliverPolicy = js_DeliverAll;
		}
		s = js_AddConsumer(&made, j->bus->js, WW_BUS_RECORDS, &cc, NULL, &ec);
		natsInbox_Destroy(inbox);
		if (s != NATS_OK) {
			ww_error("partition %u: cannot make the durable consumer: %s (%d)", p,
			         natsStatus_GetText(s), (int)ec);
			drop(j, p, true);
			return WW_ERR_IO;
		}
		jsConsumerInfo_Destroy(made);
	}
	jsSubOptions_Init(&so);
	so.Stream = WW_BUS_RECORDS;
	so.Consumer = durable;
	so.ManualAck = true;
	s = js_SubscribeSync(&w->sub, j->bus->js, subj, NULL, &so, &ec);
	/* no client-side limit: a message dropped here would come back only
	 * after the ack wait, behind the merge's clock; what is delivered and
	 * not yet acknowledged is bounded by the consumer's MaxAckPending */
	if (s == NATS_OK)
		s = natsSubscription_SetPendingLimits(w->sub, -1, -1);
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
	if (lease_lost(j, w->part.id))
		return; /* another judge owns it now: its acks are not ours to give */
	for (i = 0; i < w->n_held; i++)
		if (w->held[i].sseq < lim && (best == SIZE_MAX || w->held[i].sseq > w->held[best].sseq))
			best = i;
	if (best == SIZE_MAX)
		return;
	/* waited for (the asynchronous natsMsg_Ack followed at once by
	 * natsMsg_Destroy corrupted libnats 3.4.1's heap now and then) */
	if (natsMsg_AckSync(w->held[best].m, NULL, NULL) != NATS_OK)
		return; /* tried again after the next batch */
	ww_part_set_floor(&w->part, w->held[best].sseq);
	if (nats_Now() >= w->next_progress) {
		w->next_progress = nats_Now() + 1000;
		fprintf(stderr, "wormwatch judge %s: partition %u: %llu records applied, acknowledged "
		        "up to stream sequence %llu\n", j->o->name, w->part.id,
		        (unsigned long long)w->part.applied, (unsigned long long)w->held[best].sseq);
	}
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
		        "(%llu records applied, %llu of them replayed quietly after a takeover)\n",
		        j->o->name, p, (unsigned long long)w->part.applied,
		        (unsigned long long)w->part.quiet_applied);
	}
	free(json);
}

/* One batch of a partition: up to 1,024 records, waiting at most wait_ms
 * for the first (an idle partition must not hold up the others long). */
static void pump(struct judge *j, uint32_t p, int64_t wait_ms)
{
	struct owned *w = &j->own[p];
	int i;
	for (i = 0; i < 1024; i++) {
		natsMsg *m = NULL;
		uint64_t sseq;
		if (natsSubscription_NextMsg(&m, w->sub, i ? 0 : wait_ms) != NATS_OK)
			break;
		sseq = msg_sseq(m);
		ww_part_add(&w->part, sseq, (const uint8_t *)natsMsg_GetData(m),
		            (size_t)natsMsg_GetDataLength(m));
		hold(w, m, sseq);
	}
	ww_part_release_ready(&w->part);
	ack_floor(j, w);
	if (!w->final_sent && ww_part_complete(&w->part))
		publish_final(j, p);
	if (w->final_sent)
		ack_floor(j, w);
}

/* ---- leases ---- */

/* The judges whose heartbeat key is in the bucket; when the bucket cannot
 * be listed (a slow cluster), the last count that worked: guessing "alone"
 * would make this judge hold on to every partition. */
static unsigned live_judges(struct judge *j)
{
	kvKeysList kl = {0};
	unsigned n = 0;
	int i;
	if (kvStore_Keys(&kl, j->bus->leases, NULL) != NATS_OK)
		return j->judges ? j->judges : 1;
	for (i = 0; i < kl.Count; i++)
		if (strncmp(kl.Keys[i], "judge-", 6) == 0)
			n++;
	kvKeysList_Destroy(&kl);
	j->judges = n ? n : 1;
	return j->judges;
}

/* The lease thread: every third of the TTL, the heartbeat and each held
 * partition's key updated at the revision written last; a refused update
 * means the lease lapsed and another judge holds it now (marked lost, the
 * main loop lets the partition go). If the main loop has not moved for
 * four TTLs (at least 20 s) the thread stops refreshing: a stuck judge
 * must lose its partitions. */
static void *lease_thread(void *arg)
{
	struct judge *j = arg;
	char k[WW_REC_NAME_MAX + 16];
	int64_t watchdog = j->lease_ms * 4 > 20000 ? j->lease_ms * 4 : 20000;
	while (!atomic_load(&j->th_stop)) {
		int64_t until = nats_Now() + j->lease_ms / 3;
		uint32_t p;
		if (nats_Now() - atomic_load(&j->loop_ms) < watchdog) {
			snprintf(k, sizeof(k), "judge-%s", j->o->name);
			kvStore_PutString(NULL, j->bus->leases, k, "alive");
			for (p = 0; p < j->n_parts; p++) {
				uint64_t old, rev = 0;
				bool ok;
				pthread_mutex_lock(&j->mu);
				old = j->lease[p].rev;
				ok = j->lease[p].held && !j->lease[p].lost;
				pthread_mutex_unlock(&j->mu);
				if (!ok)
					continue;
				part_key(k, sizeof(k), p);
				ok = kvStore_UpdateString(&rev, j->bus->leases, k, j->o->name, old) == NATS_OK;
				pthread_mutex_lock(&j->mu);
				if (j->lease[p].held && j->lease[p].rev == old) {
					if (ok)
						j->lease[p].rev = rev;
					else
						j->lease[p].lost = true;
				}
				pthread_mutex_unlock(&j->mu);
			}
		}
		while (!atomic_load(&j->th_stop) && nats_Now() < until)
			nats_Sleep(20);
	}
	return NULL;
}

static void leases(struct judge *j)
{
	char k[WW_REC_NAME_MAX + 16];
	unsigned share, judges;
	uint32_t p;
	for (p = 0; p < j->n_parts; p++)
		if (j->own[p].on && lease_lost(j, p)) {
			ww_warn("partition %u: the lease was lost", p);
			drop(j, p, false);
		}
	snprintf(k, sizeof(k), "judge-%s", j->o->name);
	kvStore_PutString(NULL, j->bus->leases, k, "alive");
	judges = live_judges(j);
	share = (j->n_parts + judges - 1) / judges;
	if (j->o->max_partitions && share > j->o->max_partitions)
		share = j->o->max_partitions;
	/* more than our share: give the excess back at once (the highest
	 * numbers first), the others take them at their next look */
	for (p = j->n_parts; p-- > 0 && j->n_owned > share;)
		if (j->own[p].on)
			drop(j, p, true);
	for (p = 0; p < j->n_parts && j->n_owned < share; p++) {
		uint64_t rev = 0;
		if (j->own[p].on)
			continue;
		part_key(k, sizeof(k), p);
		if (kvStore_CreateString(&rev, j->bus->leases, k, j->o->name) == NATS_OK) {
			alive(j);
			take(j, p, rev);
			alive(j);
		}
	}
}

/* A request on ww.ctl.report (its payload: the request's number; its
 * reply subject: the asker's inbox): every partition held and not
 * finished answers there with its hosts as they stand, through core NATS
 * (not stored: a page may ask every second). */
static void answer_requests(struct judge *j)
{
	natsMsg *m = NULL;
	while (j->ctl && natsSubscription_NextMsg(&m, j->ctl, 0) == NATS_OK) {
		const char *d = natsMsg_GetData(m), *reply = natsMsg_GetReply(m);
		int dl = natsMsg_GetDataLength(m), i;
		uint64_t req = 0;
		uint32_t p;
		for (i = 0; i < dl && i < 19 && d[i] >= '0' && d[i] <= '9'; i++)
			req = req * 10 + (uint64_t)(d[i] - '0');
		if (i != dl || !req || !reply || !*reply) {
			natsMsg_Destroy(m);
			m = NULL;
			continue; /* not a request number, or nowhere to answer */
		}
		for (p = 0; p < j->n_parts; p++) {
			char *json = NULL;
			size_t len = 0;
			if (!j->own[p].on || j->own[p].final_sent ||
			    ww_part_live_json(&j->own[p].part, j->o->name, req, &json, &len))
				continue;
			if (len <= INT_MAX &&
			    natsConnection_Publish(j->bus->nc, reply, json, (int)len) != NATS_OK)
				ww_warn("partition %u: cannot answer a request for the hosts so far", p);
			free(json);
		}
		natsMsg_Destroy(m);
		m = NULL;
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
	j.lease_ms = bo->lease_ms;
	if ((rc = ww_bus_partitions(bus, o->partitions, 3600 * 1000, &j.n_parts)))
		return ww_rc_exit(rc);
	if (!(j.own = ww_calloc(j.n_parts, sizeof(*j.own))) ||
	    !(j.lease = ww_calloc(j.n_parts, sizeof(*j.lease)))) {
		free(j.own);
		return WW_EXIT_SOFTWARE;
	}
	pthread_mutex_init(&j.mu, NULL);
	alive(&j);
	if (pthread_create(&j.th, NULL, lease_thread, &j) != 0) {
		ww_error("cannot start the lease thread");
		free(j.own);
		free(j.lease);
		return WW_EXIT_SOFTWARE;
	}
	j.th_on = true;
	{
		/* announce ourselves and give judges starting with us the time to
		 * do the same, so that the first share is a fair one */
		char k[WW_REC_NAME_MAX + 16];
		snprintf(k, sizeof(k), "judge-%s", o->name);
		kvStore_PutString(NULL, bus->leases, k, "alive");
		j.next_lease = nats_Now() + bo->lease_ms / 2;
	}
	fprintf(stderr, "wormwatch judge %s: %u partitions\n", o->name, j.n_parts);
	if (natsConnection_SubscribeSync(&j.ctl, bus->nc, "ww.ctl.report") != NATS_OK) {
		ww_warn("cannot listen for requests on ww.ctl.report: only final verdicts");
		j.ctl = NULL;
	}
	while (!*stop) {
		int64_t now = nats_Now();
		unsigned busy = 0;
		answer_requests(&j);
		if (now >= j.next_lease) {
			leases(&j);
			j.next_lease = now + bo->lease_ms / 2;
			if (o->once && all_final(&j))
				break;
		}
		for (p = 0; p < j.n_parts && !*stop; p++) {
			struct owned *w = &j.own[p];
			if (!w->on)
				continue;
			/* a finished partition is looked at once a second: only
			 * records after its end (ignored, acknowledged) can come */
			if (w->final_sent && now < w->next_look)
				continue;
			w->next_look = now + 1000;
			pump(&j, p, j.n_owned > 1 ? 5 : 100);
			alive(&j);
			busy++;
		}
		if (!busy)
			nats_Sleep(100);
	}
	atomic_store(&j.th_stop, 1);
	pthread_join(j.th, NULL);
	if (j.ctl) {
		natsSubscription_Unsubscribe(j.ctl);
		natsSubscription_Destroy(j.ctl);
	}
	for (p = 0; p < j.n_parts; p++)
		drop(&j, p, true);
	{
		char k[WW_REC_NAME_MAX + 16];
		snprintf(k, sizeof(k), "judge-%s", o->name);
		kvStore_Delete(bus->leases, k);
	}
	free(j.own);
	free(j.lease);
	pthread_mutex_destroy(&j.mu);
	return 0;
}
