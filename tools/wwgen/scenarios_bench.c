#include "gen.h"
ww_rc gen_scn_bench(struct gen *g, FILE *truth) { (void)g; (void)truth; return WW_OK; }
