/* The SAM hive, best effort: the local accounts (SAM\Domains\Account\Users\
 * Names\<name>, whose default value's type number is the account's RID)
 * and the members of the Administrators alias (SAM\Domains\Builtin\Aliases\
 * 00000220, value C: a 0x34-byte header of 32-bit words, word 10 the offset
 * of the member SIDs after the header, word 12 their count). Members of
 * this machine are named by their account; others keep their SID, and the
 * well-known domain groups get their name. */
#include "core/common.h"
#include "core/i18n.h"
#include "offline/offline_int.h"

#include <stdio.h>

#define MAX_USERS 4096

struct account {
	uint32_t rid;
	char *name;
};

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* "S-1-5-21-a-b-c-rid" from the bytes at p (at most n); the length used,
 * 0 when it is not a SID. */
static size_t sid_text(const unsigned char *p, size_t n, char *out, size_t outlen,
                       uint32_t *last)
{
	size_t need, i, used;
	uint64_t auth = 0;
	int w;
	if (n < 8 || p[0] != 1 || p[1] > 15)
		return 0;
	need = 8 + 4 * (size_t)p[1];
	if (need > n)
		return 0;
	for (i = 2; i < 8; i++)
		auth = auth << 8 | p[i];
	w = snprintf(out, outlen, "S-1-%llu", (unsigned long long)auth);
	used = w > 0 ? (size_t)w : 0;
	*last = 0;
	for (i = 0; i < p[1] && used < outlen; i++) {
		*last = le32(p + 8 + 4 * i);
		w = snprintf(out + used, outlen - used, "-%u", *last);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return need;
}

static size_t read_accounts(struct ww_hive *hv, struct account *acc)
{
	static const char *const path = "SAM\\Domains\\Account\\Users\\Names";
	hive_node_h n = ww_hive_path(hv, hivex_root(hv->h), path), *kids;
	size_t i, k = 0;
	if (!n) {
		ww_hive_warn(hv, path, "no account names (not a SAM hive?)");
		return 0;
	}
	if (!(kids = ww_hive_children(hv, n, path)))
		return 0;
	for (i = 0; kids[i] && k < MAX_USERS; i++) {
		char *name = ww_hive_name(hv, kids[i], path);
		struct ww_hive_val v;
		char key[1024];
		if (!name)
			continue;
		snprintf(key, sizeof(key), "%s\\%s", path, name);
		acc[k].name = name;
		acc[k].rid = 0;
		if (ww_hive_get(hv, kids[i], key, "", &v)) {
			acc[k].rid = v.raw_type;
			ww_hive_val_release(&v);
		}
		ww_off_event(hv->o, ww_hive_time(hv, kids[i]), hv->label, "account %s (RID %u) "
		             "key written", name, acc[k].rid);
		k++;
	}
	free(kids);
	return k;
}

/* The machine's SID: the last 12 bytes of SAM\Domains\Account V. */
static bool machine_sid(struct ww_hive *hv, char *out, size_t outlen)
{
	static const char *const path = "SAM\\Domains\\Account";
	hive_node_h n = ww_hive_path(hv, hivex_root(hv->h), path);
	struct ww_hive_val v;
	bool ok = false;
	if (n && ww_hive_get(hv, n, path, "V", &v)) {
		if (v.len >= 12) {
			const unsigned char *p = v.bytes + v.len - 12;
			snprintf(out, outlen, "S-1-5-21-%u-%u-%u", le32(p), le32(p + 4), le32(p + 8));
			ok = true;
		}
		ww_hive_val_release(&v);
	}
	return ok;
}

static void add_member(struct ww_hive *hv, const char *name)
{
	struct ww_host_member *m = ww_host_add_member(hv->o->host);
	if (!m)
		return;
	m->group = ww_host_strndup("Administrators", 14);
	m->name = ww_host_strndup(name, strlen(name));
	m->src = hv->src;
	if (!m->group || !m->name)
		hv->o->report->rc = WW_ERR_NOMEM;
}

static void read_admins(struct ww_hive *hv, const struct account *acc, size_t nacc)
{
	static const char *const path = "SAM\\Domains\\Builtin\\Aliases\\00000220";
	hive_node_h n = ww_hive_path(hv, hivex_root(hv->h), path);
	struct ww_hive_val v;
	char msid[96] = "";
	size_t off, count, i;
	bool have_msid;
	if (!n || !ww_hive_get(hv, n, path, "C", &v))
		return;
	have_msid = machine_sid(hv, msid, sizeof(msid));
	if (v.len < 0x34) {
		ww_hive_warn(hv, path, "value C is %zu bytes, shorter than its header", v.len);
		ww_hive_val_release(&v);
		return;
	}
	off = le32(v.bytes + 40);
	count = le32(v.bytes + 48);
	if (count > 1000 || off > v.len - 0x34) {
		ww_hive_warn(hv, path, "value C names %zu members at offset %zu of %zu bytes", count,
		             off, v.len);
		ww_hive_val_release(&v);
		return;
	}
	off += 0x34;
	for (i = 0; i < count; i++) {
		char sid[256], name[320];
		uint32_t rid = 0;
		size_t used = sid_text(v.bytes + off, v.len - off, sid, sizeof(sid), &rid), k;
		const char *who = NULL;
		if (!used) {
			ww_hive_warn(hv, path, "member %zu of %zu is not a SID", i + 1, count);
			break;
		}
		off += used;
		if (have_msid && strncmp(sid, msid, strlen(msid)) == 0 && sid[strlen(msid)] == '-')
			for (k = 0; k < nacc; k++)
				if (acc[k].rid == rid)
					who = acc[k].name;
		if (who) {
			snprintf(name, sizeof(name), "%s", who);
		} else if (strncmp(sid, "S-1-5-21-", 9) == 0 && (rid == 512 || rid == 519)) {
			/* "<domain SID>\Domain Admins": the domain part without the RID */
			size_t dl = strlen(sid) - (rid == 512 ? 4 : 4);
			snprintf(name, sizeof(name), "%.*s\\%s", (int)dl, sid,
			         rid == 512 ? "Domain Admins" : "Enterprise Admins");
		} else {
			snprintf(name, sizeof(name), "%s", sid);
		}
		add_member(hv, name);
	}
	ww_hive_val_release(&v);
}

void ww_off_read_sam(struct ww_hive *hv)
{
	struct account *acc = calloc(MAX_USERS, sizeof(*acc));
	size_t n, i;
	char list[512] = "";
	size_t used = 0;
	if (!acc) {
		hv->o->report->rc = WW_ERR_NOMEM;
		return;
	}
	n = read_accounts(hv, acc);
	for (i = 0; i < n; i++) {
		int w = snprintf(list + used, sizeof(list) - used, "%s%s (%u)", i ? ", " : "",
		                 acc[i].name, acc[i].rid);
		if (w < 0 || (size_t)w >= sizeof(list) - used)
			break;
		used += (size_t)w;
	}
	if (n)
		ww_report_note(hv->o->report, true, _("'%s': %zu local accounts: %s"), hv->label, n,
		               list);
	read_admins(hv, acc, n);
	for (i = 0; i < n; i++)
		free(acc[i].name);
	free(acc);
}
