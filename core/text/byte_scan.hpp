#pragma once
// Finding the next of a few marker bytes in a long text. The engine passes over every byte of an
// answer several times looking for sentence ends or arrows, and almost no byte is one: testing
// sixteen bytes at a time skips the rest of them for a handful of instructions.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sdi::text {

// The first position at or after `from` whose byte is one of `Marks`, or text.size().
template <char... Marks>
std::size_t find_byte(std::string_view text, std::size_t from) {
  const char* data = text.data();
  const std::size_t n = text.size();
  std::size_t i = from;
#if defined(__GNUC__)
  using Bytes = char __attribute__((vector_size(16)));
  for (; i + 16 <= n; i += 16) {
    Bytes block;
    std::memcpy(&block, data + i, sizeof block);
    const Bytes hits = ((block == Marks) | ...);
    std::uint64_t halves[2];
    std::memcpy(halves, &hits, sizeof halves);
    if ((halves[0] | halves[1]) != 0) break;  // the byte loop below finds which one
  }
#endif
  for (; i < n; ++i)
    if (((data[i] == Marks) || ...)) return i;
  return n;
}

}  // namespace sdi::text
