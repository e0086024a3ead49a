/* The cluster's records and partitions (src/cluster/record.h), the
 * partition's merge and counts (part.h), and the bus's security check
 * (bus.h). */
#include "cluster/bus.h"
#include "cluster/part.h"
#include "cluster/record.h"
#include "ww_test.h"

#include <stdlib.h>

static struct ww_addr v4(unsigned a, unsigned b, unsigned c, unsigned d)
{
	struct ww_addr x;
	uint8_t q[4] = {(uint8_t)a, (uint8_t)b, (uint8_t)c, (uint8_t)d};
	ww_addr_set_v4(&x, q);
	return x;
}

static void roundtrip(void)
{
	struct ww_buf b;
	struct ww_rec r, d;
	uint8_t frame[60];
	size_t i;
	ww_buf_init(&b, 1 << 20);
	memset(frame, 0xab, sizeof(frame));
	memset(&r, 0, sizeof(r));
	r.type = WW_REC_FRAME;
	r.seq = 77;
	r.ts_us = 1700000000123456;
	snprintf(r.name, sizeof(r.name), "site-a");
	r.dlt = 1;
	r.caplen = sizeof(frame);
	r.wire_len = 1514;
	r.frame = frame;
	CHECK_EQ_INT(ww_rec_encode(&r, &b), WW_OK);
	CHECK_EQ_INT(b.len, 4 + 4 + 16 + 1 + 6 + 12 + 60);
	CHECK_EQ_INT(ww_rec_decode((const uint8_t *)b.s, b.len, &d), WW_OK);
	CHECK_EQ_INT(d.type, WW_REC_FRAME);
	CHECK_EQ_INT(d.seq, 77);
	CHECK_EQ_INT(d.ts_us, 1700000000123456);
	CHECK_EQ_STR(d.name, "site-a");
	CHECK_EQ_INT(d.caplen, 60);
	CHECK_EQ_INT(d.wire_len, 1514);
	CHECK(d.frame && memcmp(d.frame, frame, 60) == 0);
	/* every cut-off prefix is refused, never read past */
	for (i = 0; i < b.len; i++) {
		uint8_t *cut = malloc(i ? i : 1);
		memcpy(cut, b.s, i);
		CHECK(ww_rec_decode(cut, i, &d) != WW_OK);
		free(cut);
	}
	/* a byte too many is refused too */
	ww_buf_addc(&b, 0);
	CHECK_EQ_INT(ww_rec_decode((const uint8_t *)b.s, b.len, &d), WW_ERR_FORMAT);

	memset(&r, 0, sizeof(r));
	r.type = WW_REC_ATTEMPT;
	r.seq = 3;
	r.ts_us = 5000000;
	snprintf(r.name, sizeof(r.name), "r1_x");
	r.a.src = v4(192, 168, 1, 23);
	r.a.dst = v4(10, 9, 8, 7);
	r.a.proto = 6;
	r.a.sport = 40000;
	r.a.dport = 445;
	r.a.outcome = WW_OUTCOME_TIMEOUT;
	r.a.syn = true;
	CHECK_EQ_INT(ww_rec_encode(&r, &b), WW_OK);
	CHECK_EQ_INT(ww_rec_decode((const uint8_t *)b.s, b.len, &d), WW_OK);
	CHECK(ww_addr_eq(&d.a.src, &r.a.src) && ww_addr_eq(&d.a.dst, &r.a.dst));
	CHECK_EQ_INT(d.a.dport, 445);
	CHECK_EQ_INT(d.a.sport, 40000);
	CHECK_EQ_INT(d.a.outcome, WW_OUTCOME_TIMEOUT);
	CHECK(d.a.syn);
	CHECK_EQ_INT(d.a.ts_us, 5000000);
	/* an outcome past the last one, a v4 flag of 2 */
	b.s[b.len - 2] = 9;
	CHECK_EQ_INT(ww_rec_decode((const uint8_t *)b.s, b.len, &d), WW_ERR_FORMAT);

	memset(&r, 0, sizeof(r));
	r.type = WW_REC_END;
	snprintf(r.name, sizeof(r.name), "s");
	r.partitions = 8;
	r.published = 12345;
	r.frames = 99;
	r.cut = 2;
	r.last_ts = 42;
	CHECK_EQ_INT(ww_rec_encode(&r, &b), WW_OK);
	CHECK_EQ_INT(ww_rec_decode((const uint8_t *)b.s, b.len, &d), WW_OK);
	CHECK_EQ_INT(d.published, 12345);
	CHECK_EQ_INT(d.frames, 99);
	CHECK_EQ_INT(d.cut, 2);
	CHECK_EQ_INT(d.last_ts, 42);
	CHECK_EQ_INT(d.partitions, 8);
	/* a name with a dot or a space cannot make a message id or a key */
	snprintf(r.name, sizeof(r.name), "a.b");
	CHECK_EQ_INT(ww_rec_encode(&r, &b), WW_ERR_USAGE);
	CHECK(!ww_rec_name_ok(""));
	CHECK(!ww_rec_name_ok("x y"));
	CHECK(ww_rec_name_ok("Site_2-b"));
	/* the wrong magic */
	snprintf(r.name, sizeof(r.name), "s");
	ww_rec_encode(&r, &b);
	b.s[3] = '2';
	CHECK_EQ_INT(ww_rec_decode((const uint8_t *)b.s, b.len, &d), WW_ERR_FORMAT);
	ww_buf_release(&b);
}

