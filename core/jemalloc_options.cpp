// jemalloc's options, read once at start-up (the MALLOC_CONF environment variable still overrides
// them). The thread caches keep blocks of up to 4 KiB rather than 32 KiB: caching the few larger
// sizes a start allocates costs it about sixty page faults (a fifth of them, some 0.15 ms), for
// about 1% more instructions in a batch run.
// The thread caches are trimmed after every MiB allocated rather than every 64 KiB: a batch run
// refilled and flushed them about once an answer, some 1% of its instructions; a start allocates
// too little for the difference to touch another page.
// Transparent huge pages stay off: they spared a cold start a few hundred small faults, but a
// long batch run kept freed memory in them, and its peak RSS grew with the number of files
// (33 MiB at 10,000 files, 54 MiB at 100,000, against 24 and 32 MiB without them).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "tcache_max:4096,tcache_gc_incr_bytes:1048576";
}
