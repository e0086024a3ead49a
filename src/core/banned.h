/* Foot-guns banned at compile time (after git's banned.h). Included last by
 * core/common.h so every library file gets it. */
#ifndef WW_CORE_BANNED_H
#define WW_CORE_BANNED_H

#define WW_BANNED(func) sorry_##func##_is_banned_use_a_bounded_alternative

#undef strcpy
#define strcpy(x, y) WW_BANNED(strcpy)
#undef strcat
#define strcat(x, y) WW_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) WW_BANNED(strncpy)
#undef sprintf
#define sprintf(...) WW_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) WW_BANNED(vsprintf)
#undef gets
#define gets(x) WW_BANNED(gets)
#undef strtok
#define strtok(x, y) WW_BANNED(strtok)
#undef atoi
#define atoi(x) WW_BANNED(atoi)
#undef atol
#define atol(x) WW_BANNED(atol)
#undef sscanf
#define sscanf(...) WW_BANNED(sscanf)

#endif
