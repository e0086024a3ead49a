/* Inside the offline reader: the context shared by the hive readers
 * (offline_system.c, offline_software.c, offline_sam.c), the file-system
 * walk (offline_fs.c, offline_tasks.c) and the timeline (offline.c). */
#ifndef WW_OFFLINE_INT_H
#define WW_OFFLINE_INT_H

#include <hivex.h>
#include <stdarg.h>

#include "host/host_inventory.h"
#include "offline/offline.h"

#define WW_OFF_MAX_TIMELINE 20000u    /* entries kept before the window is applied */
#define WW_OFF_MAX_SUBKEYS 20000u     /* subkeys of one key that are read */
#define WW_OFF_MAX_VALUE (1u << 20)   /* bytes of one value that are decoded */
#define WW_OFF_MAX_FS 200000u         /* file-system entries looked at in all */
#define WW_OFF_PATH 4096

struct ww_off_event {
	int64_t us;
	char *source;   /* the hive or file, relative to the root */
	char *what;
};

struct ww_offline {
	struct ww_host_ctx *host;
	struct ww_report *report;
	const char *root;
	bool has_since, has_until;
	int64_t since_us, until_us;
	WW_HOST_VEC(struct ww_off_event) timeline;
	unsigned hives, hives_bad, users;
	unsigned long fs_entries;   /* file-system entries looked at */
	bool fs_capped;
	char windows[192];          /* product name and build, from SOFTWARE */
	char computer[64];          /* from SYSTEM */
};

/* One opened hive. */
struct ww_hive {
	struct ww_offline *o;
	hive_h *h;
	const char *label;    /* path relative to the root, as shown */
	const char *prefix;   /* "HKEY_LOCAL_MACHINE\\SYSTEM", "HKEY_CURRENT_USER" ... */
	uint32_t src;         /* the hive's source index in the host context */
	unsigned warnings;    /* warnings given (capped per hive) */
};

/* A decoded value. */
struct ww_hive_val {
	char *name;           /* "" for the default value */
	char *data;           /* text; MULTI_SZ joined with ", "; DWORD in decimal */
	uint32_t dword;
	uint8_t type;         /* enum ww_reg_type */
	uint32_t raw_type;    /* the hive's type number (SAM keeps a RID here) */
	unsigned char *bytes; /* the raw bytes (binary values) */
	size_t len;
};

/* offline_hive.c */
void ww_hive_warn(struct ww_hive *hv, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The child called name (case-insensitive), or 0 (missing, or a warning). */
hive_node_h ww_hive_child(struct ww_hive *hv, hive_node_h n, const char *key, const char *name);
/* A backslash path of children below n, or 0. */
hive_node_h ww_hive_path(struct ww_hive *hv, hive_node_h n, const char *path);
/* The key's name (malloc'd UTF-8), or NULL after a warning naming parent. */
char *ww_hive_name(struct ww_hive *hv, hive_node_h n, const char *parent);
/* Children of n (at most WW_OFF_MAX_SUBKEYS), 0-terminated, malloc'd; NULL
 * after a warning when they cannot be read. */
hive_node_h *ww_hive_children(struct ww_hive *hv, hive_node_h n, const char *key);
/* The key's last-write time in Unix microseconds, 0 when unknown. */
int64_t ww_hive_time(struct ww_hive *hv, hive_node_h n);
/* Decode one value; false (and a warning naming key) when it cannot be read. */
bool ww_hive_value(struct ww_hive *hv, hive_value_h v, const char *key, struct ww_hive_val *out);
void ww_hive_val_release(struct ww_hive_val *v);
/* The value called name (case-insensitive) of n, decoded; false when absent
 * or unreadable (then warned). */
bool ww_hive_get(struct ww_hive *hv, hive_node_h n, const char *key, const char *name,
                 struct ww_hive_val *out);
/* Add the values of n (all of them, or only those named in the
 * NULL-terminated list) to the inventory as registry values of key
 * "<prefix>\<key>", with the key's time. Returns how many were added. */
size_t ww_hive_keep(struct ww_hive *hv, hive_node_h n, const char *key,
                    const char *const *only);
/* The values of the key at path (below the root) when it exists, and a
 * timeline entry for the key when it has any. */
size_t ww_hive_keep_path(struct ww_hive *hv, const char *path, const char *const *only);

/* offline.c: a timeline entry (copied; dropped quietly past the cap). */
void ww_off_event(struct ww_offline *o, int64_t us, const char *source, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The hive readers; each reads what it knows and warns about the rest. */
enum ww_hive_kind { WW_HIVE_SYSTEM, WW_HIVE_SOFTWARE, WW_HIVE_NTUSER, WW_HIVE_SAM };
void ww_off_read_system(struct ww_hive *hv);
void ww_off_read_software(struct ww_hive *hv);
void ww_off_read_ntuser(struct ww_hive *hv);
void ww_off_read_sam(struct ww_hive *hv);
/* Open the hive at path (label as shown) and run the reader of its kind;
 * a hive that cannot be opened is a warning. */
void ww_off_read_hive(struct ww_offline *o, const char *path, const char *label,
                      enum ww_hive_kind kind);
/* Run the reader of kind on an opened hive (the fuzz harness uses this). */
void ww_off_read_opened(struct ww_offline *o, hive_h *h, const char *label,
                        enum ww_hive_kind kind);

/* offline_fs.c: case-insensitive path below the root ("Windows/System32/
 * config/SYSTEM"); the real path into out, false when a part is missing. */
bool ww_off_resolve(const char *root, const char *rel, char *out, size_t outlen);
/* Read the file system around the hives: startup folders, tasks,
 * autorun.inf, recycle folders, HOSTS, recent executables, bad names. */
void ww_off_read_fs(struct ww_offline *o);
/* Every Users/<name>/NTUSER.DAT and Documents and Settings/<name>/NTUSER.DAT. */
void ww_off_read_user_hives(struct ww_offline *o);
/* offline_tasks.c: a Task Scheduler 1.0 .job file and a 2.0 XML task. */
void ww_off_read_job(struct ww_offline *o, const char *path, const char *label,
                     const char *name);
void ww_off_read_xml_task(struct ww_offline *o, const char *path, const char *label,
                          const char *name);
/* offline_lnk.c: the target and arguments of a shortcut (malloc'd). */
bool ww_off_read_lnk(struct ww_offline *o, const char *path, const char *label, char **target,
                     char **args);
/* offline_autorun.c: the program autorun.inf at the root starts. */
void ww_off_read_autorun(struct ww_offline *o, const char *path, const char *label);

/* Utilities (offline_hive.c). */
int64_t ww_off_filetime_us(uint64_t ft);
/* UTF-16LE to UTF-8, invalid units as U+FFFD (*bad set); at most max bytes
 * of input; stops at a NUL unit unless multi (then NULs become ", "). */
char *ww_off_utf16(const unsigned char *p, size_t n, bool multi, bool *bad);

#endif
