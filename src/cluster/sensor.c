/* The sensor: inputs -> records on WW_RECORDS (sensor.h). */
#include "core/common.h"
#include "cluster/sensor.h"
#include "decode/packet.h"

#include <stdio.h>

ww_rc ww_sensor_init(struct ww_sensor *s, struct ww_bus *bus, const char *name,
                     const struct ww_netlist *home, uint32_t parts)
{
	ww_rc rc;
	memset(s, 0, sizeof(*s));
	if (!ww_rec_name_ok(name))
		return WW_ERR_USAGE;
	s->bus = bus;
	ww_rec_default_key(&s->key);
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->parts = parts;
	s->seq = 1;
	s->snap = WW_REC_FRAME_MAX;
	ww_netlist_init(&s->home);
	if ((rc = ww_netlist_copy(&s->home, home)))
		return rc;
	if (!(s->published = ww_calloc(parts, sizeof(*s->published))))
		return WW_ERR_NOMEM;
	ww_buf_init(&s->buf, (size_t)WW_REC_FRAME_MAX + 256);
	return WW_OK;
}

void ww_sensor_release(struct ww_sensor *s)
{
	free(s->published);
	ww_buf_release(&s->buf);
	ww_netlist_release(&s->home);
	memset(s, 0, sizeof(*s));
}

/* One record to one partition; the id is "<sensor>-<seq>", so a publish
 * retried after a lost ack (or a rerun of the same input under the same
 * name) is stored once. */
static void send(struct ww_sensor *s, struct ww_rec *r, uint32_t part, bool marker)
{
	char subj[32], id[WW_REC_NAME_MAX + 32];
	ww_rc rc;
	if (s->rc)
		return;
	if (s->rate) {
		/* paced: a capture replayed at a given record rate */
		int64_t due = s->start_ms + (int64_t)(s->seq * 1000 / s->rate);
		int64_t now = nats_Now();
		if (!s->start_ms)
			s->start_ms = now;
		else if (due > now)
			nats_Sleep(due - now);
	}
	r->seq = s->seq++;
	snprintf(r->name, sizeof(r->name), "%s", s->name);
	if ((rc = ww_rec_encode(r, &s->buf))) {
		s->rc = rc;
		return;
	}
	snprintf(subj, sizeof(subj), "ww.rec.%u", part);
	snprintf(id, sizeof(id), "%s-%llu", s->name, (unsigned long long)r->seq);
	if ((rc = ww_bus_publish_async(s->bus, subj, s->buf.s, (int)s->buf.len, id))) {
		s->rc = rc;
		return;
	}
	if (!marker)
		s->published[part]++;
}

ww_rc ww_sensor_hello(struct ww_sensor *s)
{
	uint32_t p;
	struct ww_rec r;
	for (p = 0; p < s->parts; p++) {
		memset(&r, 0, sizeof(r));
		r.type = WW_REC_HELLO;
		r.partitions = s->parts;
		send(s, &r, p, true);
	}
	return s->rc;
}

void ww_sensor_frame(struct ww_sensor *s, int dlt, int64_t ts_us, const uint8_t *data,
                     uint32_t caplen, uint32_t wire_len)
{
	struct ww_pkt pkt;
	struct ww_rec r;
	uint32_t parts[3];
	unsigned n, i;
	ww_rc rc;
	s->frames++;
	s->bytes += wire_len;
	if (ts_us > s->last_ts)
		s->last_ts = ts_us;
	rc = ww_decode(dlt, data, caplen, wire_len, ts_us, &pkt);
	if (rc == WW_ERR_TRUNCATED) {
		s->cut++; /* cut frames still go to the engine, as in analyze */
	} else if (rc) {
		s->undecodable++;
		return;
	}
	n = ww_rec_pkt_parts(&s->key, &s->home, &pkt, s->parts, parts);
	if (!n) {
		s->unjudged++;
		return;
	}
	memset(&r, 0, sizeof(r));
	r.type = WW_REC_FRAME;
	r.ts_us = ts_us;
	r.dlt = (uint32_t)dlt;
	r.caplen = caplen > s->snap ? s->snap : caplen;
	r.wire_len = wire_len < r.caplen ? r.caplen : wire_len;
	r.frame = data;
	for (i = 0; i < n; i++)
		send(s, &r, parts[i], false);
}

void ww_sensor_attempt(struct ww_sensor *s, const struct ww_attempt *a)
{
	struct ww_rec r;
	uint32_t parts[3];
	unsigned n, i;
	s->attempts++;
	if (a->ts_us > s->last_ts)
		s->last_ts = a->ts_us;
	n = ww_rec_attempt_parts(&s->key, &s->home, a, s->parts, parts);
	if (!n) {
		s->unjudged++;
		return;
	}
	memset(&r, 0, sizeof(r));
	r.type = WW_REC_ATTEMPT;
	r.ts_us = a->ts_us < 0 ? 0 : a->ts_us;
	r.a = *a;
	for (i = 0; i < n; i++)
		send(s, &r, parts[i], false);
}

ww_rc ww_sensor_tick(struct ww_sensor *s, int64_t now_us)
{
	uint32_t p;
	struct ww_rec r;
	if (now_us > s->last_ts)
		s->last_ts = now_us;
	for (p = 0; p < s->parts; p++) {
		memset(&r, 0, sizeof(r));
		r.type = WW_REC_TICK;
		r.ts_us = s->last_ts;
		send(s, &r, p, true);
	}
	return s->rc;
}

ww_rc ww_sensor_end(struct ww_sensor *s)
{
	uint32_t p;
	struct ww_rec r;
	ww_rc rc;
	for (p = 0; p < s->parts; p++) {
		memset(&r, 0, sizeof(r));
		r.type = WW_REC_END;
		r.ts_us = s->last_ts;
		r.partitions = s->parts;
		r.published = s->published[p];
		r.frames = s->frames + s->attempts;
		r.bytes = s->bytes;
		r.undecodable = s->undecodable;
		r.cut = s->cut;
		r.last_ts = s->last_ts;
		send(s, &r, p, true);
	}
	if (s->rc)
		return s->rc;
	if ((rc = ww_bus_flush(s->bus, 60000)))
		return rc;
	if (s->failed && *s->failed) {
		ww_error("%llu records were not acknowledged by the stream; run the sensor again "
		         "with the same --name: its message ids make the rerun safe",
		         (unsigned long long)*s->failed);
		return WW_ERR_IO;
	}
	return WW_OK;
}
