/* office-after and office-after-one: the office LAN of `office` (same
 * addresses, same users, file server, router and BitTorrent user) captured
 * again after the clean-up, for `wormwatch verify`.
 *
 * office-after: both PCs were cleaned and reconnected: .23 and .47 now
 *   browse like the users (DNS, then HTTP/HTTPS) and chatter on the LAN;
 *   nobody sends to worm ports except .101's SMB session to the file server.
 * office-after-one: .47 was cleaned (browses), .23 was missed and still
 *   sweeps the LAN on 445/139/135 (three passes, as in office). */
#include "office.h"

static void after_init(struct gen *g, struct office *o)
{
	office_lan_init(o, OFFICE_NET);
	office_lan_host(o, g, &o->fs, 10, true, true);
	office_lan_host(o, g, &o->w23, 23, true, true);
	office_lan_host(o, g, &o->w47, 47, true, true);
	office_lan_host(o, g, &o->bt, 60, false, false);
	for (uint8_t i = 0; i < 4; i++)
		office_lan_host(o, g, &o->users[i], (uint8_t)(101 + i), false, true);
}

static ww_rc after_scenario(struct gen *g, FILE *truth, bool one_left)
{
	static const uint16_t ports[] = {445, 139, 135};
	struct office *o = ww_calloc(1, sizeof(*o));
	ww_rc rc = WW_OK;

	if (!o) {
		gen_error("out of memory");
		return WW_ERR_NOMEM;
	}
	after_init(g, o);
	if (one_left) {
		for (unsigned pass = 0; pass < 3; pass++)
			office_sweep(g, o, &o->w23, GEN_US(10 + pass * 100), ports, WW_ARRAY_LEN(ports),
				     false, 0);
	} else {
		office_browse_host(g, o, &o->w23, 4);
	}
	office_browse_host(g, o, &o->w47, 5);
	office_p2p(g, o);
	office_users(g, o);
	office_chatter(g, o);
	free(o);
	rc = gen_truth_row(truth, "192.168.0.23", one_left ? "infected" : "normal",
			   one_left ? "missed by the clean-up: still sweeps 192.168.0.0/24 on "
				      "445/139/135"
				    : "cleaned: browses and chatters like the users");
	if (!rc)
		rc = gen_truth_row(truth, "192.168.0.47", "normal",
				   "cleaned: browses and chatters like the users");
	if (!rc)
		rc = gen_truth_row(truth, "192.168.0.60", "p2p", "BitTorrent on 6881, as before");
	for (unsigned i = 0; i < 4 && !rc; i++) {
		char a[24];

		snprintf(a, sizeof(a), "192.168.0.%u", 101 + i);
		rc = gen_truth_row(truth, a, "normal", "DNS then HTTP/HTTPS, as before");
	}
	return rc;
}

ww_rc gen_scn_office_after(struct gen *g, FILE *truth)
{
	return after_scenario(g, truth, false);
}

ww_rc gen_scn_office_after_one(struct gen *g, FILE *truth)
{
	return after_scenario(g, truth, true);
}