static void partitions(void)
{
	struct ww_sipkey k;
	struct ww_netlist home;
	unsigned hits[8] = {0}, i, n;
	uint32_t out[3];
	struct ww_pkt p;
	struct ww_attempt a;
	ww_rec_default_key(&k);
	ww_netlist_init(&home);
	ww_netlist_add_private(&home);
	for (i = 0; i < 2048; i++) {
		struct ww_addr x = v4(10, 0, i >> 8, i & 255);
		uint32_t q = ww_rec_partition(&k, &x, 8);
		CHECK(q < 8);
		CHECK_EQ_INT(ww_rec_partition(&k, &x, 8), q); /* the same every time */
		hits[q]++;
	}
	/* spread: every partition gets between 1/16 and 1/4 of the hosts */
	for (i = 0; i < 8; i++)
		CHECK(hits[i] > 2048 / 16 && hits[i] < 2048 / 4);
	{
		struct ww_addr x = v4(10, 0, 0, 1);
		CHECK_EQ_INT(ww_rec_partition(&k, &x, 1), 0);
	}
	/* a packet between two judged hosts in different partitions: both,
	 * once each; to the outside: the judged side only */
	memset(&p, 0, sizeof(p));
	p.l3 = WW_L3_IP;
	p.proto = 6;
	p.src = v4(192, 168, 0, 1);
	for (i = 2; i < 255; i++) {
		p.dst = v4(192, 168, 0, i);
		if (ww_rec_partition(&k, &p.dst, 8) != ww_rec_partition(&k, &p.src, 8))
			break;
	}
	n = ww_rec_pkt_parts(&k, &home, &p, 8, out);
	CHECK_EQ_INT(n, 2);
	CHECK_EQ_INT(out[0], ww_rec_partition(&k, &p.src, 8));
	CHECK_EQ_INT(out[1], ww_rec_partition(&k, &p.dst, 8));
	p.dst = p.src;
	CHECK_EQ_INT(ww_rec_pkt_parts(&k, &home, &p, 8, out), 1);
	p.dst = v4(8, 8, 8, 8);
	CHECK_EQ_INT(ww_rec_pkt_parts(&k, &home, &p, 8, out), 1);
	p.src = v4(1, 1, 1, 1);
	CHECK_EQ_INT(ww_rec_pkt_parts(&k, &home, &p, 8, out), 0);
	/* an ICMP error from outside about a home host's probe */
	p.has_quoted = true;
	p.quoted.src = v4(172, 16, 5, 5);
	CHECK_EQ_INT(ww_rec_pkt_parts(&k, &home, &p, 8, out), 1);
	CHECK_EQ_INT(out[0], ww_rec_partition(&k, &p.quoted.src, 8));
	/* ARP: the sender and the target */
	memset(&p, 0, sizeof(p));
	p.l3 = WW_L3_ARP;
	p.arp_spa = v4(192, 168, 0, 1);
	p.arp_tpa = v4(192, 168, 0, 1);
	CHECK_EQ_INT(ww_rec_pkt_parts(&k, &home, &p, 8, out), 1);
	memset(&a, 0, sizeof(a));
	a.src = v4(192, 168, 3, 3);
	a.dst = v4(9, 9, 9, 9);
	CHECK_EQ_INT(ww_rec_attempt_parts(&k, &home, &a, 8, out), 1);
	CHECK_EQ_INT(out[0], ww_rec_partition(&k, &a.src, 8));
	ww_netlist_release(&home);
}

static void add(struct ww_part *p, struct ww_buf *b, uint64_t sseq, enum ww_rec_type t,
                const char *name, uint64_t seq, int64_t ts, unsigned dport)
{
	struct ww_rec r;
	memset(&r, 0, sizeof(r));
	r.type = t;
	r.seq = seq;
	r.ts_us = ts;
	snprintf(r.name, sizeof(r.name), "%s", name);
	r.partitions = 1;
	r.last_ts = ts;
	r.published = seq; /* any number: only carried */
	r.a.src = v4(192, 168, 7, 7);
	r.a.dst = v4(203, 0, 113, (unsigned)(dport & 255));
	r.a.proto = 6;
	r.a.dport = (uint16_t)dport;
	r.a.outcome = WW_OUTCOME_TIMEOUT;
	r.a.syn = true;
	r.a.ts_us = ts;
	ww_rec_encode(&r, b);
	ww_part_add(p, sseq, (const uint8_t *)b->s, b->len);
}

