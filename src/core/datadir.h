/* Where wormwatch's data files are (indicator lists, the Windows
 * collection script): $WW_DATADIR if set; else the installed tree beside
 * the program (<prefix>/bin/wormwatch -> <prefix>/share/wormwatch), when it
 * holds the indicators; else the source tree the build came from. */
#ifndef WW_CORE_DATADIR_H
#define WW_CORE_DATADIR_H

/* The folder, valid for the life of the process. */
const char *ww_datadir(void);

#endif
