/* The bus: connection, security options, streams and buckets (bus.h). */
#include "core/common.h"
#include "core/textcur.h"
#include "cluster/bus.h"
#include "cluster/record.h"

#include <stdio.h>

void ww_bus_opts_init(struct ww_bus_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->replicas = 1;
	o->lease_ms = 3000;
}

bool ww_bus_opt(struct ww_bus_opts *o, int c, const char *arg, bool *bad)
{
	switch (c) {
	case 0x100: o->url = arg; return true;
	case 0x101: o->token = arg; return true;
	case 0x102: o->user = arg; return true;
	case 0x103: o->password = arg; return true;
	case 0x104: o->creds = arg; return true;
	case 0x105: o->ca = arg; return true;
	case 0x106: o->cert = arg; return true;
	case 0x107: o->key = arg; return true;
	case 0x108: o->insecure = true; return true;
	case 0x109:
		if (strlen(arg) != 1 || arg[0] < '1' || arg[0] > '5') {
			ww_error("--replicas takes 1 to 5, not '%s'", arg);
			*bad = true;
		} else {
			o->replicas = arg[0] - '0';
		}
		return true;
	default: return false;
	}
}

/* One URL's host: after "scheme://" and an optional "user:pass@", up to
 * ':' or the end ("[v6]" in brackets). */
static bool host_loopback(const char *u, size_t len)
{
	const char *p = u, *end = u + len, *at, *h, *he;
	char host[256];
	size_t hl;
	const char *sch = NULL;
	for (at = u; at + 2 < end; at++)
		if (at[0] == ':' && at[1] == '/' && at[2] == '/') {
			sch = at;
			break;
		}
	if (sch)
		p = sch + 3;
	for (at = end; at > p; at--)
		if (at[-1] == '@')
			break;
	if (at > p)
		p = at;
	if (p < end && *p == '[') {
		h = p + 1;
		for (he = h; he < end && *he != ']'; he++)
			;
	} else {
		h = p;
		for (he = h; he < end && *he != ':' && *he != '/'; he++)
			;
	}
	hl = (size_t)(he - h);
	if (hl == 0 || hl >= sizeof(host))
		return false;
	memcpy(host, h, hl);
	host[hl] = '\0';
	if (strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0)
		return true;
	{
		struct ww_addr a;
		if (ww_addr_parse(host, &a) == WW_OK)
			return ww_addr_is_loopback(&a);
	}
	return false;
}

bool ww_bus_url_loopback(const char *urls)
{
	const char *p = urls;
	if (!urls || !*urls)
		return false;
	for (;;) {
		const char *c = strchr(p, ',');
		size_t n = c ? (size_t)(c - p) : strlen(p);
		while (n && *p == ' ') {
			p++;
			n--;
		}
		if (!host_loopback(p, n))
			return false;
		if (!c)
			return true;
		p = c + 1;
	}
}

static bool url_has_tls(const char *urls)
{
	return strncmp(urls, "tls://", 6) == 0;
}

static bool url_has_auth(const char *urls)
{
	const char *s = strstr(urls, "://");
	const char *end;
	if (!s)
		return false;
	s += 3;
	end = strchr(s, ',');
	if (!end)
		end = s + strlen(s);
	return memchr(s, '@', (size_t)(end - s)) != NULL;
}

ww_rc ww_bus_check_security(const struct ww_bus_opts *o)
{
	bool tls, auth;
	if (!o->url || !*o->url) {
		ww_error("no NATS server given: pass --nats URL (nats://127.0.0.1:4222)");
		return WW_ERR_USAGE;
	}
	if ((o->cert && !o->key) || (!o->cert && o->key)) {
		ww_error("--tls-cert and --tls-key go together");
		return WW_ERR_USAGE;
	}
	if ((o->user && !o->password) || (!o->user && o->password)) {
		ww_error("--user and --password go together");
		return WW_ERR_USAGE;
	}
	if ((o->token != NULL) + (o->user != NULL) + (o->creds != NULL) > 1) {
		ww_error("give one of --token, --user/--password and --creds");
		return WW_ERR_USAGE;
	}
	if (o->insecure || ww_bus_url_loopback(o->url))
		return WW_OK;
	tls = o->ca || url_has_tls(o->url);
	auth = o->token || o->user || o->creds || url_has_auth(o->url);
	if (!tls || !auth) {
		ww_error("refusing '%s': a NATS server that is not on this machine needs TLS "
		         "(tls:// or --tls-ca) and authentication (--token, --user/--password or "
		         "--creds); pass --insecure to go without", o->url);
		return WW_ERR_USAGE;
	}
	return WW_OK;
}

