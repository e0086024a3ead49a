/* Ports through which well-known worms spread. Sources: Symantec and
 * F-Secure write-ups of each family (named per row), the SANS ISC port
 * reports, and the Kido (Conficker) removal guide of seed 002. */
#include "core/common.h"
#include "detect/params.h"
#include "decode/packet.h"

static const struct {
	uint16_t port;
	uint8_t proto;
	const char *why;
} worm_ports[] = {
	{135, WW_PROTO_TCP, "RPC DCOM: Blaster, Welchia, Gaobot (MS03-026)"},
	{139, WW_PROTO_TCP, "NetBIOS session: Gaobot, Conficker, Nimda shares"},
	{445, WW_PROTO_TCP, "SMB: Sasser (MS04-011), Conficker (MS08-067), WannaCry (MS17-010)"},
	{1433, WW_PROTO_TCP, "MS SQL: Spida, Gaobot variants"},
	{1434, WW_PROTO_UDP, "MS SQL resolution: SQL Slammer"},
	{4444, WW_PROTO_TCP, "Blaster remote shell"},
	{5554, WW_PROTO_TCP, "Sasser FTP server / Dabber"},
	{9996, WW_PROTO_TCP, "Sasser remote shell"},
	{2745, WW_PROTO_TCP, "Bagle backdoor, scanned by Gaobot/Agobot"},
	{3127, WW_PROTO_TCP, "MyDoom backdoor, scanned by Doomjuice and Gaobot"},
	{6129, WW_PROTO_TCP, "DameWare: Gaobot/Agobot variants"},
	{1025, WW_PROTO_TCP, "RPC (Windows 2000/XP): Gaobot variants"},
	{23, WW_PROTO_TCP, "telnet: Mirai and other IoT worms"},
	{2323, WW_PROTO_TCP, "alternate telnet: Mirai"},
	{3389, WW_PROTO_TCP, "RDP: Morto, BlueKeep-era worms"},
	{5900, WW_PROTO_TCP, "VNC: Gaobot variants"},
	{80, WW_PROTO_TCP, "HTTP: Code Red, Nimda (counted as worm port only in sweeps)"},
};

bool ww_is_worm_port(uint8_t proto, uint16_t port)
{
	size_t i;
	if (port == 80)
		return false; /* too common to weigh; reported as a port only */
	for (i = 0; i < WW_ARRAY_LEN(worm_ports); i++)
		if (worm_ports[i].port == port && worm_ports[i].proto == proto)
			return true;
	return false;
}

const char *ww_port_name(uint16_t port)
{
	switch (port) {
	case 23: return "telnet";
	case 80: return "http";
	case 135: return "epmap";
	case 139: return "netbios-ssn";
	case 445: return "microsoft-ds";
	case 1433: return "ms-sql";
	case 1434: return "ms-sql-m";
	case 3389: return "rdp";
	case 4444: return "blaster-shell";
	default: return NULL;
	}
}
