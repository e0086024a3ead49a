/* wormwatch's own nftables table, through libnftables (Debian's
 * libnftables1). Everything wormwatch does to a gateway's firewall lives in
 * one table, `inet wormwatch`, so that undoing it is deleting that table
 * and nothing else:
 *
 *   set allow4/allow6       never quarantined (gateway, DNS, admin, --allow)
 *   set home4/home6         inside networks
 *   set quarantine4/6       quarantined addresses, flags timeout
 *   chain forward           quarantined hosts reach nothing through the
 *                           gateway (except the allowlist) and nothing
 *                           reaches them; TCP 135/139/445, UDP 137/138
 *                           dropped towards addresses outside home
 *   chain input             quarantined hosts: no worm ports on the gateway
 *
 * The contract for callers (contain --apply, watch --contain):
 *   - ww_nft_can_admin() first: without CAP_NET_ADMIN nothing is tried;
 *   - ww_nft_table_apply() loads the plan's table atomically (an older
 *     wormwatch table is replaced in the same transaction; other tables are
 *     never touched);
 *   - ww_nft_quarantine_add() adds one address to the live quarantine set
 *     with its timeout (0: the element never expires), refusing an address
 *     on the allowlist given (WW_ERR_USAGE); WW_ERR_NOTFOUND when the table
 *     is not loaded; adding an address already there gives it the new
 *     timeout (renews it; seen with nftables 1.0.6); the address is cut off from everything but
 *     the allowlist at once (the allowlisted addresses stay reachable both
 *     ways: the gateway, DNS, the admin);
 *   - ww_nft_undo() deletes table inet wormwatch; WW_ERR_NOTFOUND when there
 *     is none (nothing was changed).
 * Every function writes a one-line reason into err on failure (nft's own
 * message, first line) and touches nothing but the table. Addresses go into
 * commands only re-formatted from their binary form; comments only through
 * ww_safe_text(). Not thread-safe per call: each call makes its own nft
 * context. */
#ifndef WW_RESPONSE_NFT_H
#define WW_RESPONSE_NFT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/addr.h"
#include "response/rules.h"

#define WW_NFT_TABLE "wormwatch"

/* Does this process hold CAP_NET_ADMIN (root has it)? */
bool ww_nft_can_admin(void);
ww_rc ww_nft_table_apply(const struct ww_contain_plan *p, char *err, size_t errlen);
ww_rc ww_nft_quarantine_add(const struct ww_addr *a, unsigned timeout_s, const char *comment,
                            const struct ww_netlist *allow, char *err, size_t errlen);
ww_rc ww_nft_undo(char *err, size_t errlen);
/* Is table inet wormwatch loaded? */
bool ww_nft_table_exists(void);
/* Run one nft command buffer (for tests and the functions above). */
ww_rc ww_nft_run(const char *cmds, char *err, size_t errlen);

#endif