static ww_rc nats_fail(const char *what, natsStatus s)
{
	ww_error("%s: %s%s%s", what, natsStatus_GetText(s), nats_GetLastError(NULL) ? ": " : "",
	         nats_GetLastError(NULL) ? nats_GetLastError(NULL) : "");
	return WW_ERR_IO;
}

ww_rc ww_bus_connect(const struct ww_bus_opts *o, struct ww_bus *b)
{
	natsOptions *no = NULL;
	natsStatus s;
	ww_rc rc;
	memset(b, 0, sizeof(*b));
	if ((rc = ww_bus_check_security(o)))
		return rc;
	if ((s = natsOptions_Create(&no)) != NATS_OK)
		return nats_fail("cannot set up the NATS client", s);
	{
		/* the list, split: each server on its own */
		char *copy = strdup(o->url), *save = NULL, *tok;
		const char *list[16];
		int n = 0;
		if (!copy) {
			natsOptions_Destroy(no);
			return WW_ERR_NOMEM;
		}
		for (tok = strtok_r(copy, ",", &save); tok && n < 16; tok = strtok_r(NULL, ",", &save)) {
			while (*tok == ' ')
				tok++;
			if (*tok)
				list[n++] = tok;
		}
		s = n ? natsOptions_SetServers(no, list, n) : NATS_INVALID_ARG;
		free(copy);
	}
	if (s == NATS_OK && o->client_name)
		s = natsOptions_SetName(no, o->client_name);
	if (s == NATS_OK && o->token)
		s = natsOptions_SetToken(no, o->token);
	if (s == NATS_OK && o->user)
		s = natsOptions_SetUserInfo(no, o->user, o->password);
	if (s == NATS_OK && o->creds)
		s = natsOptions_SetUserCredentialsFromFiles(no, o->creds, NULL);
	if (s == NATS_OK && (o->ca || url_has_tls(o->url)))
		s = natsOptions_SetSecure(no, true);
	if (s == NATS_OK && o->ca)
		s = natsOptions_LoadCATrustedCertificates(no, o->ca);
	if (s == NATS_OK && o->cert)
		s = natsOptions_LoadCertificatesChain(no, o->cert, o->key);
	if (s == NATS_OK)
		s = natsOptions_SetMaxReconnect(no, 60);
	if (s == NATS_OK)
		s = natsOptions_SetReconnectWait(no, 500);
	if (s == NATS_OK)
		s = natsOptions_SetTimeout(no, 5000);
	if (s != NATS_OK) {
		natsOptions_Destroy(no);
		return nats_fail("bad NATS client options", s);
	}
	s = natsConnection_Connect(&b->nc, no);
	natsOptions_Destroy(no);
	if (s != NATS_OK) {
		ww_error("cannot connect to '%s': %s", o->url, natsStatus_GetText(s));
		return WW_ERR_IO;
	}
	{
		jsOptions jo;
		jsOptions_Init(&jo);
		jo.Wait = 10000;
		if (o->async_err) {
			jo.PublishAsync.ErrHandler = o->async_err;
			jo.PublishAsync.ErrHandlerClosure = o->async_ud;
			jo.PublishAsync.MaxPending = o->async_max_pending ? o->async_max_pending : 4096;
			/* a replicated stream on a busy machine may pause: wait */
			jo.PublishAsync.StallWait = 10000;
		}
		if ((s = natsConnection_JetStream(&b->js, b->nc, &jo)) != NATS_OK) {
			ww_bus_close(b);
			return nats_fail("cannot open JetStream", s);
		}
	}
	return WW_OK;
}

void ww_bus_close(struct ww_bus *b)
{
	if (b->meta)
		kvStore_Destroy(b->meta);
	if (b->leases)
		kvStore_Destroy(b->leases);
	if (b->js)
		jsCtx_Destroy(b->js);
	if (b->nc) {
		natsConnection_FlushTimeout(b->nc, 2000);
		natsConnection_Destroy(b->nc);
	}
	memset(b, 0, sizeof(*b));
}

/* Wait (bounded) until the stream has a leader: a stream just made in a
 * cluster refuses publishes until its replicas have elected one. */
