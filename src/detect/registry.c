#include "core/common.h"
#include "detect/detect.h"

#include <stdarg.h>
#include <stdio.h>

/* Every detector, in the order they see each event. To add one, see the
 * recipe in detect/detect.h. */
const struct ww_detector *const ww_detectors[] = {
	&ww_detector_trw,
	&ww_detector_scan,
	&ww_detector_p2p,
	&ww_detector_dns,
	&ww_detector_exploit,
	&ww_detector_ndpi,
};
const size_t ww_n_detectors = WW_ARRAY_LEN(ww_detectors);

void ww_judge_utf8_trim(char *s)
{
	size_t n = strlen(s), k = n, cont = 0;
	/* back over continuation bytes to the last lead byte */
	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80 && cont < 3) {
		k--;
		cont++;
	}
	if (k > 0 && (unsigned char)s[k - 1] >= 0xC0) {
		unsigned char lead = (unsigned char)s[k - 1];
		size_t want = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
		if (cont < want)
			s[k - 1] = '\0'; /* a character cut by the buffer's end */
	}
}

void ww_judge_add(struct ww_judgement *j, bool untrusted, const char *fmt, ...)
{
	va_list ap;
	if (j->n_evidence >= WW_JUDGE_MAX_EVIDENCE)
		return;
	va_start(ap, fmt);
	vsnprintf(j->evidence[j->n_evidence], sizeof(j->evidence[0]), fmt, ap);
	va_end(ap);
	ww_judge_utf8_trim(j->evidence[j->n_evidence]);
	j->evidence_untrusted[j->n_evidence++] = untrusted;
}

void ww_judge_host(const struct ww_engine *e, const struct ww_host *h, struct ww_judgement *j,
                   bool explain)
{
	size_t i;
	memset(j, 0, offsetof(struct ww_judgement, why_scan));
	j->explain = explain;
	if (explain) {
		j->why_scan[0] = j->why_p2p[0] = j->why_exploit[0] = j->why_dns[0] = '\0';
	}
	for (i = 0; i < ww_n_detectors; i++)
		if (ww_detectors[i]->judge)
			ww_detectors[i]->judge(e, h, j);
}