static void merge(void)
{
	struct ww_netlist home;
	struct ww_part p;
	struct ww_buf b;
	char *json = NULL;
	size_t len = 0;
	ww_netlist_init(&home);
	ww_netlist_add_private(&home);
	ww_buf_init(&b, 1 << 16);
	CHECK_EQ_INT(ww_part_init(&p, 0, 1, &home, 2, NULL, NULL), WW_OK);
	add(&p, &b, 1, WW_REC_HELLO, "a", 1, 0, 0);
	add(&p, &b, 2, WW_REC_ATTEMPT, "a", 2, 1000000, 1);
	add(&p, &b, 3, WW_REC_ATTEMPT, "a", 3, 3000000, 2);
	ww_part_release_ready(&p);
	/* sensor b has not said hello: nothing may go yet */
	CHECK_EQ_INT(p.applied, 0);
	add(&p, &b, 4, WW_REC_HELLO, "b", 1, 0, 0);
	add(&p, &b, 5, WW_REC_ATTEMPT, "b", 2, 2000000, 3);
	ww_part_release_ready(&p);
	/* a is at 3 s, b at 2 s: only what is earlier than 2 s goes */
	CHECK_EQ_INT(p.applied, 1);
	CHECK_EQ_INT(ww_part_min_waiting(&p), 3);
	/* the same stream sequence again: counted, not applied */
	add(&p, &b, 5, WW_REC_ATTEMPT, "b", 2, 2000000, 3);
	CHECK_EQ_INT(p.duplicates, 1);
	ww_part_set_floor(&p, 2);
	add(&p, &b, 2, WW_REC_ATTEMPT, "a", 2, 1000000, 1);
	CHECK_EQ_INT(p.duplicates, 2);
	add(&p, &b, 6, WW_REC_END, "b", 3, 2000000, 0);
	ww_part_release_ready(&p);
	/* b ended: a's clock alone holds the rest (3 s is not earlier than 3 s) */
	CHECK_EQ_INT(p.applied, 2);
	CHECK(!ww_part_complete(&p));
	add(&p, &b, 7, WW_REC_END, "a", 4, 3000000, 0);
	ww_part_release_ready(&p);
	CHECK_EQ_INT(p.applied, 3);
	CHECK_EQ_INT(p.late, 0);
	CHECK(ww_part_complete(&p));
	CHECK_EQ_INT(p.sensors[0].applied, 2);
	CHECK_EQ_INT(p.sensors[1].applied, 1);
	CHECK_EQ_INT(p.sensors[1].published, 3);
	/* garbage is counted and dropped */
	ww_part_add(&p, 8, (const uint8_t *)"junk", 4);
	CHECK_EQ_INT(p.rejected, 1);
	CHECK_EQ_INT(ww_part_final_json(&p, "j1", &json, &len), WW_OK);
	CHECK(json && strstr(json, "\"applied\":3,"));
	CHECK(json && strstr(json, "[\"192.168.7.7\",3]"));
	CHECK(json && strstr(json, "{\"name\":\"a\",\"ended\":true,\"published\":4,\"applied\":2"));
	free(json);
	ww_part_release(&p);
	ww_buf_release(&b);
	ww_netlist_release(&home);
}

static void security(void)
{
	struct ww_bus_opts o;
	CHECK(ww_bus_url_loopback("nats://127.0.0.1:4222"));
	CHECK(ww_bus_url_loopback("nats://localhost:4222,nats://127.0.0.2:4223"));
	CHECK(ww_bus_url_loopback("tls://user:pw@[::1]:4222"));
	CHECK(!ww_bus_url_loopback("nats://127.0.0.1:4222,nats://10.0.0.1:4222"));
	CHECK(!ww_bus_url_loopback("nats://nats.example.org:4222"));
	CHECK(!ww_bus_url_loopback("nats://127.0.0.1.example.org"));
	CHECK(!ww_bus_url_loopback(""));
	ww_diag_set_quiet(1);
	ww_bus_opts_init(&o);
	o.url = "nats://10.1.2.3:4222";
	CHECK_EQ_INT(ww_bus_check_security(&o), WW_ERR_USAGE);
	o.token = "t";
	CHECK_EQ_INT(ww_bus_check_security(&o), WW_ERR_USAGE); /* no TLS */
	o.ca = "/ca.pem";
	CHECK_EQ_INT(ww_bus_check_security(&o), WW_OK);
	o.token = NULL;
	CHECK_EQ_INT(ww_bus_check_security(&o), WW_ERR_USAGE); /* no authentication */
	o.url = "tls://me:secret@10.1.2.3:4222";
	CHECK_EQ_INT(ww_bus_check_security(&o), WW_OK);
	o.url = "nats://10.1.2.3:4222";
	o.ca = NULL;
	o.insecure = true;
	CHECK_EQ_INT(ww_bus_check_security(&o), WW_OK);
	o.insecure = false;
	o.url = "nats://127.0.0.1:4222";
	CHECK_EQ_INT(ww_bus_check_security(&o), WW_OK);
	o.user = "u";
	CHECK_EQ_INT(ww_bus_check_security(&o), WW_ERR_USAGE); /* a user without a password */
	o.password = "p";
	o.token = "t";
	CHECK_EQ_INT(ww_bus_check_security(&o), WW_ERR_USAGE); /* two ways at once */
	ww_diag_set_quiet(0);
}

int main(void)
{
	roundtrip();
	partitions();
	merge();
	security();
	return ww_test_done();
}