static ww_rc settle(struct ww_bus *b, const char *name)
{
	int64_t until = nats_Now() + 30000;
	for (;;) {
		jsStreamInfo *si = NULL;
		jsErrCode ec = 0;
		bool ok = false;
		if (js_GetStreamInfo(&si, b->js, name, NULL, &ec) == NATS_OK) {
			ok = !si->Cluster || (si->Cluster->Leader && si->Cluster->Leader[0]);
			jsStreamInfo_Destroy(si);
		}
		if (ok)
			return WW_OK;
		if (nats_Now() >= until) {
			ww_error("the stream %s has no leader after 30 s", name);
			return WW_ERR_IO;
		}
		nats_Sleep(100);
	}
}

static ww_rc ensure_stream(struct ww_bus *b, const char *name, const char *subj, int replicas)
{
	jsStreamConfig c;
	jsStreamInfo *si = NULL;
	jsErrCode ec = 0;
	const char *subjects[1];
	natsStatus s = js_GetStreamInfo(&si, b->js, name, NULL, &ec);
	if (s == NATS_OK) {
		jsStreamInfo_Destroy(si);
		return WW_OK;
	}
	jsStreamConfig_Init(&c);
	subjects[0] = subj;
	c.Name = name;
	c.Subjects = subjects;
	c.SubjectsLen = 1;
	c.Storage = js_FileStorage;
	c.Replicas = replicas;
	c.Duplicates = (int64_t)600 * 1000000000; /* ten minutes of Nats-Msg-Id memory */
	s = js_AddStream(&si, b->js, &c, NULL, &ec);
	if (s == NATS_OK) {
		jsStreamInfo_Destroy(si);
		return WW_OK;
	}
	/* another process made it in between */
	if (js_GetStreamInfo(&si, b->js, name, NULL, &ec) == NATS_OK) {
		jsStreamInfo_Destroy(si);
		return WW_OK;
	}
	return nats_fail(name, s);
}

static ww_rc ensure_kv(struct ww_bus *b, const char *bucket, int64_t ttl_ms, int replicas,
                       kvStore **out)
{
	kvConfig c;
	natsStatus s = js_KeyValue(out, b->js, bucket);
	if (s == NATS_OK)
		return WW_OK;
	kvConfig_Init(&c);
	c.Bucket = bucket;
	c.History = 1;
	c.TTL = ttl_ms * 1000000; /* nanoseconds in libnats 3.4 */
	c.Replicas = replicas;
	c.StorageType = js_FileStorage;
	s = js_CreateKeyValue(out, b->js, &c);
	if (s == NATS_OK)
		return WW_OK;
	if (js_KeyValue(out, b->js, bucket) == NATS_OK)
		return WW_OK;
	return nats_fail(bucket, s);
}

ww_rc ww_bus_setup(struct ww_bus *b, const struct ww_bus_opts *o)
{
	ww_rc rc;
	if ((rc = ensure_stream(b, WW_BUS_RECORDS, "ww.rec.>", o->replicas)) ||
	    (rc = ensure_stream(b, WW_BUS_VERDICTS, "ww.verdict.>", o->replicas)))
		return rc;
	if (!b->meta && (rc = ensure_kv(b, WW_BUS_META, 0, o->replicas, &b->meta)))
		return rc;
	if (!b->leases && (rc = ensure_kv(b, WW_BUS_LEASES, o->lease_ms, o->replicas, &b->leases)))
		return rc;
	if ((rc = settle(b, WW_BUS_RECORDS)) || (rc = settle(b, WW_BUS_VERDICTS)) ||
	    (rc = settle(b, "KV_" WW_BUS_META)) || (rc = settle(b, "KV_" WW_BUS_LEASES)))
		return rc;
	return WW_OK;
}

static bool parse_u32(const char *s, int len, uint32_t *v)
{
	uint32_t x = 0;
	int i;
	if (len <= 0 || len > 9)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (uint32_t)(s[i] - '0');
	}
	*v = x;
	return true;
}

/* A stream or bucket just made in a cluster answers only once its
 * replicas have elected a leader: a timeout until then is retried. */
#define WW_BUS_SETTLE_MS 30000

