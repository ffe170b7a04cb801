#pragma once
// JSON text as it is written: a growable byte buffer, and the string, integer and number
// spellings sdi.json and the result writers share.

#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace sdi::report {

class JsonText {
 public:
  // Room for `capacity` bytes (at least 4 KiB) before it first grows.
  explicit JsonText(std::size_t capacity = 4096) { grow(capacity); }
  // A buffer is handed over whole (to the thread that writes it out, and back to be written
  // over); the one it leaves is empty and allocates again on its first write.
  JsonText(JsonText&& other) noexcept
      : data_(std::move(other.data_)),
        pos_(std::exchange(other.pos_, nullptr)),
        end_(std::exchange(other.end_, nullptr)) {}
  JsonText& operator=(JsonText&& other) noexcept {
    data_ = std::move(other.data_);
    pos_ = std::exchange(other.pos_, nullptr);
    end_ = std::exchange(other.end_, nullptr);
    return *this;
  }

  // Room for `n` more bytes, returned as where they go: write them, then `commit` the end.
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - pos_) < n) grow(n);
    return pos_;
  }
  void commit(char* end) { pos_ = end; }

  void put(char c) {
    room(1);
    *pos_++ = c;
  }
  void put(std::string_view s) {
    char* p = room(s.size());
    std::memcpy(p, s.data(), s.size());
    pos_ = p + s.size();
  }

  // Like put, for short text whose source may be read sixteen bytes past its end: copied in
  // fixed-size chunks instead of by a call.
  void put_padded(const char* src, std::size_t n) {
    char* p = room(n + 16);
    std::memcpy(p, src, 16);
    for (std::size_t k = 16; k < n; k += 16) std::memcpy(p + k, src + k, 16);
    pos_ = p + n;
  }

  std::string_view view() const { return {data_.get(), size()}; }
  std::size_t size() const { return static_cast<std::size_t>(pos_ - data_.get()); }
  std::size_t capacity() const { return static_cast<std::size_t>(end_ - data_.get()); }
  void clear() { pos_ = data_.get(); }

 private:
  void grow(std::size_t n);

  std::unique_ptr<char[]> data_;
  char* pos_ = nullptr;
  char* end_ = nullptr;
};

// Where indented JSON breaks its lines: after a break, the prefix (which nests the text in an
// enclosing document), then `indent` spaces per level. With no indent the text is one line and a
// key's colon has no space after it.
class JsonLayout {
 public:
  JsonLayout(int indent, std::string_view prefix);

  void newline(JsonText& out, int depth) {
    if (indent_ == 0) return;
    put_line(out, 1, depth);
  }
  // Before a member of an object or array: the comma after the member before it (none before the
  // first), then the line break, in one copy.
  void separate(JsonText& out, int depth, bool first) {
    if (indent_ == 0) {
      if (!first) out.put(',');
      return;
    }
    put_line(out, first ? 1 : 0, depth);
  }
  // What follows an object's key.
  std::string_view colon() const { return indent_ > 0 ? ": " : ":"; }

  // What goes before a member at `depth`: the comma, then (when indenting) the line break, the
  // prefix and the indentation; what goes before the closing bracket of a container at `depth` is
  // the same without its first byte. Sixteen more bytes may be read past its end.
  std::string_view line(int depth) {
    const std::size_t end = head_ + indent_ * static_cast<std::size_t>(depth);
    if (line_.size() < end + 16) deepen(end + 16);
    return {line_.data(), end};
  }

 private:
  // line_ from `from` (0 with its comma, 1 without) to the indentation of `depth`.
  void put_line(JsonText& out, std::size_t from, int depth) {
    const std::size_t end = head_ + indent_ * static_cast<std::size_t>(depth);
    if (line_.size() < end + 16) [[unlikely]]
      deepen(end + 16);
    out.put_padded(line_.data() + from, end - from);
  }
  // Out of line, so that what is inlined for every line break stays small.
  void deepen(std::size_t size);

  std::size_t indent_;
  // A comma, a line break, the prefix, then as many spaces as the deepest line needs (a comma
  // alone when not indenting).
  std::string line_;
  std::size_t head_ = 0;  // the comma, the break and the prefix
};

// A JSON string literal for s[0..len): quotes, escapes; invalid UTF-8 becomes U+FFFD.
void append_quoted(JsonText& out, const char* s, std::size_t len);
void append_integer(JsonText& out, long long v);
namespace detail {
// append_quoted without vector instructions, as builds for other processors use it.
void append_quoted_portable(JsonText& out, const char* s, std::size_t len);
char* put_quoted_portable(char* p, const char* s, std::size_t len);
}  // namespace detail
// Integral values below 1e15 without a fraction, others in their shortest round-trip form,
// infinities and NaN as null.
void append_number(JsonText& out, double v);

// The same spellings written at `p`, which must have room for the bound each names; each returns
// the end of what it wrote. For writers that keep their place in a register between values
// rather than in a JsonText.
// At most six bytes out per byte in (\u00XX), plus the quotes, plus the slack of one last
// sixteen-byte store.
constexpr std::size_t quoted_bound(std::size_t len) {
  return len * 6 + 2 + 16;
}
char* put_quoted(char* p, const char* s, std::size_t len);
inline constexpr std::size_t kIntegerBound = 24;
char* put_integer(char* p, long long v);
inline constexpr std::size_t kNumberBound = 64;
char* put_number(char* p, double v);

}  // namespace sdi::report
