#include "core/common.h"
#include "core/i18n.h"
#include "inputs/capdir.h"
#include "inputs/sniff.h"
#include "inputs/source.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

struct seen {
	struct {
		dev_t dev;
		ino_t ino;
	} *v;
	size_t n, cap;
};

ww_rc ww_pathlist_add(struct ww_pathlist *l, const char *path)
{
	char *dup;
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 16;
		char **nv = ww_reallocarray(l->v, nc, sizeof(*nv));
		if (!nv)
			return WW_ERR_NOMEM;
		l->v = nv;
		l->cap = nc;
	}
	dup = strdup(path);
	if (!dup)
		return WW_ERR_NOMEM;
	l->v[l->n++] = dup;
	return WW_OK;
}

void ww_pathlist_release(struct ww_pathlist *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Is the file a capture? Its first bytes, decompressed if need be. */
static bool is_capture(const char *path)
{
	struct ww_source s;
	unsigned char b[16];
	const char *why;
	int err;
	size_t n;
	if (ww_source_open(&s, path, 0, &err, &why))
		return false;
	n = fread(b, 1, sizeof(b), s.f);
	ww_source_close(&s);
	return ww_sniff_capture(b, n);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool seen_before(struct seen *sn, const struct stat *st, ww_rc *rc)
{
	size_t i;
	for (i = 0; i < sn->n; i++)
		if (sn->v[i].dev == st->st_dev && sn->v[i].ino == st->st_ino)
			return true;
	if (sn->n == sn->cap) {
		size_t nc = sn->cap ? sn->cap * 2 : 16;
		void *nv = ww_reallocarray(sn->v, nc, sizeof(*sn->v));
		if (!nv) {
			*rc = WW_ERR_NOMEM;
			return true;
		}
		sn->v = nv;
		sn->cap = nc;
	}
	sn->v[sn->n].dev = st->st_dev;
	sn->v[sn->n].ino = st->st_ino;
	sn->n++;
	return false;
}

static ww_rc walk(struct ww_pathlist *l, struct seen *sn, const char *dir, unsigned depth)
{
	DIR *d;
	struct dirent *e;
	struct ww_pathlist names;
	size_t i;
	ww_rc rc = WW_OK;
	memset(&names, 0, sizeof(names));
	d = opendir(dir);
	if (!d)
		return WW_ERR_IO;
	while ((e = readdir(d)) != NULL && !rc) {
		char full[4096];
		int k;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		k = snprintf(full, sizeof(full), "%s%s%s", dir,
		             dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		if (k < 0 || (size_t)k >= sizeof(full)) {
			l->unreadable++;
			continue;
		}
		rc = ww_pathlist_add(&names, full);
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n && !rc; i++) {
		struct stat st;
		if (stat(names.v[i], &st) != 0) { /* a dangling link, a race */
			l->unreadable++;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth + 1 >= WW_CAPDIR_DEPTH || seen_before(sn, &st, &rc)) {
				if (!rc)
					l->loops++;
				continue;
			}
			if (walk(l, sn, names.v[i], depth + 1) == WW_ERR_IO)
				l->unreadable++;
			if (l->n >= WW_CAPDIR_MAX)
				rc = WW_ERR_LIMIT;
		} else if (S_ISREG(st.st_mode) && st.st_size > 0) {
			if (!is_capture(names.v[i])) {
				l->others++;
				continue;
			}
			if (l->n >= WW_CAPDIR_MAX)
				rc = WW_ERR_LIMIT;
			else
				rc = ww_pathlist_add(l, names.v[i]);
		}
	}
	ww_pathlist_release(&names);
	return rc;
}

ww_rc ww_capdir_add(struct ww_pathlist *l, const char *dir)
{
	struct seen sn;
	struct stat st;
	ww_rc rc;
	memset(&sn, 0, sizeof(sn));
	if (stat(dir, &st) != 0)
		return WW_ERR_IO;
	if (seen_before(&sn, &st, &rc)) {
		free(sn.v);
		return WW_ERR_NOMEM;
	}
	rc = walk(l, &sn, dir, 0);
	free(sn.v);
	return rc;
}

ww_rc ww_capdir_expand(struct ww_pathlist *l, char *const *args, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		struct stat st;
		size_t before = l->n, others = l->others;
		ww_rc rc;
		if (strcmp(args[i], "-") == 0 || stat(args[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			if (ww_pathlist_add(l, args[i]))
				return WW_ERR_NOMEM;
			continue;
		}
		rc = ww_capdir_add(l, args[i]);
		if (rc == WW_ERR_NOMEM)
			return rc;
		if (rc == WW_ERR_LIMIT)
			ww_warn(_("'%s': more than %u captures; the rest were left out"), args[i],
			        WW_CAPDIR_MAX);
		else if (rc == WW_ERR_IO)
			ww_warn(_("'%s': cannot read the directory: %s"), args[i], strerror(errno));
		if (l->n == before)
			ww_warn(_("'%s': a directory with no capture under it (%zu other files)"), args[i],
			        l->others - others);
	}
	return WW_OK;
}