ww_rc ww_bus_partitions(struct ww_bus *b, uint32_t want, int64_t wait_ms, uint32_t *n)
{
	int64_t until = nats_Now() + wait_ms, settle = nats_Now() + WW_BUS_SETTLE_MS;
	while (!b->meta) {
		if (js_KeyValue(&b->meta, b->js, WW_BUS_META) == NATS_OK)
			break;
		b->meta = NULL;
		if (nats_Now() >= until) {
			ww_error("no cluster on this server yet (no bucket %s): start a sensor first",
			         WW_BUS_META);
			return WW_ERR_NOTFOUND;
		}
		nats_Sleep(200);
	}
	for (;;) {
		kvEntry *e = NULL;
		natsStatus s = kvStore_Get(&e, b->meta, "partitions");
		if (s == NATS_OK) {
			uint32_t v = 0;
			bool ok = parse_u32(kvEntry_Value(e), kvEntry_ValueLen(e), &v);
			kvEntry_Destroy(e);
			if (!ok || !v || v > WW_REC_PARTITIONS_MAX) {
				ww_error("the bucket %s holds a bad partition count", WW_BUS_META);
				return WW_ERR_FORMAT;
			}
			if (want && want != v) {
				ww_error("the cluster has %u partitions, not %u: every sensor must use "
				         "the same --partitions (or start from empty streams)", v, want);
				return WW_ERR_USAGE;
			}
			*n = v;
			return WW_OK;
		}
		if (s == NATS_TIMEOUT && nats_Now() < settle) {
			nats_Sleep(200);
			continue;
		}
		if (s != NATS_NOT_FOUND)
			return nats_fail("cannot read the partition count", s);
		if (want) {
			char buf[16];
			snprintf(buf, sizeof(buf), "%u", want);
			s = kvStore_CreateString(NULL, b->meta, "partitions", buf);
			if (s == NATS_OK) {
				*n = want;
				return WW_OK;
			}
			if (nats_Now() >= settle)
				return nats_fail("cannot set the partition count", s);
			nats_Sleep(100);
			continue; /* someone else set it (read theirs), or not settled */
		}
		if (nats_Now() >= until) {
			ww_error("no sensor has set the partition count yet (bucket %s)", WW_BUS_META);
			return WW_ERR_NOTFOUND;
		}
		nats_Sleep(200);
	}
}

ww_rc ww_bus_publish(struct ww_bus *b, const char *subj, const void *data, int len,
                     const char *msg_id)
{
	jsPubOptions po;
	jsErrCode ec = 0;
	natsStatus s = NATS_OK;
	int tries;
	jsPubOptions_Init(&po);
	po.MsgId = msg_id;
	po.MaxWait = 5000;
	for (tries = 0; tries < 10; tries++) {
		jsPubAck *pa = NULL;
		s = js_Publish(&pa, b->js, subj, data, len, &po, &ec);
		if (pa)
			jsPubAck_Destroy(pa);
		if (s == NATS_OK)
			return WW_OK;
		if (s != NATS_TIMEOUT && s != NATS_NO_RESPONDERS && s != NATS_CONNECTION_DISCONNECTED)
			break;
		nats_Sleep(200);
	}
	return nats_fail(subj, s);
}

ww_rc ww_bus_publish_async(struct ww_bus *b, const char *subj, const void *data, int len,
                           const char *msg_id)
{
	jsPubOptions po;
	natsStatus s;
	int tries;
	jsPubOptions_Init(&po);
	po.MsgId = msg_id;
	po.MaxWait = 10000;
	for (tries = 0;; tries++) {
		s = js_PublishAsync(b->js, subj, data, len, &po);
		if (s != NATS_TIMEOUT || tries == 5)
			break; /* stalled: too many acks outstanding for StallWait */
	}
	return s == NATS_OK ? WW_OK : nats_fail(subj, s);
}

ww_rc ww_bus_flush(struct ww_bus *b, int64_t timeout_ms)
{
	jsPubOptions po;
	natsStatus s;
	jsPubOptions_Init(&po);
	po.MaxWait = timeout_ms;
	s = js_PublishAsyncComplete(b->js, &po);
	return s == NATS_OK ? WW_OK : nats_fail("waiting for the stream's acks", s);
}

ww_rc ww_bus_stream_msgs(struct ww_bus *b, const char *stream, uint64_t *n)
{
	jsStreamInfo *si = NULL;
	jsErrCode ec = 0;
	natsStatus s = js_GetStreamInfo(&si, b->js, stream, NULL, &ec);
	if (s != NATS_OK)
		return nats_fail(stream, s);
	*n = si->State.Msgs;
	jsStreamInfo_Destroy(si);
	return WW_OK;
}
