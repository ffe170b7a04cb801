#pragma once
// The escapes reporters share, offered to them as the `sdi.escape` table; the shipped
// plugins/reporters/lib/escape.lua delegates to it and documents what each one does. Text is
// escaped in one pass over its bytes, where the Lua spelling needed a pattern search and a gsub
// per character class (a report escapes every title, feedback and evidence line it writes).
//
// Each function takes any value (nil gives "", other values go through tostring) and returns a
// string:
//   clean        invalid UTF-8 bytes, C0 controls but tab/LF/CR, DEL, C1 controls and
//                U+FFFE/U+FFFF become U+FFFD
//   line         clean, runs of whitespace become one space, one space trimmed at each end
//   xml          clean, & < > " ' CR as XML references
//   xml_attr     xml, plus LF and tab as references
//   html         clean, & < > " ' as HTML references
//   quote        clean, as a double-quoted JSON / YAML string (U+2028, U+2029, U+FEFF escaped)
//   gh_data      clean, % CR LF as %25 %0D %0A (GitHub workflow command data)
//   gh_property  gh_data, plus : and , as %3A %2C
//   md           line, Markdown punctuation backslash-escaped
// and one for numbers:
//   num          tonumber(v) or 0: whole numbers under 1e15 as integers, others with at most two
//                decimals and no trailing zeros

#include <lua.h>

namespace sdi::report {

// Adds the functions above to the table on top of the stack.
void add_escapes(lua_State* L);

}  // namespace sdi::report
