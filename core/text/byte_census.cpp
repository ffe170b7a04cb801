#include "text/byte_census.hpp"

#include <algorithm>

#include "text/utf8.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sdi::text {
namespace {

// Checks the UTF-8 sequences from `pos` on until one ends at or past `end`. Returns where the
// next unchecked byte is, or sets `invalid` to the start of an ill-formed sequence.
std::size_t check_utf8(std::string_view bytes, std::size_t pos, std::size_t end,
                       std::size_t& invalid) {
  while (pos < end) {
    if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t len = utf8::sequence_length(bytes, pos);
    if (len == 0) {
      invalid = pos;
      return bytes.size();
    }
    pos += len;
  }
  return pos;
}

#if defined(__SSE2__)
constexpr std::size_t kBlock = 16;

// All ones in the lanes of the bytes that are control characters (is_control_byte).
__m128i control_lanes(__m128i block) {
  const __m128i at_most_1f = _mm_cmpeq_epi8(_mm_min_epu8(block, _mm_set1_epi8(0x1F)), block);
  const __m128i past_tab = _mm_sub_epi8(block, _mm_set1_epi8('\t'));
  const __m128i tab_to_cr =
      _mm_cmpeq_epi8(_mm_min_epu8(past_tab, _mm_set1_epi8('\r' - '\t')), past_tab);
  const __m128i esc = _mm_cmpeq_epi8(block, _mm_set1_epi8(0x1B));
  const __m128i del = _mm_cmpeq_epi8(block, _mm_set1_epi8(0x7F));
  return _mm_or_si128(_mm_andnot_si128(_mm_or_si128(tab_to_cr, esc), at_most_1f), del);
}

// Whether the sixteen bytes are printable ASCII and line ends only, as nearly every block of an
// answer is: such a block has no NUL, no control character and no UTF-8 to check. One more than
// each byte, as a signed byte, is above 0x20 for exactly the bytes from 0x20 to 0x7E.
bool is_plain(__m128i block) {
  const __m128i printable =
      _mm_cmpgt_epi8(_mm_add_epi8(block, _mm_set1_epi8(1)), _mm_set1_epi8(0x20));
  const __m128i line_end = _mm_cmpeq_epi8(block, _mm_set1_epi8('\n'));
  return _mm_movemask_epi8(_mm_or_si128(printable, line_end)) == 0xFFFF;
}

// The sum of the sixteen byte lanes.
std::size_t sum_lanes(__m128i lanes) {
  const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
  return static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
}
#endif

}  // namespace

ByteCensus take_census(std::string_view bytes, std::size_t sample) {
  ByteCensus census;
  const std::size_t n = bytes.size();
  census.sampled = std::min(n, sample);
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  std::size_t utf8_checked = 0;  // no ill-formed sequence starts before this
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  __m128i nul_lanes = zero;
  const auto load = [&](std::size_t at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
  };
  // Only blocks with a byte from 0x80 up can hold ill-formed UTF-8.
  const auto check_block = [&](std::size_t at, __m128i block) {
    if (_mm_movemask_epi8(block) != 0 && census.first_invalid == std::string_view::npos)
      utf8_checked =
          check_utf8(bytes, std::max(utf8_checked, at), at + kBlock, census.first_invalid);
  };
  // The sample's whole blocks. A byte lane counts its position's controls and holds 255 at most,
  // so the lanes are added up every 255 blocks.
  const std::size_t sample_blocks_end = census.sampled / kBlock * kBlock;
  while (i < sample_blocks_end) {
    const std::size_t stop = std::min(sample_blocks_end, i + 255 * kBlock);
    __m128i counts = zero;
    for (; i < stop; i += kBlock) {
      const __m128i block = load(i);
      if (is_plain(block)) continue;
      nul_lanes = _mm_or_si128(nul_lanes, _mm_cmpeq_epi8(block, zero));
      counts = _mm_sub_epi8(counts, control_lanes(block));  // a control's lane is minus one
      check_block(i, block);
    }
    census.controls += sum_lanes(counts);
  }
  for (std::size_t k = i; k < census.sampled; ++k) census.controls += is_control_byte(data[k]);
  for (; i + kBlock <= n; i += kBlock) {
    const __m128i block = load(i);
    if (is_plain(block)) continue;
    nul_lanes = _mm_or_si128(nul_lanes, _mm_cmpeq_epi8(block, zero));
    check_block(i, block);
  }
  census.has_nul = _mm_movemask_epi8(nul_lanes) != 0;
#else
  for (std::size_t k = 0; k < census.sampled; ++k) census.controls += is_control_byte(data[k]);
#endif
  for (std::size_t k = i; k < n; ++k) census.has_nul = census.has_nul || data[k] == 0;
  if (census.first_invalid == std::string_view::npos)
    check_utf8(bytes, std::max(utf8_checked, i), n, census.first_invalid);
  return census;
}

}  // namespace sdi::text
