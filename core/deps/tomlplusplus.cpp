// toml++'s implementation, compiled once for the whole engine (the other files include toml++
// with TOML_HEADER_ONLY=0), so no shared libtomlplusplus is loaded at start-up.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
