#pragma once
// HTML character references as md4c reports them ("&amp;", "&#169;", "&#x2192;").

#include <string>
#include <string_view>

namespace sdi::text {

// Appends the decoded character. Numeric references are decoded fully (invalid ones become
// U+FFFD); named ones cover what answers use (punctuation, arrows, maths, currency); any other name
// is appended verbatim, since md4c has no entity table and passes every "&name;" through.
void append_entity(std::string& out, std::string_view entity);

}  // namespace sdi::text
