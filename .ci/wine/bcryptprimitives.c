/*
 * bcryptprimitives.dll for Wine 8 (Debian 12), which lacks it. Go >= 1.22
 * programs load it from system32 at start-up for ProcessPrng, the Windows
 * 10 random source, and stop with "bcryptprimitives.dll not found" without
 * it. This stand-in answers ProcessPrng from BCryptGenRandom, which Wine
 * has. Used only by .ci/wine.sh to run the Windows test binaries; real
 * Windows ships the DLL.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
