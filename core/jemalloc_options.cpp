// jemalloc's options, read once at start-up (the MALLOC_CONF environment variable still overrides
// them). Huge pages for its arenas and metadata: a cold `sdi grade` fills a few megabytes of fresh
// heap (the glossary, the concept index, a Lua state per pack), and taking them as 2 MiB pages
// instead of hundreds of 4 KiB faults shortens every start by about a tenth; where the kernel has
// no huge page to give (or transparent huge pages are off), it falls back to small pages.
// The thread caches keep blocks of up to 4 KiB rather than 32 KiB: caching the few larger sizes a
// start allocates costs it about sixty page faults (a fifth of them, some 0.15 ms), for about 1%
// more instructions in a batch run.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always,tcache_max:4096";
}
