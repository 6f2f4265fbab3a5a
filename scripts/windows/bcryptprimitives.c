/* Wine 8 lacks bcryptprimitives.dll, whose ProcessPrng Rust's standard library (1.78+) imports
 * for its random numbers: without this stand-in no Rust test binary starts under Wine. Real
 * Windows 10+ has the DLL; this is only ever copied into a throwaway WINEPREFIX. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE p, SIZE_T n) { return RtlGenRandom(p, (ULONG)n); }
