#pragma once
// The `sdi` table packs and check plugins call to declare their content.

#include <lua.h>

#include "pack/content.hpp"

namespace sdi::pack {

// Where declarations go: the pack's own content, or the generic check library.
struct Declarations {
  Content* content = nullptr;
  bool generic = false;  // true while plugins/checks/*.lua run
};

// Pushes the `sdi` table (question, assumption, estimate, check, hint, concept, cache_rule, q,
// version). `decl` must outlive every call into the state.
void push_pack_api(lua_State* L, Declarations* decl);

// Lines of the declaring call, for error messages and lint findings.
Where caller_location(lua_State* L);

}  // namespace sdi::pack
